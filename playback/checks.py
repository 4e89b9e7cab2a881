"""System checks: replays must run on a site of their own."""

from django.conf import settings
from django.core.checks import Tags, Warning, register

from playback.origin import host_and_port, site_of


@register(Tags.security, deploy=True)
def playback_origin_is_set(app_configs=None, **kwargs) -> list[Warning]:
    if settings.PLAYBACK_ORIGIN:
        return []
    return [
        Warning(
            "PLAYBACK_ORIGIN is not set: captures cannot be replayed, only shown in the sandboxed view.",
            hint="Set PLAYBACK_ORIGIN to an origin on another domain than SITE_URL "
            "(e.g. https://archive-example.net for https://factcheck.example.org).",
            id="playback.W001",
        )
    ]


@register(Tags.security)
def playback_origin_is_another_site(app_configs=None, **kwargs) -> list[Warning]:
    if not settings.PLAYBACK_ORIGIN:
        return []
    host, _ = host_and_port(settings.PLAYBACK_ORIGIN)
    if not host:
        return [Warning(f"PLAYBACK_ORIGIN {settings.PLAYBACK_ORIGIN!r} is not an origin.", id="playback.W003")]
    if site_of(settings.PLAYBACK_ORIGIN) == site_of(settings.SITE_URL):
        return [
            Warning(
                f"PLAYBACK_ORIGIN {settings.PLAYBACK_ORIGIN} is on the same site as SITE_URL {settings.SITE_URL}: "
                "archived scripts replayed there would share the app's cookies.",
                hint="Use another domain (not another port or subdomain), e.g. localhost vs 127.0.0.1 in development.",
                id="playback.W002",
            )
        ]
    return []
