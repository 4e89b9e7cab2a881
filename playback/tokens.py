"""Signed, expiring links to one capture's replay: the playback origin has no session, so the link
itself is the permission, given by the app to those who may see the capture."""

from django.conf import settings
from django.core import signing

SALT = "playback.snapshot"


class TokenRefused(Exception):
    """The link is forged, for another capture, or too old; the message says which, for people."""


def token_for(*, snapshot_id: int) -> str:
    return signing.dumps({"snapshot": snapshot_id}, salt=SALT)


def token_check(*, token: str, snapshot_id: int) -> None:
    try:
        value = signing.loads(token, salt=SALT, max_age=settings.PLAYBACK_URL_MAX_AGE)
    except signing.SignatureExpired:
        raise TokenRefused(
            "This replay link has expired. Open the capture again in the workbench for a fresh link."
        ) from None
    except signing.BadSignature:
        raise TokenRefused(
            "This replay link is not valid. Open the capture in the workbench for a working link."
        ) from None
    if not isinstance(value, dict) or value.get("snapshot") != snapshot_id:
        raise TokenRefused("This replay link is for another capture.")
