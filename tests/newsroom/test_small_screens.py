"""Every newsroom page at phone width (390 × 844) in real Chromium: nothing runs off the side of
the screen, the queue's filters fold away, and a verdict's actions come before its history."""

import pytest
from django.conf import settings

from claims.services import citation_create
from sources.services import source_get_or_create
from tests.browser import chromium_page
from tests.conftest import capture
from tests.newsroom.phone import DESKTOP, PHONE, assert_fits, top_of

pytestmark = pytest.mark.django_db(transaction=True)

ARTICLE_TEXT = (settings.BASE_DIR / "seeds" / "putin-biden-sanctions-2021-12-31.txt").read_text()
LONG_URL = "https://example.org/" + "/".join(["a-rather-long-path-segment-of-an-address"] * 6) + "?utm_source=x" * 8


def signed_in(client, user) -> str:
    client.force_login(user)
    return client.cookies["sessionid"].value


@pytest.fixture
def newsroom(make_claim, checking_claim, verdict_in, journalist, editor):
    """A newsroom with a bit of everything: claims, a long cited address, verdicts in review."""
    for n in range(4):
        make_claim(text=f"Claim number {n} about sanctions and the border.")
    claim = checking_claim()
    snapshot = capture(LONG_URL, "A long address holding a captured page. " * 40)
    citation_create(actor=journalist, claim_id=claim.pk, url=LONG_URL, stance="refutes", quote="captured page")
    submitted = verdict_in("submitted")
    published = verdict_in("published")
    draft = verdict_in("draft")
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
    assert failures == []


def test_a_verdicts_actions_come_before_its_history_on_a_phone(live_server, client, newsroom, editor):
    path = f"/verdicts/{newsroom['submitted'].pk}/edit/"
    with chromium_page(live_server.url, signed_in(client, editor)) as page:
        page.set_viewport_size(PHONE)
        page.goto(live_server.url + path)
        actions, history = (page.get_by_role("heading", name=name, exact=True) for name in ("Actions", "History"))
        assert top_of(actions) < top_of(history)
        page.set_viewport_size(DESKTOP)  # beside the verdict on a wide screen, at the top
        evidence = page.get_by_role("heading", name="Evidence", exact=True)
        assert actions.bounding_box()["x"] > evidence.bounding_box()["x"] + 400
        assert top_of(actions) < top_of(evidence)
        assert history.bounding_box()["x"] == evidence.bounding_box()["x"]  # under the verdict


def test_the_queues_filters_fold_away_on_a_phone_unless_one_is_set(live_server, client, newsroom, journalist):
    with chromium_page(live_server.url, signed_in(client, journalist)) as page:
        page.set_viewport_size(PHONE)
        page.goto(live_server.url + "/?view=all")
        assert not page.get_by_label("Status").is_visible()
        first_row = page.locator("tbody tr").first
        assert first_row.bounding_box()["y"] < PHONE["height"]  # the claims start on the first screen
        page.get_by_text("Filters", exact=True).click()
        assert page.get_by_label("Status").is_visible()
        page.goto(live_server.url + "/?view=all&claimant=Reznikov")
        assert page.get_by_label("Claimant").is_visible()
        page.set_viewport_size(DESKTOP)
        page.goto(live_server.url + "/?view=all")
        assert page.get_by_label("Status").is_visible()


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
