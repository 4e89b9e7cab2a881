from sources.models import Snapshot


def snapshot_latest_succeeded(*, source_id: int) -> Snapshot | None:
    return (
        Snapshot.objects.filter(source_id=source_id, status=Snapshot.Status.SUCCEEDED)
        .order_by("-finished_at", "-id")
        .first()
    )
