"""Every newsroom page at phone width (390 × 844) in real Chromium: nothing runs off the side of
the screen, the queue's filters fold away, and a verdict's actions come before its history."""

import pytest
from django.conf import settings
from django.urls import reverse

from claims.services import citation_create
from sources.services import source_get_or_create
from tests.browser import chromium_page
from tests.conftest import capture, step
from tests.newsroom.phone import DESKTOP, PHONE, SMALL_PHONE, assert_fits, top_of
from verdicts.services import verdict_create

pytestmark = pytest.mark.django_db(transaction=True)

ARTICLE_TEXT = (settings.BASE_DIR / "seeds" / "putin-biden-sanctions-2021-12-31.txt").read_text()
LONG_URL = "https://example.org/" + "/".join(["a-rather-long-path-segment-of-an-address"] * 6) + "?token=" + "Zm9v" * 24
# A cited page never captured, so its source has no title: the citation shows its address instead.
# 200 characters, most of them a tracking token with nowhere to break a line.
UNTITLED_URL = "https://news.example.net/2026/11/30/story?section=politics&id=" + "Qk5hX2w0ZzFu" * 11
UNTITLED_URL += "x" * (200 - len(UNTITLED_URL))


def signed_in(client, user) -> str:
    client.force_login(user)
    return client.cookies["sessionid"].value


@pytest.fixture
def newsroom(make_claim, checking_claim, verdict_in, journalist, editor):
    """A newsroom with a bit of everything: claims, a long cited address, verdicts in review."""
    for n in range(4):
        make_claim(text=f"Claim number {n} about sanctions and the border.")
    # What people paste: an address in the claim's text, no spaces to break a line at.
    make_claim(text=f"The order is online at {LONG_URL} and was signed on Dec. 3.")
    claim = checking_claim()
    snapshot = capture(LONG_URL, "A long address holding a captured page. " * 40)
    citation_create(actor=journalist, claim_id=claim.pk, url=LONG_URL, stance="refutes", quote="captured page")
    submitted = verdict_in("submitted")
    cited_at_length = checking_claim(url=LONG_URL + "&published")
    published = verdict_create(
        actor=journalist, claim_id=cited_at_length.pk, rating="false", headline="No", summary="The figure is wrong."
    )
    for action, actor in (("submit", journalist), ("approve", editor), ("publish", editor)):
        published = step(published, action, actor)
    draft = verdict_in("draft")
    for cites in (claim, draft.claim):  # on the claim's page and the verdict's
        untitled = citation_create(actor=journalist, claim_id=cites.pk, url=UNTITLED_URL, stance="supports")
        assert untitled.source.title == "" and len(untitled.source.url) == 200
    waiting, _ = source_get_or_create(url=LONG_URL + "&article")
    return {
        "claim": claim,
        "snapshot": snapshot,
        "submitted": submitted,
        "published": published,
        "draft": draft,
        "waiting_source": waiting,
    }


def pages_for(data, role):
    if role == "journalist":
        return [
            "/?view=all",
            "/?view=mine",
            f"/claims/{data['claim'].pk}/",
            "/claims/new/",
            "/intake/article/",
            f"/intake/article/?source={data['waiting_source'].pk}",
            f"/verdicts/{data['draft'].pk}/edit/",
            "/notifications/",
            "/password/",
            "/password/done/",
            "/claims/999999/",
            f"/captures/{data['snapshot'].pk}/",
        ]
    return [
        "/",
        f"/verdicts/{data['submitted'].pk}/edit/",
        f"/verdicts/{data['published'].pk}/edit/",
        "/dashboard/",
        "/casefiles/",
        "/notifications/",
    ]


def test_every_page_fits_a_phone(live_server, client, newsroom, journalist, editor, tmp_path):
    failures = []
    shots = tmp_path / "screenshots"
    shots.mkdir()

    def check(page, path):
        page.goto(live_server.url + path)
        page.evaluate("document.querySelectorAll('details').forEach((d) => { d.open = true; })")  # folded forms too
        name = path.strip("/").replace("/", "-").replace("?", "-") or "queue"
        page.screenshot(path=str(shots / f"{len(list(shots.iterdir())):02d}-{name}.png"), full_page=True)
        try:
            assert_fits(page, path)
        except AssertionError as error:
            failures.append(str(error))

    with chromium_page(live_server.url) as page:
        page.set_viewport_size(PHONE)
        check(page, "/login/")
        check(page, f"/verdicts/{newsroom['published'].pk}/")
    for user, role in ((journalist, "journalist"), (editor, "editor")):
        with chromium_page(live_server.url, signed_in(client, user)) as page:
            page.set_viewport_size(PHONE)
            for path in pages_for(newsroom, role):
                check(page, path)
            if role == "journalist":  # the proposals drawn from the demo article
                page.goto(live_server.url + "/intake/article/")
                page.get_by_label("Paste the article").fill(ARTICLE_TEXT)
                page.get_by_role("button", name="Propose claims").click()
                page.wait_for_selector(".proposal")
                page.screenshot(path=str(shots / "proposals.png"), full_page=True)
                try:
                    assert_fits(page, "proposals")
                except AssertionError as error:
                    failures.append(str(error))
    assert failures == [], "\n".join(failures)


def test_an_untitled_source_with_a_long_address_wraps_on_the_narrowest_phone(
    live_server, client, newsroom, journalist, tmp_path
):
    """A citation whose source has no title shows the page's bare address: on a 375 px screen it
    ran 24 px past the edge of the claim's and the verdict's pages, which then scrolled sideways."""
    with chromium_page(live_server.url, signed_in(client, journalist)) as page:
        page.set_viewport_size(SMALL_PHONE)
        for path in (f"/claims/{newsroom['claim'].pk}/", f"/verdicts/{newsroom['draft'].pk}/edit/"):
            page.goto(live_server.url + path)
            link = page.locator(f'#citation-list a[href="{UNTITLED_URL}"]')
            assert link.count() == 1 and link.inner_text().startswith("https://news.example.net/2026/11/30/story?")
            page.screenshot(path=str(tmp_path / f"untitled-{path.strip('/').replace('/', '-')}.png"), full_page=True)
            assert_fits(page, path, SMALL_PHONE["width"])
            assert link.bounding_box()["height"] > 30  # wrapped onto lines of its own, not cut off


@pytest.mark.parametrize("which", ["claim", "submitted", "published"])
def test_the_admins_change_page_with_its_history_fits_a_phone(which, live_server, client, newsroom, editor, tmp_path):
    """A claim's or a verdict's change page in the admin: the workflow panel and the history table
    (every action with its comment) fit the phone's width, each history row's cells stacked."""
    obj = newsroom["claim"] if which == "claim" else newsroom[which]
    path = reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])
    with chromium_page(live_server.url, signed_in(client, editor)) as page:
        page.set_viewport_size(PHONE)
        page.goto(live_server.url + path)
        history = page.locator(".audit-history tbody tr")
        assert history.count() >= 2  # a history of several rows is there to fit
        page.screenshot(path=str(tmp_path / f"admin-{which}-phone.png"), full_page=True)
        assert_fits(page, path)
        # Stacked: a row's time stands above what was done, and says what it is.
        when, what = (history.first.locator("td").nth(n) for n in (1, 3))
        assert top_of(when) < top_of(what)
        assert page.evaluate("(td) => getComputedStyle(td, '::before').content", when.element_handle()) == '"When: "'
        page.set_viewport_size(DESKTOP)  # a wide screen keeps the table's columns side by side
        assert top_of(when) == top_of(what)


@pytest.mark.parametrize("which", ["submitted", "claim"])
def test_actions_come_before_the_history_on_a_phone(which, live_server, client, newsroom, editor, tmp_path):
    """On a verdict's page (and a claim's), the actions come before the history on a phone, and
    stand beside the page, at its top, on a wide screen, with the history under the main column."""
    path = f"/claims/{newsroom['claim'].pk}/" if which == "claim" else f"/verdicts/{newsroom[which].pk}/edit/"
    below = "Sources" if which == "claim" else "Evidence"
    with chromium_page(live_server.url, signed_in(client, editor)) as page:
        page.set_viewport_size(PHONE)
        page.goto(live_server.url + path)
        actions, history = (page.get_by_role("heading", name=name, exact=True) for name in ("Actions", "History"))
        assert top_of(actions) < top_of(history)
        page.set_viewport_size(DESKTOP)
        page.screenshot(path=str(tmp_path / f"{which}-desktop.png"), full_page=True)
        main = page.get_by_role("heading", name=below, exact=True)
        assert actions.bounding_box()["x"] > main.bounding_box()["x"] + 400
        assert top_of(actions) < top_of(main)
        assert history.bounding_box()["x"] == main.bounding_box()["x"]


def test_the_queues_filters_fold_away_on_a_phone_unless_one_is_set(live_server, client, newsroom, journalist):
    with chromium_page(live_server.url, signed_in(client, journalist)) as page:
        page.set_viewport_size(PHONE)
        page.goto(live_server.url + "/?view=all")
        assert not page.get_by_label("Claimant").is_visible()
        assert page.get_by_label("Search claims, verdicts and cited pages").is_visible()  # search stays at hand
        first_row = page.locator("tbody tr").first
        assert first_row.bounding_box()["y"] < PHONE["height"]  # the claims start on the first screen
        page.get_by_text("Filters", exact=True).click()
        assert page.get_by_label("Claimant").is_visible()
        page.goto(live_server.url + "/?view=all&claimant=Reznikov")
        assert page.get_by_label("Claimant").is_visible()
        page.set_viewport_size(DESKTOP)
        page.goto(live_server.url + "/?view=all")
        assert page.get_by_label("Claimant").is_visible()


# The smallest text on a chart, in CSS pixels as drawn: its font size in the SVG's units times the
# scale at which the SVG is drawn.
SMALLEST_CHART_TEXT = """() => {
  let smallest = Infinity, count = 0;
  for (const text of document.querySelectorAll(".charts svg text")) {
    if (!text.textContent.trim() || text.getBBox().width === 0) continue;
    const size = parseFloat(getComputedStyle(text).fontSize);
    smallest = Math.min(smallest, size * text.getScreenCTM().a);
    count += 1;
  }
  return {smallest, count};
}"""


def test_the_dashboards_labels_are_readable_on_a_phone(live_server, client, newsroom, editor, tmp_path):
    with chromium_page(live_server.url, signed_in(client, editor)) as page:
        page.set_viewport_size(PHONE)
        page.goto(live_server.url + "/dashboard/")
        found = page.evaluate(SMALLEST_CHART_TEXT)
        assert found["count"] > 30  # axis labels, legends
        assert found["smallest"] >= 11, found
        assert_fits(page, "dashboard")
        page.screenshot(path=str(tmp_path / "dashboard-phone.png"), full_page=True)
        page.set_viewport_size(DESKTOP)  # three charts a row on a wide screen, still legible
        assert page.evaluate(SMALLEST_CHART_TEXT)["smallest"] >= 11
        page.screenshot(path=str(tmp_path / "dashboard-desktop.png"), full_page=True)
