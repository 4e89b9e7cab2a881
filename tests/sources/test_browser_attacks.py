"""Attacks on browser captures: hostile pages that try to crash the worker, pass an empty page off as
evidence, or make what is stored disagree with what was seen. Each test is one finding."""

import pytest

from sources.capture import snapshot_capture, snapshot_request
from sources.capture.browser import browser_snapshot_capture
from sources.models import Snapshot
from sources.services import source_get_or_create

pytestmark = pytest.mark.django_db

STORY = (
    "The regional council approved a budget of 412 million euros on Tuesday, its largest ever. "
    "The finance director said spending on schools would rise by 8 percent next year."
)


def captured(settings, url: str) -> tuple[Snapshot, Snapshot]:
    """The HTTP capture of `url` and the browser capture that follows it, both taken here."""
    settings.CAPTURE_BROWSER = True
    source, _ = source_get_or_create(url=url)
    plain = snapshot_request(source=source, force=True, enqueue=False)
    snapshot_capture(snapshot_id=plain.pk)
    browser = Snapshot.objects.get(follows=plain, method="browser")
    browser_snapshot_capture(snapshot_id=browser.pk)
    plain.refresh_from_db()
    browser.refresh_from_db()
    return plain, browser


@pytest.mark.parametrize("title", ["--help", "-x", "--output=evil.wacz"])
def test_a_title_that_looks_like_an_option_does_not_stop_the_worker(settings, server, title):
    """The page's title went to the WACZ packager as a command-line argument: a title like "--help"
    made it exit (SystemExit), which no `except Exception` catches, leaving the capture stuck."""
    server.page("/story", f"<!doctype html><title>{title}</title><article><p>{STORY}</p></article>")
    _, browser = captured(settings, server.url("/story"))
    assert browser.status == "succeeded", browser.error_message
    assert browser.page_title == title and browser.wacz


def test_a_page_that_navigates_to_a_refused_address_is_not_evidence(settings, server):
    """A page that loads and then sends itself somewhere the gate refuses ends on the browser's own
    error page, whose words ("... ERR_BLOCKED_BY_CLIENT") were kept as the page's text and judged
    complete: a capture with no real text counted as evidence."""
    server.page(
        "/story",
        "<!doctype html><title>Leaving</title><p>Loading…</p>"
        '<script>addEventListener("load", () => setTimeout(() => { location = "http://10.0.0.1/x"; }, 50));</script>',
    )
    plain, browser = captured(settings, server.url("/story"))
    assert (browser.status, browser.error_code) == ("failed", "navigated_away")
    assert "ERR_" not in (browser.text or "")
    assert browser.complete is not True
    assert plain.complete is not True
