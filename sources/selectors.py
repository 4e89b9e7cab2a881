from django.shortcuts import get_object_or_404

from sources.models import Snapshot, Source


def _succeeded(source_id: int):
    return Snapshot.objects.filter(source_id=source_id, status=Snapshot.Status.SUCCEEDED).order_by(
        "-finished_at", "-id"
    )


def snapshot_evidence(*, source_id: int) -> Snapshot | None:
    """The capture that is the source's evidence: its latest complete one (see sources.evidence)."""
    return _succeeded(source_id).filter(complete=True).first()


def snapshot_best(*, source_id: int) -> Snapshot | None:
    """The source's best text: its evidence, else its latest successful capture."""
    return snapshot_evidence(source_id=source_id) or _succeeded(source_id).first()


def snapshot_for_viewer(*, snapshot_id: int, user) -> Snapshot | None:
    """The snapshot if `user` may see it, else None: staff see every capture,
    anyone sees the captures that published verdicts rely on."""
    snapshots = Snapshot.objects.select_related("source").filter(pk=snapshot_id)
    if not (user.is_authenticated and user.is_active and user.has_perm("sources.view_snapshot")):
        snapshots = snapshots.filter(public=True)
    return snapshots.first()


def snapshots_as_kept(*, snapshot_ids) -> dict[int, dict]:
    """What the public pages say of these captures besides their pinned copy, in one query: how
    each was made (`method`: an upload is the newsroom's file, not a page the site fetched), whether
    it has a WARC (`has_warc`), and when an upload's file was obtained (`obtained_at`). Who uploaded
    it and the provenance in their words are the newsroom's own and are not read here."""
    rows = Snapshot.objects.filter(pk__in=[i for i in snapshot_ids if i]).values_list(
        "pk", "method", "warc", "provenance_obtained_at"
    )
    return {
        pk: {"method": method, "has_warc": bool(warc), "obtained_at": obtained} for pk, method, warc, obtained in rows
    }


def snapshot_previous(*, snapshot: Snapshot) -> Snapshot | None:
    return (
        Snapshot.objects.filter(source_id=snapshot.source_id, status=Snapshot.Status.SUCCEEDED, id__lt=snapshot.pk)
        .order_by("-id")
        .first()
    )


def source_with_snapshots(*, source_id: int, limit: int = 50) -> Source:
    """A source with `recent_snapshots`, newest first (404 if there is none)."""
    source = get_object_or_404(Source, pk=source_id)
    source.recent_snapshots = list(source.snapshots.order_by("-requested_at", "-id")[:limit])
    return source
