"""The disk for captures fills up: the capture is kept queued with a clear reason and retried,
nothing half-written is left, and it succeeds once there is room again."""

import subprocess
import uuid
from pathlib import Path

import pytest

from sources.capture import snapshot_capture, snapshot_request
from sources.models import Snapshot
from sources.services import source_get_or_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def small_disk(tmp_path):
    mount = Path(f"/tmp/factcheck-full-{uuid.uuid4().hex[:8]}")
    mount.mkdir()
    made = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(mount)], capture_output=True)
    if made.returncode != 0:
        mount.rmdir()
        pytest.skip("mounting a small filesystem needs root")
    yield mount
    subprocess.run(["umount", str(mount)], check=False)
    mount.rmdir()


def test_a_full_disk_delays_a_capture_and_loses_nothing(server, settings, small_disk, tmp_path):
    page = "<html><body><article><p>" + "The figure was 100,000 soldiers. " * 8000 + "</p></article></body></html>"
    server.page("/big", page)
    settings.MEDIA_ROOT = str(small_disk)
    source, _ = source_get_or_create(url=server.url("/big"))
    outcome = snapshot_capture(snapshot_id=snapshot_request(source=source, enqueue=False).pk)
    snapshot = Snapshot.objects.get(pk=outcome.snapshot.pk)
    assert (snapshot.status, snapshot.error_code) == ("queued", "internal_error")
    assert "retried" in snapshot.error_message and outcome.retry_in > 0
    assert not snapshot.payload and not snapshot.warc and not snapshot.text  # nothing half-written
    assert [f for f in small_disk.rglob("*") if f.is_file()] == []  # no file cut short left behind
    assert "it will be retried" in snapshot.error_message

    settings.MEDIA_ROOT = str(tmp_path / "media")  # room again
    Snapshot.objects.filter(pk=snapshot.pk).update(next_attempt_at=snapshot.requested_at)
    again = snapshot_capture(snapshot_id=snapshot.pk)
    assert again.snapshot.status == "succeeded" and Snapshot.objects.count() == 1


def test_a_payload_cut_short_earlier_is_written_again_not_reused(server, settings):
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    server.page("/page", "<html><body><article><p>Whole page text.</p></article></body></html>")
    source, _ = source_get_or_create(url=server.url("/page"))
    first = snapshot_capture(snapshot_id=snapshot_request(source=source, enqueue=False).pk).snapshot
    name, whole = first.payload.name, first.payload.read()
    default_storage.delete(name)
    default_storage.save(name, ContentFile(whole[:10]))  # as a crash mid-write would leave it
    second = snapshot_capture(snapshot_id=snapshot_request(source=source, force=True, enqueue=False).pk).snapshot
    assert second.payload.name == name and default_storage.open(name).read() == whole
