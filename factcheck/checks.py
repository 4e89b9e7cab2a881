"""System checks for settings whose mistake would leak a secret."""

from django.conf import settings
from django.core.checks import Error, Tags, register
from django.utils.module_loading import import_string

SERVER_SIDE_SESSIONS = (
    "django.contrib.sessions.backends.db",
    "django.contrib.sessions.backends.cache",
    "django.contrib.sessions.backends.cached_db",
    "django.contrib.sessions.backends.file",
)


@register(Tags.security)
def messages_stay_on_the_server(app_configs=None, **kwargs) -> list[Error]:
    """Messages carry one-time secrets (a new API key, a webhook's signing secret): they must be
    kept in a session that is itself kept on the server, never in a cookie."""
    from django.contrib.messages.storage.session import SessionStorage

    errors = []
    storage = import_string(settings.MESSAGE_STORAGE)
    if not issubclass(storage, SessionStorage):
        errors.append(
            Error(
                f"MESSAGE_STORAGE is {settings.MESSAGE_STORAGE}, which can put messages in a cookie.",
                hint="Use django.contrib.messages.storage.session.SessionStorage.",
                id="factcheck.E001",
            )
        )
    if settings.SESSION_ENGINE not in SERVER_SIDE_SESSIONS:
        errors.append(
            Error(
                f"SESSION_ENGINE is {settings.SESSION_ENGINE}: the session (and the messages in it) "
                "must be kept on the server, not in a cookie.",
                hint=f"Use one of {', '.join(SERVER_SIDE_SESSIONS)}.",
                id="factcheck.E002",
            )
        )
    return errors
