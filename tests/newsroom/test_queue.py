"""The queue's filters in their default state, partial claimant and tag matches, sorts and
their pages, overdue work, bulk triage and saved views."""

import datetime
from html.parser import HTMLParser

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from claims.models import Claim, Claimant
from claims.services import claim_transition, claimant_create
from factcheck.errors import ActionForbidden
from factcheck.models import AuditEvent
from newsroom.models import SavedView
from newsroom.queue import Tally
from newsroom.services import saved_view_delete
from tests.conftest import count_queries
from verdicts.services import verdict_update


class _FormDefaults(HTMLParser):
    """What a browser sends when a person submits the queue's filter form as drawn."""

    def __init__(self):
        super().__init__()
        self.inside, self.select, self.pairs, self.options = False, None, [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and attrs.get("role") == "search":
            self.inside = True
        if not self.inside:
            return
        if tag == "input" and attrs.get("name"):
            kind = attrs.get("type", "text")
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                return
            if kind not in ("submit", "button"):
                self.pairs.append((attrs["name"], attrs.get("value", "on" if kind == "checkbox" else "")))
        elif tag == "select":
            self.select, self.options = attrs["name"], []
        elif tag == "option" and self.select:
            self.options.append((attrs.get("value", ""), "selected" in attrs))

    def handle_endtag(self, tag):
        if tag == "form" and self.inside:
            self.inside = False
        if tag == "select" and self.select:
            chosen = [value for value, selected in self.options if selected] or [self.options[0][0]]
            self.pairs.append((self.select, chosen[-1]))
            self.select = None


def defaults_of(page) -> list[tuple[str, str]]:
    parser = _FormDefaults()
    parser.feed(page.content.decode())
    assert parser.pairs, "the queue's filter form was not found"
    return parser.pairs


def rows_of(response) -> list[str]:
    assert response.status_code == 200
    return [claim.text for claim in response.context["rows"]]


def test_the_filter_form_as_drawn_finds_claims_with_every_field_at_its_default(client, journalist, make_claim):
    make_claim(text="Troops were massed near the border.")
    make_claim(text="Unemployment fell to 5.1 percent.")
    client.force_login(journalist)
    sent = defaults_of(client.get("/", {"view": "all"}))
    query = "&".join(f"{name}={value}" for name, value in sent if name != "q") + "&q=troops"
    response = client.get(f"/?{query}")
    assert b"Select a valid choice" not in response.content
    assert not response.context["filters"].errors, response.context["filters"].errors
    assert rows_of(response) == ["Troops were massed near the border."]
    assert {"assignee", "priority", "due", "rating", "sort"} <= {name for name, _ in sent}  # every select
    assert b"[invalid name]" not in response.content  # each select has its label
    # An address from before (a single "Any" value for the status) is any status, too.
    assert rows_of(client.get("/", {"view": "all", "status": "", "q": "troops"})) == [
        "Troops were massed near the border."
    ]
    assert len(rows_of(client.get("/", {"view": "all", "status": ["", "new"]}))) == 2
    assert b"Select a valid choice" in client.get("/", {"view": "all", "status": "nonsense"}).content


def test_the_claimant_filter_takes_part_of_a_name_or_an_alias_in_any_case(client, journalist, make_claim):
    putin = claimant_create(actor=journalist, name="Vladimir Putin", aliases=["Russian President"])
    make_claim(text="The special operation is going to plan.", claimant=putin)
    make_claim(text="About 100,000 soldiers were deployed near the border.")  # Oleksiy Reznikov
    Claimant.objects.filter(name="Oleksiy Reznikov").update(aliases=["Reznikov", "the defence minister"])
    client.force_login(journalist)

    def claimant(value):
        return rows_of(client.get("/", {"view": "all", "claimant": value}))

    assert (
        claimant("Putin")
        == claimant("putin")
        == claimant("  VLADIMIR   putin ")
        == ["The special operation is going to plan."]
    )
    assert claimant("russian pres") == ["The special operation is going to plan."]
    assert claimant("DEFENCE minister") == ["About 100,000 soldiers were deployed near the border."]
    assert claimant("Zelensky") == [] and claimant("%") == [] and claimant("_") == []


def test_the_tag_filter_takes_part_of_a_tag_in_any_case(client, journalist, make_claim):
    make_claim(text="Claim tagged Ukraine.", tags=["Ukraine"])
    make_claim(text="Claim tagged ukraine-war.", tags=["economy", "ukraine-war"])
    make_claim(text="Claim tagged economy.", tags=["economy"])
    client.force_login(journalist)

    def tag(value):
        return sorted(rows_of(client.get("/", {"view": "all", "tag": value})))

    assert tag("ukraine") == ["Claim tagged Ukraine.", "Claim tagged ukraine-war."]
    assert tag("WAR") == ["Claim tagged ukraine-war."]
    assert tag("econ") == ["Claim tagged economy.", "Claim tagged ukraine-war."]
    assert tag("%") == [] and tag("nothing") == []


# --- filters and sorts ---


def _claims(make_claim, editor, journalist):
    """Five claims with priorities, due dates and statuses to filter and sort by."""
    today = datetime.date.today()
    made = {
        "late": make_claim(text="Late and urgent.", priority=1, due_on=today - datetime.timedelta(days=2)),
        "soon": make_claim(text="Due in three days.", priority=2, due_on=today + datetime.timedelta(days=3)),
        "later": make_claim(text="Due in a month.", priority=3, due_on=today + datetime.timedelta(days=30)),
        "none": make_claim(text="No due date.", priority=2, language="uk"),
        "closed": make_claim(text="Late but dismissed.", priority=1, due_on=today - datetime.timedelta(days=5)),
    }
    claim_transition(claim_id=made["closed"].pk, action="dismiss", actor=editor, expected_version=0, comment="Opinion.")
    return made


def test_queue_filters_by_language_priority_and_due_date(client, editor, journalist, make_claim):
    _claims(make_claim, editor, journalist)
    client.force_login(editor)

    def texts(**params):
        return sorted(rows_of(client.get("/", {"view": "all", **params})))

    assert texts(language="UK") == ["No due date."]
    assert texts(priority="1") == ["Late and urgent.", "Late but dismissed."]
    assert texts(due="overdue") == ["Late and urgent."]  # a dismissed claim is not overdue work
    assert texts(due="week") == ["Due in three days."]
    assert texts(due="none") == ["No due date."]
    assert texts(due="set", priority="3") == ["Due in a month."]
    bad = client.get("/", {"view": "all", "priority": "9", "due": "yesterday", "sort": "random"})
    assert bad.status_code == 200 and bad.content.count(b"Select a valid choice") == 3


def test_overdue_rows_are_marked_in_words_not_only_colour(client, editor, journalist, make_claim):
    made = _claims(make_claim, editor, journalist)
    client.force_login(editor)
    page = client.get("/", {"view": "all"})
    overdue = [claim.pk for claim in page.context["rows"] if claim.overdue]
    assert overdue == [made["late"].pk]
    assert page.content.decode().count("Overdue:</strong>") == 1


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("newest", ["closed", "none", "later", "soon", "late"]),
        ("oldest", ["late", "soon", "later", "none", "closed"]),
        ("priority", ["closed", "late", "none", "soon", "later"]),
        ("due", ["closed", "late", "soon", "later", "none"]),
    ],
)
def test_each_sort_orders_the_queue(client, editor, journalist, make_claim, sort, expected):
    made = _claims(make_claim, editor, journalist)
    client.force_login(editor)
    rows = client.get("/", {"view": "all", "sort": sort}).context["rows"]
    assert [claim.pk for claim in rows] == [made[key].pk for key in expected]


@pytest.mark.parametrize("sort", ["newest", "oldest", "priority", "due"])
def test_keyset_pages_follow_each_sort_forward_and_back(client, journalist, make_claim, sort):
    today = datetime.date.today()
    for n in range(60):
        due = today + datetime.timedelta(days=n % 7) if n % 4 else None
        make_claim(text=f"Claim number {n} about the border.", priority=1 + n % 3, due_on=due)
    client.force_login(journalist)
    keys = {
        "newest": lambda c: -c.pk,
        "oldest": lambda c: c.pk,
        "priority": lambda c: (c.priority, -c.pk),
        "due": lambda c: (c.due_on or datetime.date.max, -c.pk),
    }[sort]
    expected = [c.pk for c in sorted(Claim.objects.all(), key=keys)]
    pages, url = [], f"/?view=all&sort={sort}"
    while True:
        page = client.get(url).context
        pages.append([c.pk for c in page["rows"]])
        if not page["older"]:
            break
        url = f"/?{page['query']}&{page['older']}"
    assert [pk for chunk in pages for pk in chunk] == expected and [len(p) for p in pages] == [25, 25, 10]
    back = client.get(f"/?{page['query']}&{page['newer']}").context
    assert [c.pk for c in back["rows"]] == pages[1]
    assert client.get(f"/?view=all&sort={sort}&before=1~x").status_code == 200  # a bad cursor is page one


def test_the_verdicts_tabs_page_by_keys_newest_or_longest_waiting_first(
    client, editor, other_editor, verdict_in, monkeypatch
):
    monkeypatch.setattr("newsroom.views.queue.PAGE_SIZE", 2)
    published = [verdict_in("published") for _ in range(3)]
    waiting = [verdict_in("submitted") for _ in range(3)]
    client.force_login(other_editor)
    for view, made in (("published", published[::-1]), ("review", waiting)):
        first = client.get("/", {"view": view}).context
        assert [v.pk for v in first["rows"]] == [v.pk for v in made[:2]] and first["newer"] is None
        second = client.get(f"/?view={view}&{first['older']}").context
        assert [v.pk for v in second["rows"]] == [made[2].pk] and second["older"] is None
        back = client.get(f"/?view={view}&{second['newer']}").context
        assert [v.pk for v in back["rows"]] == [v.pk for v in made[:2]]
        assert first["total"] == Tally(3)
        for cursor in ("1~x", "2026-01-01 00:00:00~1", "1"):  # a bad cursor is page one
            assert [v.pk for v in client.get(f"/?view={view}&before={cursor}").context["rows"]] == [
                v.pk for v in made[:2]
            ]


def test_long_lists_are_counted_up_to_a_bound(client, editor, make_claim, monkeypatch):
    monkeypatch.setattr("newsroom.queue.paging.COUNTED_UP_TO", 5)
    for n in range(5):
        make_claim(text=f"Claim {n} waiting in intake.")
    client.force_login(editor)
    page = client.get("/", {"view": "intake"})
    assert page.context["total"] == Tally(5) and "5 claims" in page.content.decode()
    make_claim(text="One claim too many to count.")
    page = client.get("/", {"view": "intake"})
    assert page.context["total"] == Tally(5, more=True) and "More than 5 claims" in page.content.decode()
    assert '<span class="count">5+</span>' in page.content.decode()  # the intake tab
    assert len(page.context["rows"]) == 6  # every row is still listed


def test_a_search_lists_claims_among_the_newest_matches_of_each_kind(
    client, editor, journalist, make_claim, verdict_in, monkeypatch
):
    monkeypatch.setattr("verdicts.search.MATCHES_OF_EACH_KIND", 2)
    drafted = verdict_in("draft")  # its claim says nothing of harbours
    old = make_claim(text="Harbour traffic doubled.")
    newer = [make_claim(text=f"Harbour fees rose by {n} percent.") for n in range(2)]
    client.force_login(editor)

    def listed():
        return [claim.pk for claim in client.get("/", {"view": "all", "q": "harbour"}).context["rows"]]

    assert listed() == [claim.pk for claim in newer[::-1]]  # the claims' own words: the newest two only
    page = client.get("/", {"view": "all", "q": "harbour"})  # the third is not read: there may be more
    assert page.context["total"] == Tally(2, more=True) and "More than 2 claims" in page.content.decode()
    # A verdict's words are a kind of their own: its claim is listed beside the claims' newest matches.
    verdict_update(
        verdict_id=drafted.pk, actor=journalist, expected_version=drafted.lock_version, headline="Harbour figures"
    )
    assert listed() == [newer[1].pk, newer[0].pk, drafted.claim_id] and old.pk not in listed()
    # Its count cannot know how many matched beyond the bound: it says "more than".
    page = client.get("/", {"view": "all", "q": "harbour"})
    assert page.context["total"] == Tally(2, more=True) and "More than 2 claims" in page.content.decode()


# --- bulk triage ---


def test_bulk_triage_changes_each_row_through_the_service_and_lists_refusals(client, editor, journalist, make_claim):
    claims = [make_claim(text=f"Claim {n} to triage.") for n in range(4)]
    dismissed = claims[3]
    claim_transition(claim_id=dismissed.pk, action="dismiss", actor=editor, expected_version=0, comment="Opinion.")
    client.force_login(editor)
    page = client.get("/", {"view": "all"}).content.decode()
    assert (
        'aria-label="Select all claims on this page"' in page and f'aria-label="Select claim #{claims[0].pk}"' in page
    )
    picked = [f"{c.pk}@{Claim.objects.get(pk=c.pk).lock_version}" for c in claims] + ["999999@0"]
    before = AuditEvent.objects.filter(action="claim.accept").count()
    response = client.post(
        reverse("queue-bulk"),
        {"action": "assign", "assignee": journalist.pk, "claim": picked, "back": "/?view=all"},
        follow=True,
    )
    said = [str(m) for m in response.context["messages"]]
    assert "Accept and assign, or reassign: 3 claims done." in said
    assert f"Claim #{dismissed.pk}: already dismissed." in said and "Claim #999999: there is no such claim." in said
    assert AuditEvent.objects.filter(action="claim.accept").count() == before + 3
    assert set(Claim.objects.filter(assignee=journalist).values_list("pk", flat=True)) == {c.pk for c in claims[:3]}
    # A revision the page showed before someone changed the claim: that row is refused, not overwritten.
    stale = client.post(
        reverse("queue-bulk"),
        {"action": "tag", "tag": "Ukraine", "claim": [f"{claims[0].pk}@0", f"{claims[1].pk}@1"]},
        follow=True,
    )
    said = [str(m) for m in stale.context["messages"]]
    assert any(m.startswith(f"Claim #{claims[0].pk}: Someone else changed") for m in said)
    assert Claim.objects.get(pk=claims[1].pk).tags == ["Ukraine"] and Claim.objects.get(pk=claims[0].pk).tags == []


def test_bulk_dismiss_needs_a_reason_and_bad_requests_get_a_message(client, editor, journalist, make_claim):
    claim = make_claim(text="A claim to dismiss.")
    client.force_login(editor)

    def said(**data):
        response = client.post(reverse("queue-bulk"), data, follow=True)
        assert response.status_code == 200
        return [str(m) for m in response.context["messages"]]

    assert said(action="dismiss", claim=f"{claim.pk}@0") == ["Give the reason for dismissing these claims."]
    assert said(action="explode", claim=f"{claim.pk}@0")[0].startswith("Choose what to do")
    assert said(action="dismiss", comment="x", claim=[f"{n}@0" for n in range(1, 200)]) == [
        "Select at most 100 claims at a time."
    ]
    assert said(action="dismiss", comment="x", claim="'; drop table")[0].endswith("is not a claim of the queue.")
    assert said(action="dismiss", comment="x") == ["Select at least one claim."]
    assert said(action="assign", claim=f"{claim.pk}@0")[0].startswith("Choose who will check")
    assert Claim.objects.get(pk=claim.pk).status == Claim.Status.NEW
    assert said(action="dismiss", comment="An opinion.", claim=f"{claim.pk}@0") == ["Dismiss: 1 claim done."]
    assert Claim.objects.get(pk=claim.pk).status_reason == "An opinion."
    # A journalist may not triage: no boxes on the page, and the post is refused.
    client.force_login(journalist)
    assert b'name="claim"' not in client.get("/", {"view": "all"}).content
    assert (
        client.post(reverse("queue-bulk"), {"action": "tag", "tag": "x", "claim": f"{claim.pk}@1"}).status_code == 403
    )


# --- saved views ---


def test_a_person_saves_a_filter_finds_it_in_the_tabs_and_deletes_it(client, editor, journalist, make_claim):
    make_claim(text="Urgent Ukraine claim.", priority=1, tags=["ukraine-war"])
    make_claim(text="Slow economy claim.", priority=3, tags=["economy"])
    client.force_login(editor)
    response = client.post(
        reverse("saved-view-create"),
        {"name": "My urgent Ukraine claims", "query": "view=all&tag=ukraine&priority=1&status=&before=3&junk=1"},
        follow=True,
    )
    saved = SavedView.objects.get(owner=editor)
    assert saved.query == "view=all&tag=ukraine&priority=1"
    assert rows_of(response) == ["Urgent Ukraine claim."] and response.context["saved_current"] == saved
    assert AuditEvent.objects.filter(action="saved_view.create", object_id=str(saved.pk)).exists()
    tab = f'href="?view=all&amp;tag=ukraine&amp;priority=1&amp;saved={saved.pk}"'
    assert tab in client.get("/").content.decode()
    again = client.post(
        reverse("saved-view-create"), {"name": "my URGENT ukraine claims", "query": "view=all"}, follow=True
    )
    assert "You already have a view called “my URGENT ukraine claims”." in [str(m) for m in again.context["messages"]]
    bad = client.post(reverse("saved-view-create"), {"name": "Broken", "query": "view=all&due=someday"}, follow=True)
    assert any("cannot be saved" in str(m) for m in bad.context["messages"]) and SavedView.objects.count() == 1
    # Nobody else sees it or can delete it.
    client.force_login(journalist)
    assert tab not in client.get("/").content.decode()
    assert client.post(reverse("saved-view-delete", args=[saved.pk])).status_code == 404
    assert SavedView.objects.filter(pk=saved.pk).exists()
    client.force_login(editor)
    client.post(reverse("saved-view-delete", args=[saved.pk]))
    assert not SavedView.objects.exists()


def test_only_the_owner_may_delete_a_saved_view(editor, journalist):
    saved = SavedView.objects.create(owner=editor, name="Mine", query="view=all")
    with pytest.raises(ActionForbidden, match="someone else's"):
        saved_view_delete(actor=journalist, saved_id=saved.pk)
    saved_view_delete(actor=editor, saved_id=saved.pk)
    assert not SavedView.objects.exists()
    assert AuditEvent.objects.filter(action="saved_view.delete", object_id=str(saved.pk)).exists()


def test_a_saved_view_that_no_longer_validates_says_so(client, editor):
    saved = SavedView.objects.create(owner=editor, name="Old", query="view=all&sort=by-mood")
    client.force_login(editor)
    response = client.get(f"/?{saved.query}&saved={saved.pk}")
    assert response.status_code == 200
    assert "The saved view “Old” no longer applies" in " ".join(str(m) for m in response.context["messages"])


# --- the same number of queries for 3 and 30 rows ---


@pytest.mark.parametrize(
    "params",
    [
        "view=all&sort=oldest",
        "view=all&sort=priority&priority=2",
        "view=all&sort=due&due=set",
        "view=all&due=overdue&language=en&tag=war&claimant=rezn",
        "view=all&status=new&status=checking",
    ],
)
def test_the_queue_with_filters_and_sorts_runs_the_same_queries_for_3_and_30_rows(client, editor, make_claim, params):
    client.force_login(editor)
    for n in range(3):
        SavedView.objects.create(owner=editor, name=f"View {n}", query="view=all&priority=1")

    def fill(n):
        for i in range(n):
            make_claim(text="Soldiers near the border.", priority=1 + i % 3, tags=["ukraine-war"],
                       due_on=datetime.date.today() - datetime.timedelta(days=i % 5 - 2))  # fmt: skip

    fill(3)
    few = count_queries(client, f"/?{params}")
    fill(27)
    assert count_queries(client, f"/?{params}") == few


def test_a_search_finds_its_matches_once_for_the_list_and_the_hits(client, editor, journalist, make_claim, verdict_in):
    drafted = verdict_in("draft")
    verdict_update(
        verdict_id=drafted.pk, actor=journalist, expected_version=drafted.lock_version, headline="Harbour figures"
    )
    client.force_login(editor)

    def searched():
        with CaptureQueriesContext(connection) as ctx:
            page = client.get("/", {"view": "all", "q": "harbour"})
        matching = [q["sql"] for q in ctx.captured_queries if " @@ " in q["sql"]]
        return page, len(ctx.captured_queries), matching

    for n in range(3):
        make_claim(text=f"Harbour fees rose by {n} percent.")
    page, few, matching = searched()
    # One query reads the newest matches of every kind; the list and the ranked hits both use it.
    assert len(matching) == 1 and "UNION ALL" in matching[0]
    assert {hit.kind for hit in page.context["hits"]} == {"claim", "verdict"}
    assert drafted.claim_id in [claim.pk for claim in page.context["rows"]]
    for n in range(27):
        make_claim(text=f"Harbour dues fell by {n} percent.")
    page, many, matching = searched()
    assert many == few and len(matching) == 1 and len(page.context["rows"]) > 3


def test_bulk_triage_runs_the_same_queries_per_row_for_3_and_30_rows(client, editor, journalist, make_claim):
    client.force_login(editor)

    def triage(n):
        claims = [make_claim(text=f"Claim {i} to tag.") for i in range(n)]
        with CaptureQueriesContext(connection) as ctx:
            client.post(
                reverse("queue-bulk"), {"action": "tag", "tag": "ukraine", "claim": [f"{c.pk}@0" for c in claims]}
            )
        assert all(c.tags == ["ukraine"] for c in Claim.objects.filter(pk__in=[c.pk for c in claims]))
        return len(ctx.captured_queries)

    few, many = triage(3), triage(30)
    assert (many - few) % 27 == 0 and (many - few) // 27 == (few - triage(1)) // 2  # a fixed cost per row


def test_claimant_suggestions_run_the_same_queries_for_3_and_30_claimants(client, journalist):
    client.force_login(journalist)

    def add(n, start):
        for i in range(start, start + n):
            claimant_create(actor=journalist, name=f"Reznikov Number {i}", aliases=[f"R{i}"])

    add(3, 0)
    few = count_queries(client, "/claims/claimants/?claimant_name=rezn")
    add(27, 3)
    assert count_queries(client, "/claims/claimants/?claimant_name=rezn") == few
