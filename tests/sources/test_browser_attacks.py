"""Attacks on browser captures: hostile pages that try to crash the worker, pass an empty page off as
evidence, or make what is stored disagree with what was seen. Each test is one finding."""

import time

import pytest

from factcheck.models import AuditEvent
from sources.capture import snapshot_capture, snapshot_request
from sources.capture.browser import browser_snapshot_capture
from sources.fetching.errors import FetchError
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


LEAVING = {
    "after_load": 'addEventListener("load", () => setTimeout(() => { location = "http://10.0.0.1/x"; }, 50));',
    "while_loading": 'location = "http://10.0.0.1/x";',
    # As the capture scrolls for lazy images: the browser errs in the middle of its own script.
    "while_scrolled": 'addEventListener("scroll", () => { location = "http://10.0.0.1/x"; }, {once: true});',
}


@pytest.mark.parametrize("when", LEAVING)
def test_a_page_that_navigates_to_a_refused_address_is_not_evidence(settings, server, when):
    """A page that loads and then sends itself somewhere the gate refuses ends on the browser's own
    error page, whose words ("... ERR_BLOCKED_BY_CLIENT") were kept as the page's text and judged
    complete: a capture with no real text counted as evidence."""
    server.page(
        "/story",
        f"<!doctype html><title>Leaving</title><script>{LEAVING[when]}</script><p>Loading…</p>"
        '<div style="height:5000px"></div>',
    )
    plain, browser = captured(settings, server.url("/story"))
    # Seen leaving, or (on a loaded machine) caught mid-navigation: either way it navigated away.
    assert (browser.status, browser.error_code) == ("failed", "navigated_away"), browser.error_message
    assert "ERR_" not in (browser.text or "")
    assert browser.complete is not True
    assert plain.complete is not True


def spellings(port: int) -> list[str]:
    """Loopback and the unspecified address, spelled every way a URL can spell them, and names
    whose DNS answer (here: the hosts file) is loopback."""
    hosts = ["0.0.0.0", "0", "[::]", "[::ffff:127.0.0.1]", "[::ffff:7f00:1]", "[0:0:0:0:0:ffff:7f00:1]",
             "[::127.0.0.1]", "[64:ff9b::7f00:1]", "[::ffff:0.0.0.0]", "2130706433", "0x7f.1", "0177.0.0.1",
             "127.1", "localhost.", "LOCALHOST", "vm", "runsc", "localhost.localdomain"]  # fmt: skip
    return [f"http://{host}:{port}/x" for host in hosts]


def test_no_spelling_of_loopback_reaches_a_trap(settings, server):
    from sources.browser.engine import engine
    from sources.capture.browser import browser_policy
    from tests.sources.traps import open_traps

    settings.BROWSER_CAPTURE_DEADLINE = 20
    traps = open_traps(server.port)
    try:
        urls = [url for trap in traps for url in spellings(trap.port)]
        tags = "".join(f'<img src="{url}"><script>fetch("{url}f").catch(() => 0)</script>' for url in urls)
        frames = "".join(f'<iframe src="{url}"></iframe>' for url in urls[:20])
        server.page("/spell", f"<!doctype html><title>Spell</title><p>{STORY}</p>{tags}{frames}")
        rendered = engine().render(server.url("/spell"), browser_policy())
    finally:
        for trap in traps:
            trap.close()
    assert [trap.connections for trap in traps] == [[] for _ in traps]
    assert all(exchange.url.startswith(server.url("/")) for exchange in rendered.exchanges)
    assert sum(f":{traps[0].port}/" in item["url"] for item in rendered.refused) >= 2 * 10  # they were asked for


def test_a_page_of_slow_subresources_does_not_starve_the_captures_beside_it(settings, server):
    """The gate's fetches ran on one pool of threads for the whole process: a page asking for many
    resources that answer a byte at a time held every thread until its deadline, and a capture of
    an ordinary page taken beside it could not even fetch its own document."""
    import threading
    import time

    from sources.browser.engine import engine
    from sources.capture.browser import browser_policy
    from tests.sources.webserver import drip

    settings.BROWSER_CAPTURE_DEADLINE = 12
    server.route("/slow.css")(lambda h: drip(h, interval=0.5, chunks=100))
    slow = "".join(f'<link rel="stylesheet" href="/slow.css?{n}">' for n in range(40))
    server.page("/tarpit", f"<!doctype html><title>Tarpit</title>{slow}<p>{STORY}</p>")
    server.page("/story", f"<!doctype html><title>Story</title><article><p>{STORY}</p></article>")
    outcome = []

    def take_tarpit():
        try:
            outcome.append(engine().render(server.url("/tarpit"), browser_policy()))
        except FetchError as exc:
            outcome.append(exc)

    tarpit = threading.Thread(target=take_tarpit)
    tarpit.start()
    try:
        time.sleep(2)  # the tarpit's requests are all in flight
        started = time.monotonic()
        rendered = engine().render(server.url("/story"), browser_policy())
        took = time.monotonic() - started
    finally:
        tarpit.join(timeout=40)
    assert rendered.main is not None and "412 million euros" in rendered.html
    assert took < 8, took
    assert outcome  # the tarpit ended too, by its deadline


def test_the_final_url_is_where_the_page_came_from_not_where_its_script_says_it_is(settings, server):
    """history.pushState() rewrites the address bar without loading anything: the capture recorded
    that address as its final URL (and in its receipt), a URL nothing was fetched from."""
    server.page(
        "/story",
        f"<!doctype html><title>Story</title><article><p>{STORY}</p></article>"
        '<script>history.pushState({}, "", "/press-release/official-statement");</script>',
    )
    _, browser = captured(settings, server.url("/story"))
    assert browser.status == "succeeded", browser.error_message
    assert browser.final_url == server.url("/story")
    receipt = AuditEvent.objects.get(action="snapshot.captured", object_id=str(browser.pk))
    assert receipt.data["final_url"] == server.url("/story")


def test_popups_dialogs_and_unload_prompts_end_by_the_deadline_and_leave_no_context(settings, server):
    from sources.browser.engine import engine

    settings.BROWSER_CAPTURE_DEADLINE = 10
    server.page(
        "/noisy",
        f"<!doctype html><title>Noisy</title><article><p>{STORY}</p></article><script>"
        "addEventListener('beforeunload', e => { e.preventDefault(); e.returnValue = 'stay'; });"
        "for (let i = 0; i < 100; i++) { const w = window.open('/noisy?' + i, '_blank'); }"
        "alert('a'); confirm('b'); prompt('c'); try { print(); } catch (e) {}"
        "setInterval(() => alert('again'), 10);"
        "document.body.insertAdjacentHTML('beforeend', '<div>x</div>'.repeat(200000));"
        "</script>",
    )
    started = time.monotonic()
    _, browser = captured(settings, server.url("/noisy"))
    assert time.monotonic() - started < 10 + 10
    assert browser.status == "succeeded" or browser.error_code, browser.status
    assert engine()._browser is not None and engine()._browser.contexts == []


def test_the_final_url_of_a_redirected_page_is_where_the_redirects_ended(settings, server):
    """The gate follows redirects itself and answers the first URL: the address bar never moved, so
    the capture said it ended where it started, beside a list of redirects."""
    server.redirect("/go", "/story", status=301)
    server.page("/story", f"<!doctype html><title>Story</title><article><p>{STORY}</p></article>")
    settings.CAPTURE_BROWSER = True
    source, _ = source_get_or_create(url=server.url("/go"))
    browser = Snapshot.objects.create(source=source, method="browser", requested_url=server.url("/go"))
    browser_snapshot_capture(snapshot_id=browser.pk)
    browser.refresh_from_db()
    assert browser.status == "succeeded", browser.error_message
    assert browser.final_url == server.url("/story") and len(browser.redirect_chain) == 1


def test_evidence_judged_incomplete_after_submission_is_not_published(
    settings, server, make_claim, editor, other_editor, journalist
):
    from claims.services import citation_create, claim_transition
    from factcheck.errors import Conflict
    from sources.capture import browser_snapshot_request
    from verdicts.models import Verdict
    from verdicts.services import verdict_create, verdict_transition

    long_story = " ".join([STORY] * 8)
    server.page(
        "/story",
        "<!doctype html><title>Story</title><main id='app'>Please wait while the story loads for you.</main>"
        f"<script>document.getElementById('app').textContent = {long_story!r};</script>",
    )
    settings.CAPTURE_BROWSER = False  # the plain capture is judged on its own text: 43 characters pass
    claim = make_claim()
    claim = claim_transition(
        claim_id=claim.pk, action="accept", actor=editor, expected_version=0, assignee_id=journalist.pk
    )
    citation_create(actor=journalist, claim_id=claim.pk, url=server.url("/story"), stance="refutes")
    plain = Snapshot.objects.get(requested_url=server.url("/story"), method="http")
    snapshot_capture(snapshot_id=plain.pk)
    plain.refresh_from_db()
    assert plain.complete is True
    verdict = verdict_create(actor=journalist, claim_id=claim.pk, rating="false", summary="Wrong.")
    verdict = verdict_transition(verdict_id=verdict.pk, action="submit", actor=journalist, expected_version=0)
    assert verdict.review_unit["evidence"][0]["snapshot"] == plain.pk
    # The browser capture that follows it, taken during the review, renders far more text.
    browser = browser_snapshot_request(source=plain.source, follows=plain, enqueue=False)
    browser_snapshot_capture(snapshot_id=browser.pk)
    plain.refresh_from_db()
    assert plain.complete is False
    with pytest.raises(Conflict, match="judged incomplete"):
        verdict_transition(verdict_id=verdict.pk, action="approve", actor=editor, expected_version=verdict.lock_version)
    # Approved before the judgement changed: publishing is refused all the same.
    Snapshot.objects.filter(pk=plain.pk).update(complete=True)
    verdict = verdict_transition(
        verdict_id=verdict.pk, action="approve", actor=editor, expected_version=verdict.lock_version
    )
    Snapshot.objects.filter(pk=plain.pk).update(complete=False)
    with pytest.raises(Conflict, match="judged incomplete"):
        verdict_transition(
            verdict_id=verdict.pk, action="publish", actor=other_editor, expected_version=verdict.lock_version
        )
    assert Verdict.objects.get(pk=verdict.pk).status == "approved"


def test_a_page_whose_script_writes_a_huge_document_is_not_kept_whole(settings, server):
    """The byte budget covered what the page fetched, not what its script wrote: a few bytes of script
    made a document of tens of megabytes, carried whole into the worker and stored as the payload."""
    settings.BROWSER_CAPTURE_MAX_BYTES = 1_000_000
    server.page(
        "/grow",
        f"<!doctype html><title>Grow</title><article><p>{STORY}</p></article>"
        "<script>const p = document.createElement('p'); p.textContent = 'ab '.repeat(1_000_000);"
        "document.body.append(p);</script>",
    )
    _, browser = captured(settings, server.url("/grow"))
    assert browser.status == "failed" or len(browser.text) <= 1_000_000, len(browser.text)
    assert browser.status == "succeeded" or browser.error_code == "too_large"


def test_a_page_that_never_paints_is_still_kept_by_the_deadline(settings, server):
    """A stylesheet in the head that never finished kept the page from ever painting: the screenshot
    waited for a frame until the deadline and the capture failed for good, so a page could keep
    itself out of browser captures. What is still unanswered at the deadline is now given up."""
    from tests.sources.webserver import drip

    settings.BROWSER_CAPTURE_DEADLINE = 8
    server.route("/slow.css")(lambda h: drip(h, interval=0.5, chunks=100))
    server.page("/story", f'<!doctype html><title>Story</title><link rel="stylesheet" href="/slow.css"><p>{STORY}</p>')
    _, browser = captured(settings, server.url("/story"))
    assert browser.status == "succeeded", browser.error_message
    assert browser.screenshot and "412 million euros" in browser.text


@pytest.mark.parametrize("answer", ["'tall'", "Infinity", "NaN", "-5", "null"])
def test_a_page_that_lies_about_its_height_is_still_kept(settings, server, answer):
    """The page's height is asked of the page itself, whose script can answer anything: a string, an
    infinite or negative height made the screenshot's size a TypeError or an OverflowError."""
    server.page(
        "/story",
        f"<!doctype html><title>Height</title><article><p>{STORY}</p></article>"
        f"<script>Math.max = () => {answer};</script>",
    )
    _, browser = captured(settings, server.url("/story"))
    assert browser.status == "succeeded", browser.error_message
    assert browser.screenshot and "412 million euros" in browser.text
