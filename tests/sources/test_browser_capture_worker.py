"""A browser capture end to end: a plain capture is taken, the browser capture it queues is taken
by a real browser worker (threads sharing one Chromium), and it judges the plain one."""

import json

import pytest

from factcheck.audit import audit_verify_chain
from sources.capture import snapshot_capture, snapshot_request
from sources.models import Snapshot
from sources.services import source_get_or_create
from tests.sources.test_browser_capture import FETCHED, INLINE_JSON, STORY
from tests.workers import Worker, unique_queue, wait_until

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


def test_a_browser_worker_takes_the_captures_the_plain_ones_queue(settings, server, tmp_path):
    queue = unique_queue()
    settings.CAPTURE_BROWSER, settings.BROWSER_CAPTURE_QUEUE = True, queue
    server.page("/inline", INLINE_JSON)
    server.page("/fetched", FETCHED)
    server.page("/api/story.json", json.dumps({"paragraphs": [STORY]}), "application/json")
    env = {"BROWSER_CAPTURE_QUEUE": queue, "CAPTURE_ALLOWED_PRIVATE": f"127.0.0.1:{server.port}"}
    worker = Worker(queue, tmp_path / "worker.log", env, pool=("--pool", "threads", "--concurrency", "2"))
    try:
        plain = []
        for path in ("/inline", "/fetched"):
            source, _ = source_get_or_create(url=server.url(path))
            snapshot = snapshot_request(source=source, force=True, enqueue=False)
            snapshot_capture(snapshot_id=snapshot.pk)
            plain.append(snapshot)
        finished = wait_until(
            lambda: Snapshot.objects.filter(method="browser", status__in=["succeeded", "failed"]).count() == 2,
            seconds=120,
            what="both browser captures to finish",
        )
        assert finished
    finally:
        worker.stop()
    for snapshot in plain:
        snapshot.refresh_from_db()
        browser = snapshot.followed_by.get()
        assert browser.status == "succeeded", browser.error_message
        assert "412 million euros" in browser.text and browser.screenshot.name and browser.wacz.name
        assert (snapshot.complete, browser.complete) == (False, True)  # the shell is no evidence; the page is
    assert audit_verify_chain().problem is None
