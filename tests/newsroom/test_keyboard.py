"""The queue from the keyboard alone, in real Chromium: the skip link, a sensible tab order, a
visible focus on everything that takes it, filters set and rows opened with Enter and Space."""

import re

import pytest

from claims.models import Claim
from tests.browser import chromium_page
from tests.newsroom.phone import DESKTOP, PHONE

pytestmark = pytest.mark.django_db(transaction=True)

# What has the focus, and whether it can be seen.
FOCUSED = """() => {
  const el = document.activeElement;
  const style = getComputedStyle(el);
  const rect = el.getBoundingClientRect();
  const label = el.labels && el.labels.length ? el.labels[0].innerText.trim() : "";
  return {
    tag: el.tagName.toLowerCase(), id: el.id, href: el.getAttribute("href") || "",
    name: label || (el.innerText || el.value || "").trim().split("\\n")[0].slice(0, 40),
    outline: style.outlineStyle === "none" ? 0 : parseFloat(style.outlineWidth),
    onScreen: rect.width > 0 && rect.height > 0 && rect.left >= 0 && rect.right <= innerWidth,
    inMain: !!el.closest("main"),
  };
}"""


def tab(page, times=1):
    for _ in range(times):
        page.keyboard.press("Tab")
    return page.evaluate(FOCUSED)


def tab_until(page, predicate, limit=60):
    """Tab until the focused element satisfies `predicate`; every stop on the way is returned."""
    stops = []
    for _ in range(limit):
        focused = tab(page)
        stops.append(focused)
        if predicate(focused):
            return stops
    raise AssertionError(f"never reached: {[s['name'] for s in stops]}")


def names(stops):
    """Focus stops by name, a date field's parts (day, month, year) counted once."""
    out = []
    for stop in stops:
        if not out or out[-1] != stop["name"]:
            out.append(stop["name"])
    return out


def signed_in(client, user) -> str:
    client.force_login(user)
    return client.cookies["sessionid"].value


@pytest.fixture
def queue_rows(make_claim):
    make_claim(text="Sanctions could lead to a full diplomatic rupture.")
    make_claim(text="About 100,000 soldiers were deployed near the border.")


def test_the_queue_from_the_keyboard_alone(live_server, client, queue_rows, journalist):
    with chromium_page(live_server.url, signed_in(client, journalist)) as page:
        page.set_viewport_size(DESKTOP)
        page.goto(live_server.url + "/?view=all")

        # The first stop is the skip link, shown when it has the focus; it leads into the content.
        skip = tab(page)
        assert skip["name"] == "Skip to content" and skip["onScreen"] and skip["outline"] >= 2, skip
        page.keyboard.press("Enter")
        assert page.evaluate("document.activeElement.id") == "main"

        # Then the queue's views, the filters in reading order, and the rows; each stop visibly focused.
        stops = tab_until(page, lambda f: re.search(r"^/claims/\d+/$", f["href"]))
        assert all(stop["inMain"] for stop in stops), stops  # the menu was skipped
        unseen = [stop for stop in stops if not (stop["outline"] >= 2 and stop["onScreen"])]
        assert unseen == [], [(s["name"], s["outline"], s["onScreen"]) for s in unseen]
        order = names(stops)
        assert order[0].startswith("My claims")
        statuses = [str(label) for label in Claim.Status.labels]  # ticked for a status, none ticked for any
        expected = ["Search claims, verdicts and cited pages", "Filters", *statuses, "Assignee", "Claimant", "Tag"]
        start = order.index("Search claims, verdicts and cited pages")
        assert order[start : start + len(expected)] == expected, order
        assert order.index("Filter") < order.index("Clear") < len(order) - 1

        # Space folds the filters away and opens them again; Enter does the same.
        page.goto(live_server.url + "/?view=all")
        tab_until(page, lambda f: f["name"] == "Filters")
        page.keyboard.press(" ")
        assert not page.get_by_label("Claimant").is_visible()
        page.keyboard.press("Enter")
        assert page.get_by_label("Claimant").is_visible()

        # A filter set from the keyboard: a status ticked with Space, a claimant typed, Enter.
        tab_until(page, lambda f: f["name"] == "New")
        page.keyboard.press(" ")
        assert page.get_by_label("New", exact=True).is_checked()
        tab_until(page, lambda f: f["name"] == "Claimant")
        page.keyboard.type("Oleksiy Reznikov")
        page.keyboard.press("Enter")
        page.wait_for_url(re.compile(r"status=new"))
        assert "claimant=Oleksiy+Reznikov" in page.url
        assert page.locator("tbody tr").count() == 2
        assert page.get_by_label("Claimant").is_visible()  # a filter is set: the panel stays open

        # A row opens with Enter.
        row = tab_until(page, lambda f: re.search(r"^/claims/\d+/$", f["href"]))[-1]
        page.keyboard.press("Enter")
        page.wait_for_url(re.compile(re.escape(row["href"]) + "$"))
        assert page.get_by_role("heading", level=1).inner_text().startswith("Claim #")


def test_on_a_phone_the_keyboard_goes_from_the_filters_summary_to_the_rows(live_server, client, queue_rows, journalist):
    with chromium_page(live_server.url, signed_in(client, journalist)) as page:
        page.set_viewport_size(PHONE)
        page.goto(live_server.url + "/?view=all")
        tab(page)
        page.keyboard.press("Enter")
        stops = tab_until(page, lambda f: re.search(r"^/claims/\d+/$", f["href"]))
        assert names(stops)[-2] == "Filters"  # the folded fields take no stop
        assert all(stop["outline"] >= 2 and stop["onScreen"] for stop in stops), stops
        assert names(stops)[-3] == "Search claims, verdicts and cited pages"  # searching needs no unfolding
        page.keyboard.press("Shift+Tab")
        page.keyboard.press(" ")
        assert tab(page)["name"] == str(Claim.Status.labels[0])
