"""The capture pipeline, in this process, against a local web server."""

import gzip
import hashlib
import io
import shutil
import subprocess
import sys
import threading
import time
import zlib
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.files.storage import default_storage
from django.db import connection, connections
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from warcio.archiveiterator import ArchiveIterator

from factcheck.models import AuditEvent
from sources.capture import (
    captures_reap,
    recheck_interval,
    rechecks_schedule,
    snapshot_capture,
    snapshot_claim,
    snapshot_fail,
    snapshot_request,
    sources_monitor,
)
from sources.models import Snapshot, Source
from sources.services import source_get_or_create
from tests.sources.test_extract import minimal_pdf
from tests.sources.webserver import ARTICLE

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def quick_retries(settings):
    settings.CAPTURE_RETRY_BASE = 1


def requested(url):
    source, _ = source_get_or_create(url=url)
    return snapshot_request(source=source, force=True)


def captured(url):
    outcome = snapshot_capture(snapshot_id=requested(url).pk)
    return Snapshot.objects.get(pk=outcome.snapshot.pk), outcome


def test_an_article_is_captured_with_warc_hashes_and_text(server):
    server.page("/news/troops", gzip.compress(ARTICLE.encode()), headers=[("Content-Encoding", "gzip")])
    server.redirect("/t", "/news/troops", 301)
    snapshot, _ = captured(server.url("/t"))
    assert snapshot.status == "succeeded" and snapshot.attempt == 1
    assert snapshot.payload_sha256 == hashlib.sha256(ARTICLE.encode()).hexdigest()
    assert default_storage.open(snapshot.payload.name).read() == ARTICLE.encode()
    assert (snapshot.final_url, snapshot.http_status) == (server.url("/news/troops"), 200)
    assert snapshot.redirect_chain == [{"url": server.url("/t"), "status": 301, "location": "/news/troops"}]
    assert "about 100,000 soldiers were deployed" in snapshot.text
    assert snapshot.text_sha256 == hashlib.sha256(snapshot.text.encode()).hexdigest()
    assert (snapshot.page_title, str(snapshot.page_date)) == ("Troops massed near the border", "2021-12-03")
    assert snapshot.extractor == "trafilatura" and snapshot.charset == "utf-8"
    with default_storage.open(snapshot.warc.name) as warc:
        records = [(r.rec_type, r.rec_headers.get_header("WARC-Target-URI")) for r in ArchiveIterator(warc)]
    assert records == [
        ("warcinfo", None),
        ("response", server.url("/t")),
        ("request", server.url("/t")),
        ("response", server.url("/news/troops")),
        ("request", server.url("/news/troops")),
    ]
    assert snapshot.source.last_checked_at is not None and snapshot.source.title == "Troops massed near the border"


def test_identical_payloads_are_stored_once(server):
    server.page("/same", ARTICLE)
    first, _ = captured(server.url("/same"))
    second, _ = captured(server.url("/same"))
    assert first.pk != second.pk and first.payload.name == second.payload.name
    assert first.warc.name != second.warc.name


def test_a_pdf_is_captured_with_its_text(server):
    server.page("/report.pdf", minimal_pdf("Inflation reached 7.1 percent."), "application/pdf")
    snapshot, _ = captured(server.url("/report.pdf"))
    assert "Inflation reached 7.1 percent." in snapshot.text and snapshot.extractor == "pypdf"


def test_a_missing_page_fails_permanently_and_marks_the_source(server):
    snapshot, outcome = captured(server.url("/gone"))
    assert outcome.retry_in is None
    assert (snapshot.status, snapshot.error_code, snapshot.http_status) == ("failed", "http_404", 404)
    assert "404" in snapshot.error_message
    assert snapshot.source.missing_since is not None


def test_503_with_retry_after_is_retried_then_succeeds(server):
    calls = []

    def flaky(handler):
        calls.append(1)
        if len(calls) == 1:
            return handler.send_body(503, b"busy", headers=[("Retry-After", "3")])
        return handler.send_body(200, ARTICLE.encode())

    server.route("/flaky")(flaky)
    snapshot = requested(server.url("/flaky"))
    outcome = snapshot_capture(snapshot_id=snapshot.pk)
    snapshot.refresh_from_db()
    assert (snapshot.status, snapshot.error_code) == ("queued", "http_503")
    assert 3 <= outcome.retry_in <= 3.6 and snapshot.next_attempt_at > timezone.now()
    snapshot_capture(snapshot_id=snapshot.pk)
    snapshot.refresh_from_db()
    assert (snapshot.status, snapshot.attempt, snapshot.error_code) == ("succeeded", 2, "")


def test_transient_errors_fail_once_the_attempts_are_used_up(server, settings):
    settings.CAPTURE_MAX_ATTEMPTS = 3
    server.page("/down", "down", status=503)
    snapshot = requested(server.url("/down"))
    retries = [snapshot_capture(snapshot_id=snapshot.pk).retry_in for _ in range(3)]
    snapshot.refresh_from_db()
    assert retries[:2] == [pytest.approx(retries[0]), pytest.approx(retries[1])] and retries[2] is None
    assert retries[1] > retries[0]  # backing off
    assert (snapshot.status, snapshot.attempt, snapshot.error_code) == ("failed", 3, "http_503")


def test_a_hostile_url_fails_with_a_reason_and_no_retry(db, settings):
    settings.CAPTURE_ALLOWED_PRIVATE = []
    snapshot, outcome = captured("http://169.254.169.254/latest/meta-data/")
    assert outcome.retry_in is None
    assert (snapshot.status, snapshot.error_code) == ("failed", "private_address")


def test_a_capture_is_claimed_once(server):
    snapshot = requested(server.url("/x"))
    assert snapshot_claim(snapshot_id=snapshot.pk) is not None
    assert snapshot_claim(snapshot_id=snapshot.pk) is None


def test_a_worker_presumed_dead_cannot_overwrite_the_later_attempt(server, settings):
    server.page("/page", ARTICLE)
    snapshot = requested(server.url("/page"))
    first = snapshot_claim(snapshot_id=snapshot.pk)
    Snapshot.objects.filter(pk=snapshot.pk).update(started_at=timezone.now() - timedelta(hours=1))
    later = snapshot_capture(snapshot_id=snapshot.pk).snapshot  # takes over the stuck job
    late = snapshot_fail(snapshot=first, code="timeout", message="The first worker woke up late.")
    assert (later.status, later.attempt, late.status) == ("succeeded", 2, "succeeded")
    assert Snapshot.objects.filter(source=snapshot.source, status="succeeded").count() == 1


def test_the_reaper_requeues_stuck_captures_and_fails_exhausted_ones(server, settings):
    settings.CAPTURE_MAX_ATTEMPTS = 2
    stuck, exhausted, lost = (requested(server.url(f"/{n}")) for n in ("stuck", "tired", "lost"))
    for snapshot in (stuck, exhausted):
        snapshot_claim(snapshot_id=snapshot.pk)
    Snapshot.objects.filter(pk=exhausted.pk).update(attempt=2)
    Snapshot.objects.filter(pk__in=[stuck.pk, exhausted.pk]).update(started_at=timezone.now() - timedelta(hours=1))
    Snapshot.objects.filter(pk=lost.pk).update(next_attempt_at=timezone.now() - timedelta(hours=1))
    assert captures_reap() == {"failed": 1, "requeued": 2}
    exhausted.refresh_from_db()
    assert (exhausted.status, exhausted.error_code) == ("failed", "stuck")
    # the re-queued ones can be claimed again
    assert snapshot_claim(snapshot_id=stuck.pk).attempt == 2
    assert snapshot_claim(snapshot_id=lost.pk).attempt == 1


def test_requesting_twice_does_not_duplicate_a_pending_capture(server, django_capture_on_commit_callbacks):
    source, _ = source_get_or_create(url=server.url("/once"))
    with django_capture_on_commit_callbacks() as callbacks:
        first = snapshot_request(source=source)
        second = snapshot_request(source=source, force=True)
    assert first.pk == second.pk and first.status == "queued"
    assert len(callbacks) == 1  # one message to the broker


def test_a_busy_host_waits_without_using_an_attempt(server, settings):
    settings.CAPTURE_PER_HOST, settings.CAPTURE_SLOT_WAIT = 1, 0.3
    server.page("/busy", ARTICLE)
    snapshot = requested(server.url("/busy"))
    other = connections.create_connection("default")
    try:
        key = zlib.crc32(b"127.0.0.1") - 2**31
        with other.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_lock(%s, 0)", [key])
        outcome = snapshot_capture(snapshot_id=snapshot.pk)
        snapshot.refresh_from_db()
        assert (snapshot.status, snapshot.attempt, snapshot.error_code) == ("queued", 0, "host_busy")
        assert outcome.retry_in == 5
    finally:
        other.close()
    snapshot_capture(snapshot_id=snapshot.pk)
    snapshot.refresh_from_db()
    assert (snapshot.status, snapshot.attempt) == ("succeeded", 1)


def test_a_capture_waits_for_its_hosts_slot_and_takes_it_when_it_frees(server, settings):
    settings.CAPTURE_PER_HOST, settings.CAPTURE_SLOT_WAIT = 1, 10
    server.page("/soon", ARTICLE)
    snapshot = requested(server.url("/soon"))
    other = connections.create_connection("default")
    other.inc_thread_sharing()  # the lock is let go from a timer's thread
    key = zlib.crc32(b"127.0.0.1") - 2**31
    try:
        with other.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_lock(%s, 0)", [key])
        release = threading.Timer(0.5, lambda: other.cursor().execute("SELECT pg_advisory_unlock_all()"))
        release.start()
        started = time.monotonic()
        outcome = snapshot_capture(snapshot_id=snapshot.pk)
        waited = time.monotonic() - started
        release.join()
    finally:
        other.dec_thread_sharing()
        other.close()
    snapshot.refresh_from_db()
    assert (snapshot.status, snapshot.attempt, outcome.retry_in) == ("succeeded", 1, None)  # not sent back
    assert waited >= 0.5


def test_a_body_over_the_cap_is_kept_truncated(server, settings):
    settings.CAPTURE_MAX_BYTES = 10_000
    server.page("/long", "<html><body><p>" + "word " * 10_000 + "</p></body></html>")
    snapshot, _ = captured(server.url("/long"))
    assert (snapshot.status, snapshot.truncated, snapshot.size) == ("succeeded", True, 10_000)
    with default_storage.open(snapshot.warc.name) as warc:
        truncated = [
            r.rec_headers.get_header("WARC-Truncated") for r in ArchiveIterator(warc) if r.rec_type == "response"
        ]
    assert truncated == ["length"]


def test_rechecks_come_sooner_when_young_and_rarer_when_old(server):
    source, _ = source_get_or_create(url=server.url("/monitored"))
    now = timezone.now()
    source.monitored_since = now - timedelta(days=1)
    assert recheck_interval(source, now) == timedelta(days=1)
    source.monitored_since = now - timedelta(days=15)
    assert recheck_interval(source, now) == timedelta(days=4)
    source.monitored_since = now - timedelta(days=400)
    assert recheck_interval(source, now) == timedelta(days=30)


def test_due_monitored_sources_are_queued_for_a_new_capture(server):
    due, fresh, _unmonitored = (source_get_or_create(url=server.url(f"/{n}"))[0] for n in ("due", "fresh", "plain"))
    sources_monitor(source_ids=[due.pk, fresh.pk])
    Source.objects.filter(pk=due.pk).update(last_checked_at=timezone.now() - timedelta(days=2))
    Source.objects.filter(pk=fresh.pk).update(last_checked_at=timezone.now())
    assert rechecks_schedule() == 1
    assert list(Snapshot.objects.values_list("source_id", "status")) == [(due.pk, "queued")]
    assert rechecks_schedule() == 0  # already pending


def test_host_slot_uses_its_own_connection_state_only(db):
    # The host slots are locks of a transaction: nothing stays locked on the connection.
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid()")
        assert cursor.fetchone()[0] == 0


def test_warc_files_are_valid_for_standard_tools(server):
    server.page("/w", ARTICLE)
    snapshot, _ = captured(server.url("/w"))
    data = default_storage.open(snapshot.warc.name).read()
    for record in ArchiveIterator(io.BytesIO(data), check_digests=True):
        record.content_stream().read()
        assert record.digest_checker.passed is not False


def test_each_warc_record_is_a_gzip_member_of_its_own(server):
    # Replay reads a record from its offset in an index: each must start a gzip member.
    server.page("/members", ARTICLE)
    snapshot, _ = captured(server.url("/members"))
    data = default_storage.open(snapshot.warc.name).read()
    records = ArchiveIterator(io.BytesIO(data))
    offsets = []
    for record in records:
        record.content_stream().read()
        offsets.append(records.get_record_offset())
    assert len(offsets) == 3
    for start, end in zip(offsets, [*offsets[1:], len(data)], strict=True):
        assert gzip.decompress(data[start:end]).startswith(b"WARC/1.")


def test_standard_warc_tools_accept_the_files(server, tmp_path):
    server.page("/tools", ARTICLE)
    snapshot, _ = captured(server.url("/tools"))
    path = tmp_path / "capture.warc.gz"
    path.write_bytes(default_storage.open(snapshot.warc.name).read())
    warcio = shutil.which("warcio") or str(Path(sys.executable).with_name("warcio"))
    check = subprocess.run([warcio, "check", "-v", str(path)], capture_output=True, text=True)
    assert check.returncode == 0 and check.stdout.count("digest pass") == 3, check.stdout
    index = subprocess.run([warcio, "index", str(path)], capture_output=True, text=True, check=True)
    assert index.stdout.count('"warc-type": "response"') == 1 and server.url("/tools") in index.stdout


def test_a_storage_failure_is_retried_and_leaves_nothing_half_written(server, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    (tmp_path / "payloads").write_text("a file where the payload folder should be")  # saving fails
    server.page("/s", ARTICLE)
    snapshot = requested(server.url("/s"))
    outcome = snapshot_capture(snapshot_id=snapshot.pk)
    snapshot.refresh_from_db()
    assert outcome.retry_in is not None
    assert (snapshot.status, snapshot.error_code, snapshot.payload_sha256) == ("queued", "internal_error", "")
    (tmp_path / "payloads").unlink()  # the disk is fixed
    snapshot_capture(snapshot_id=snapshot.pk)
    snapshot.refresh_from_db()
    assert (snapshot.status, snapshot.attempt) == ("succeeded", 2)


def receipts(snapshot) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(action="snapshot.captured", object_id=str(snapshot.pk)).order_by("seq"))


def test_each_finished_capture_writes_its_receipt_to_the_audit_chain(server):
    server.page("/news", ARTICLE)
    snapshot, _ = captured(server.url("/news"))
    [receipt] = receipts(snapshot)
    assert (receipt.object_type, receipt.actor_id, receipt.from_state, receipt.to_state) == (
        "sources.snapshot", None, "fetching", "succeeded"
    )  # fmt: skip
    assert receipt.data == {
        "snapshot": snapshot.pk,
        "source": snapshot.source_id,
        "url": server.url("/news"),
        "final_url": server.url("/news"),
        "status": "succeeded",
        "error_code": "",
        "attempt": 1,
        "sha256": hashlib.sha256(ARTICLE.encode()).hexdigest(),
        "text_sha256": snapshot.text_sha256,
        "warc": snapshot.warc.name,
        "method": "http",
        "complete": True,
        "finished_at": snapshot.finished_at.isoformat(),
    }
    assert receipt.data["text_sha256"] == hashlib.sha256(snapshot.text.encode()).hexdigest()


def test_a_failed_capture_writes_its_receipt_with_the_error_code(server):
    snapshot, _ = captured(server.url("/gone"))
    [receipt] = receipts(snapshot)
    assert (receipt.to_state, receipt.data["status"], receipt.data["error_code"]) == ("failed", "failed", "http_404")
    assert receipt.data["sha256"] == receipt.data["warc"] == ""
    assert receipt.data["finished_at"] == snapshot.finished_at.isoformat()


def test_a_capture_waiting_for_a_retry_has_no_receipt_until_it_finishes(server, settings):
    settings.CAPTURE_MAX_ATTEMPTS = 2
    server.page("/down", "down", status=503)
    snapshot = requested(server.url("/down"))
    snapshot_capture(snapshot_id=snapshot.pk)
    assert receipts(snapshot) == []  # back in the queue: not finished
    snapshot_capture(snapshot_id=snapshot.pk)
    [receipt] = receipts(snapshot)
    assert (receipt.data["error_code"], receipt.data["attempt"]) == ("http_503", 2)


def test_a_late_worker_writes_no_receipt_over_the_later_attempt(server):
    server.page("/page", ARTICLE)
    snapshot = requested(server.url("/page"))
    first = snapshot_claim(snapshot_id=snapshot.pk)
    Snapshot.objects.filter(pk=snapshot.pk).update(started_at=timezone.now() - timedelta(hours=1))
    snapshot_capture(snapshot_id=snapshot.pk)
    snapshot_fail(snapshot=first, code="timeout", message="The first worker woke up late.")
    assert [(r.data["status"], r.data["attempt"]) for r in receipts(snapshot)] == [("succeeded", 2)]


def test_a_capture_costs_the_same_few_queries_however_many_captures_the_archive_holds(
    server, django_capture_on_commit_callbacks
):
    """A capture's queries, the quoted passages' check after it included, do not grow with the
    archive; most captures have no citation waiting for them, and one query says so."""
    server.page("/news/troops", ARTICLE)

    def queries_of_a_capture(path):
        snapshot = requested(server.url(path))
        with CaptureQueriesContext(connection) as queries, django_capture_on_commit_callbacks(execute=True):
            assert snapshot_capture(snapshot_id=snapshot.pk).snapshot.status == "succeeded"
        return len(queries)

    first = queries_of_a_capture("/news/troops?n=0")
    for n in range(1, 6):
        queries_of_a_capture(f"/news/troops?n={n}")
        queries_of_a_capture("/news/troops?n=0")  # the same source again: compared with its last capture
    assert queries_of_a_capture("/news/troops?n=9") == first
    assert queries_of_a_capture("/news/troops?n=0") == first
    assert first <= 18, first
