"""Captures on a worker's threads against the rest of the workbench: lock order and late attempts."""

import logging
import threading
import time
from datetime import timedelta

import pytest
from django.db import connection, connections
from django.utils import timezone

from factcheck.audit import _APPEND_LOCK_KEY
from sources.capture import captures_reap, snapshot_capture, snapshot_request
from sources.models import Snapshot
from sources.services import source_get_or_create
from tests.sources.webserver import ARTICLE

pytestmark = pytest.mark.django_db(transaction=True)


def _waiting() -> int:
    """How many transactions of this database wait for a lock now (the chain's or a row's)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'"
        )
        return cursor.fetchone()[0]


def _until(condition, seconds=10.0):
    give_up = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < give_up, "timed out"
        time.sleep(0.02)


def _in_thread(target, errors):
    def run():
        try:
            target()
        except Exception as error:  # kept for the assertion below
            errors.append(error)
        finally:
            connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    return thread


def test_the_reaper_and_a_late_capture_of_the_same_attempt_do_not_deadlock(server, settings, caplog):
    """A capture still running past the hard time limit (a worker's thread is not killed by it) is
    failed by the reaper while it stores its result. The reaper takes the chain's lock, then the
    capture's row; the capture holds its row and waits for the chain: neither may be broken off by
    PostgreSQL's deadlock detector."""
    settings.CAPTURE_MAX_ATTEMPTS = 1
    release_page = threading.Event()

    @server.route("/slow")
    def slow(handler):
        release_page.wait(10)
        handler.send_body(200, ARTICLE.encode())

    source, _ = source_get_or_create(url=server.url("/slow"))
    snapshot = snapshot_request(source=source, force=True, enqueue=False)

    # Any change in the workbench holds the chain's lock for a moment; this one holds it until told.
    other = connections.create_connection("default")
    errors = []
    try:
        with other.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_lock(%s)", [_APPEND_LOCK_KEY])
        worker = _in_thread(lambda: snapshot_capture(snapshot_id=snapshot.pk), errors)
        _until(lambda: Snapshot.objects.filter(pk=snapshot.pk, status="fetching").exists())
        # The capture runs past its hard time limit: the reaper presumes its worker dead.
        Snapshot.objects.filter(pk=snapshot.pk).update(started_at=timezone.now() - timedelta(hours=1))
        reaper = _in_thread(captures_reap, errors)
        _until(lambda: _waiting() == 1)  # the reaper, in snapshot_fail
        release_page.set()
        _until(lambda: _waiting() == 2)  # the capture too, in _finish
        with other.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_unlock(%s)", [_APPEND_LOCK_KEY])
        worker.join(30)
        reaper.join(30)
    finally:
        release_page.set()
        other.close()

    unexpected = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
    assert not errors, errors
    assert not unexpected, unexpected
    snapshot.refresh_from_db()
    assert snapshot.status in ("succeeded", "failed")


@pytest.mark.django_db(transaction=False)
def test_a_late_attempt_leaves_no_archive_behind(server):
    """The first attempt, presumed dead and re-run, finishes after the second: its result is
    dropped, and so is the WARC file it wrote, which no capture names."""
    from django.core.files.storage import default_storage

    from sources.capture.requesting import capture_policy, snapshot_claim
    from sources.capture.storing import complete_http
    from sources.extract import extract
    from sources.fetching.client import fetch

    server.page("/late", ARTICLE)
    source, _ = source_get_or_create(url=server.url("/late"))
    snapshot = snapshot_request(source=source, force=True, enqueue=False)
    first = snapshot_claim(snapshot_id=snapshot.pk)
    Snapshot.objects.filter(pk=snapshot.pk).update(started_at=timezone.now() - timedelta(hours=1))
    later = snapshot_capture(snapshot_id=snapshot.pk).snapshot
    result = fetch(first.requested_url, capture_policy())
    late = complete_http(first, result, extract(result.final.body, result.final.header("content-type")))
    assert (late.attempt, late.warc.name) == (2, later.warc.name)
    kept = {later.warc.name}
    folder = later.warc.name.rsplit("/", 1)[0]
    written = {f"{folder}/{name}" for name in default_storage.listdir(folder)[1] if f"snapshot-{snapshot.pk}-" in name}
    assert written == kept


@pytest.mark.django_db(transaction=False)
def test_a_late_browser_attempt_leaves_no_archive_behind(settings, server):
    """As for a plain capture: the late browser attempt's WARC and WACZ go with its result."""
    from django.core.files.storage import default_storage

    from sources.capture.browser import _take_browser, browser_snapshot_capture
    from sources.capture.requesting import browser_snapshot_request, snapshot_claim

    server.page("/rendered", ARTICLE)
    settings.CAPTURE_BROWSER = True
    source, _ = source_get_or_create(url=server.url("/rendered"))
    browser = browser_snapshot_request(source=source, enqueue=False)
    first = snapshot_claim(snapshot_id=browser.pk)
    Snapshot.objects.filter(pk=browser.pk).update(started_at=timezone.now() - timedelta(hours=1))
    later = browser_snapshot_capture(snapshot_id=browser.pk).snapshot
    late = _take_browser(first, {})
    assert (later.status, late.attempt, late.warc.name) == ("succeeded", 2, later.warc.name)
    for kind, field in (("warc", later.warc), ("wacz", later.wacz)):
        folder = field.name.rsplit("/", 1)[0]
        written = {
            f"{folder}/{name}" for name in default_storage.listdir(folder)[1] if f"snapshot-{browser.pk}-" in name
        }
        assert written == {field.name}, kind
