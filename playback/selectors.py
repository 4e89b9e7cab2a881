"""What the playback origin may show, and the app's links to it."""

from django.conf import settings
from django.urls import reverse

from playback.tokens import TokenRefused, token_check, token_for
from sources.models import Snapshot

ARCHIVE_KINDS = {"wacz": ("wacz", "application/wacz"), "warc.gz": ("warc", "application/warc")}


def archive_kind(snapshot: Snapshot) -> str | None:
    """What replays: the capture's WACZ when it has one, else its WARC; None when neither."""
    if snapshot.wacz:
        return "wacz"
    if snapshot.warc:
        return "warc.gz"
    return None


def snapshot_for_playback(*, snapshot_id: int, token: str) -> Snapshot | None:
    """The capture a replay link names, if the link lets it be seen: public captures with or
    without a token, the others with a valid one. None when there is no such capture with an
    archive; TokenRefused when the link does not open it."""
    snapshot = Snapshot.objects.select_related("source").filter(pk=snapshot_id).first()
    if snapshot is None or archive_kind(snapshot) is None:
        if token:
            token_check(token=token, snapshot_id=snapshot_id)  # a forged link learns nothing
        return None
    if token:
        token_check(token=token, snapshot_id=snapshot_id)
    elif not snapshot.public:
        raise TokenRefused("This capture is not public: open it from the workbench to replay it.")
    return snapshot


def playback_url(*, snapshot: Snapshot) -> str:
    """The replay of a capture on the playback origin, with a signed link (its age is limited by
    PLAYBACK_URL_MAX_AGE); "" without a playback origin or an archive."""
    if not settings.PLAYBACK_ORIGIN or archive_kind(snapshot) is None:
        return ""
    path = reverse("playback-replay", urlconf="playback.urls", args=[snapshot.pk])
    if snapshot.public:
        return settings.PLAYBACK_ORIGIN.rstrip("/") + path
    return f"{settings.PLAYBACK_ORIGIN.rstrip('/')}{path}?token={token_for(snapshot_id=snapshot.pk)}"
