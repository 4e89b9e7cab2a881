"""python manage.py capture URL ... [--inline] [--wait] [--json]"""

import contextlib
import io
import json

import pytest
from django.core.management import call_command

from sources.models import Snapshot
from tests.sources.webserver import ARTICLE
from tests.workers import Worker, unique_queue

KEYS = {
    "url", "status", "error_code", "error", "http_status", "final_url", "sha256", "text_sha256",
    "title", "text", "text_length", "warc", "truncated",
}  # fmt: skip


def run(*args) -> tuple[list[dict], int]:
    out = io.StringIO()
    code = 0
    try:
        call_command("capture", *args, stdout=out)
    except SystemExit as exit_:
        code = exit_.code
    return [json.loads(line) for line in out.getvalue().splitlines()], code


@pytest.mark.django_db(transaction=True)
def test_inline_json_captures_in_this_process(server):
    server.page("/a", ARTICLE)
    server.page("/gone", "no", status=404)
    rows, code = run("--inline", "--json", server.url("/a"), server.url("/gone"), "javascript:alert(1)")
    assert code == 1  # something failed
    assert all(set(row) >= KEYS for row in rows)
    ok, gone, bad = rows
    assert (ok["status"], ok["http_status"], ok["title"]) == ("succeeded", 200, "Troops massed near the border")
    assert ok["text_length"] == len(ok["text"]) > 100 and ok["warc"].startswith("warc/") and len(ok["sha256"]) == 64
    assert (gone["status"], gone["error_code"], gone["http_status"]) == ("failed", "http_404", 404)
    assert (bad["status"], bad["error_code"]) == ("failed", "invalid_url")
    assert sorted(server.hits) == ["/a", "/gone"]  # captured in parallel


@pytest.mark.integration
@pytest.mark.django_db(transaction=True)
def test_wait_hands_the_urls_to_the_workers(server, settings, tmp_path):
    queue = unique_queue()
    settings.CAPTURE_QUEUE = queue
    server.page("/w", ARTICLE)
    worker = Worker(
        queue, tmp_path / "w.log", {"CAPTURE_QUEUE": queue, "CAPTURE_ALLOWED_PRIVATE": f"127.0.0.1:{server.port}"}
    )
    try:
        rows, code = run("--wait", "--json", "--timeout", "60", server.url("/w"))
    finally:
        worker.stop()
    assert code == 0 and rows[0]["status"] == "succeeded"
    assert Snapshot.objects.get(pk=rows[0]["snapshot"]).attempt == 1


@pytest.mark.django_db(transaction=True)
def test_inline_browser_capture_gives_the_rendered_text_screenshot_and_package(server):
    from tests.sources.test_browser_capture import INLINE_JSON

    server.page("/story", INLINE_JSON)
    server.page("/style.css", "p { color: black; }", "text/css")
    [row], code = run("--inline", "--json", "--browser", server.url("/story"))
    assert code == 0 and row["status"] == "succeeded" and row["browser_status"] == "succeeded"
    assert row["complete"] is False  # the plain capture held "Loading…": not the page's text
    assert "412 million euros" in row["text"] and row["rendered_text_length"] == len(row["text"])
    assert row["screenshot"].startswith("screenshots/") and row["screenshot"].endswith(".png")
    assert row["wacz"].startswith("wacz/") and row["wacz"].endswith(".wacz")
    browser = Snapshot.objects.get(pk=row["browser_snapshot"])
    assert (browser.method, browser.follows_id, browser.complete) == ("browser", row["snapshot"], True)


@contextlib.contextmanager
def _published():
    """The tasks this process hands to the broker meanwhile (Celery's own signal, in any thread)."""
    from celery.signals import before_task_publish

    sent = []

    def record(sender=None, routing_key=None, **_):
        sent.append((sender, routing_key))

    before_task_publish.connect(record, weak=False)
    try:
        yield sent
    finally:
        before_task_publish.disconnect(record)


@pytest.mark.django_db(transaction=True)
def test_inline_takes_the_browser_capture_here_and_sends_none_to_the_workers(server, settings):
    # With workers running, a browser capture sent to them would be taken there, under their
    # settings, and the command would report it unfinished.
    from tests.sources.test_browser_capture import INLINE_JSON

    settings.CAPTURE_BROWSER = True  # the plain capture queues its browser capture as it finishes
    server.page("/story", INLINE_JSON)
    server.page("/style.css", "p { color: black; }", "text/css")
    with _published() as sent:
        [row], code = run("--inline", "--json", "--browser", server.url("/story"))
    assert sent == []
    assert code == 0 and row["browser_status"] == "succeeded" and "412 million euros" in row["text"]
    browser = Snapshot.objects.get(pk=row["browser_snapshot"])
    assert browser.attempt == 1 and browser.follows_id == row["snapshot"]


@pytest.mark.django_db(transaction=True)
def test_the_text_hash_is_that_of_the_text_given_and_a_failed_browser_capture_fails_the_command(server, settings):
    import hashlib

    from tests.sources.test_browser_capture import INLINE_JSON

    server.page("/story", INLINE_JSON)
    server.page("/style.css", "p { color: black; }", "text/css")
    [row], code = run("--inline", "--json", "--browser", server.url("/story"))
    assert "412 million euros" in row["text"]
    assert row["text_sha256"] == hashlib.sha256(row["text"].encode()).hexdigest()

    settings.BROWSER_CAPTURE_MAX_BYTES = 10  # the page's own document is more: the browser capture fails
    [row], code = run("--inline", "--json", "--browser", server.url("/story") + "?again")
    assert (row["status"], row["browser_status"], code) == ("succeeded", "failed", 1)


@pytest.mark.django_db(transaction=True)
def test_inline_without_browser_leaves_the_browser_capture_to_the_workers(server, settings):
    # The plain capture of a shell queues its browser capture: without --browser, the command does
    # not take it, so it goes to the workers at once (it stayed queued, unsent, before).
    from tests.sources.test_browser_capture import INLINE_JSON

    settings.CAPTURE_BROWSER = True
    server.page("/story", INLINE_JSON)
    server.page("/style.css", "p { color: black; }", "text/css")
    with _published() as sent:
        [row], code = run("--inline", "--json", server.url("/story"))
    follower = Snapshot.objects.get(follows=row["snapshot"], method="browser")
    assert code == 0 and follower.status == "queued"
    assert sent == [(settings.BROWSER_CAPTURE_TASK, settings.BROWSER_CAPTURE_QUEUE)]
