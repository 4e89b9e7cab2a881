"""A day in the newsroom, end to end in real Chromium, at desktop width and at phone width.

A journalist takes the claims of an article into intake; an editor triages them from the queue
(tagging and accepting several at once); the journalist saves a view of her own, picks up a claim,
edits one, writes a note to the editor and ticks its checklist;
the journalist researches one (a page served by a local web server, captured by a real Celery
worker), drafts a verdict and submits it; the editor sends it back, the journalist revises it, the
editor approves and publishes it and a reader sees it; the editor opens a correction, the
journalist drafts it and a second editor publishes it.

Everything after the people exist goes through the pages as drawn, with the forms in their
default state except for what a person types or picks. Each stage is one function of `STAGES`;
a new everyday task is a new function put in its place in that list. At phone width every page
visited is checked for sideways scrolling. Screenshots of each step are saved under the test's
`screenshots/` folder.
"""

import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings as django_settings

from claims.checklist import checklist_step_create
from tests.browser import chromium_page, require_chromium
from tests.conftest import PASSWORD
from tests.newsroom.phone import DESKTOP, PHONE, assert_fits
from tests.sources.webserver import ARTICLE
from tests.workers import Worker, unique_queue

SEED = Path(django_settings.BASE_DIR) / "seeds" / "putin-biden-sanctions-2021-12-31.txt"

# Claims are picked by words that the hand-annotated claims of the article (seeds/) also have, so
# that a better extractor still proposes them.
RESEARCHED = "about 100,000 Russian soldiers were deployed near the Russian-Ukrainian border"
ACCEPTED = (RESEARCHED, "Russia has been massing troops", "The Kremlin has failed to back up")
DISMISSED = "The Biden-Putin talks took place on Dec. 30"
DUPLICATE = "will respond decisively if Russia further invades Ukraine"
ORIGINAL = "would impose damaging sanctions if Moscow escalates"
PICKED_UP = "regain control of the occupied territories"
STEP = "Found the primary source"


@dataclass
class Day:
    """The browser, the people and what the stages have learnt so far."""

    page: object
    base: str
    shots: Path
    phone: bool
    people: dict
    evidence_url: str
    facts: dict = field(default_factory=dict)
    taken: int = 0

    def look(self, name: str):
        """A screenshot of the page as it is; at phone width, nothing may run off the side."""
        self.taken += 1
        self.page.screenshot(path=str(self.shots / f"{self.taken:02d}-{name}.png"), full_page=True)
        if self.phone:
            assert_fits(self.page, f"{name} ({self.page.url})", PHONE["width"])

    def sign_in(self, who: str):
        user = self.people[who]
        self.page.goto(self.base + "/login/")
        self.page.get_by_label("Username").fill(user.username)
        self.page.get_by_label("Password").fill(PASSWORD)
        self.page.get_by_role("button", name="Sign in").click()
        self.page.wait_for_url(self.base + "/")

    def sign_out(self):
        self.page.get_by_role("button", name=re.compile("^Sign out")).click()
        self.page.wait_for_url(re.compile(r"/login/"))

    def follow(self, locator):
        """Click a link or a button that loads another page, and wait for it."""
        with self.page.expect_navigation():
            locator.click()

    def menu(self, name: str):
        self.follow(self.page.get_by_role("navigation", name="Main").get_by_role("link", name=re.compile("^" + name)))

    def tab(self, name: str):
        """One of the queue's views, by its tab."""
        self.menu("Queue")
        self.follow(
            self.page.get_by_role("navigation", name="Queue views").get_by_role("link", name=re.compile("^" + name))
        )

    def open_row(self, words: str) -> int:
        """Open the claim or verdict whose row in the queue has these words; its claim's number."""
        link = self.page.locator("main table a").filter(has_text=words).first
        number = link.inner_text().lstrip("#").split()[0]
        self.follow(link)
        found = re.search(r"/claims/(\d+)/", self.page.url)
        return int(found.group(1)) if found else int(number)

    def act(self, label: str, comment: str = "", **fields):
        """Press a workflow button, with its comment and any field it asks for."""
        form = self.page.locator("form[data-action]").filter(has=self.page.get_by_role("button", name=label))
        for name, value in fields.items():
            form.get_by_label(name).select_option(label=value)
        if comment:
            form.get_by_label(re.compile("^Comment")).fill(comment)
        self.follow(form.get_by_role("button", name=label))

    def bulk(self, rows: tuple[str, ...], action: str, *, tag: str = "", assignee: str = "", reason: str = ""):
        """Tick the queue's rows that have these words and apply one of the bulk actions."""
        self.tab("Unassigned intake")
        for words in rows:
            row = self.page.locator("main table tbody tr").filter(has_text=words).first
            row.get_by_role("checkbox").check()
        bulk = self.page.locator("form#bulk")
        bulk.get_by_label("Action").select_option(label=action)
        if tag:
            bulk.get_by_label("Tag (to add)").fill(tag)
        if assignee:
            bulk.get_by_label("Assign to").select_option(label=assignee)
        if reason:
            bulk.get_by_label("Reason (to dismiss)").fill(reason)
        self.follow(bulk.get_by_role("button", name="Apply to selected"))

    def status(self) -> str:
        return self.page.locator("h1 .status").first.inner_text()

    def wait_for_autosave(self):
        """Wait, as a person would, until the editor says the last change is saved: the save
        follows a pause in typing."""
        self.page.wait_for_timeout(1700)
        self.page.wait_for_load_state("networkidle")
        self.page.wait_for_selector("#autosave:has-text('Saved at')", timeout=15_000)


def journalist_takes_in_an_article(day: Day):
    day.sign_in("journalist")
    day.menu("From an article")
    day.page.get_by_label("Paste the article").fill(SEED.read_text())
    day.look("article-pasted")
    day.page.get_by_role("button", name="Propose claims").click()
    proposals = day.page.locator(".proposal input[type=checkbox]")
    proposals.first.wait_for()
    day.facts["proposed"] = proposals.count()
    assert day.facts["proposed"] >= 15
    day.look("proposals")
    for n in range(day.facts["proposed"]):
        proposals.nth(n).check()
    day.follow(day.page.get_by_role("button", name="Keep the ticked claims"))
    assert "view=intake" in day.page.url
    day.look("kept-in-intake")
    day.sign_out()


def editor_triages_intake(day: Day):
    day.sign_in("editor")
    day.tab("Unassigned intake")
    rows = day.page.locator("main table tbody tr")
    assert rows.count() == day.facts["proposed"]
    day.look("editor-intake")
    # The three worth checking, from the queue itself: ticked, tagged, then accepted and assigned
    # in one go (each goes through the same service as the claim page's button).
    day.bulk(ACCEPTED, "Add a tag", tag="Ukraine")
    day.bulk(ACCEPTED, "Accept and assign, or reassign", assignee=day.people["journalist"].username)
    day.look("bulk-accepted")
    day.facts["accepted"] = {}
    for words in ACCEPTED:
        day.tab("All claims")
        number = day.open_row(words)
        assert day.status() == "Checking"
        day.facts["accepted"][words] = number
    day.look("accepted")

    day.tab("Unassigned intake")
    day.open_row(DISMISSED)
    day.act("Dismiss", "A description of the call, not a claim anyone needs checked.")
    assert day.status() == "Dismissed"
    day.look("dismissed")

    day.tab("Unassigned intake")
    original = day.open_row(ORIGINAL)
    day.tab("Unassigned intake")
    day.open_row(DUPLICATE)
    form = day.page.locator("form[data-action=mark_duplicate]")
    form.get_by_label("Find the original").fill("impose damaging sanctions Moscow escalates")
    day.page.locator(f'#dup-results .pick-original[data-claim="{original}"]').click()
    assert form.get_by_label("Original claim number").input_value() == str(original)
    day.act("Mark as duplicate")
    assert day.status() == "Duplicate"
    day.look("marked-duplicate")

    day.tab("Unassigned intake")
    assert rows.count() == day.facts["proposed"] - len(ACCEPTED) - 2
    assert rows.filter(has_text=PICKED_UP).count()
    day.sign_out()


def journalist_plans_her_day(day: Day):
    """A filter by part of a tag, saved as a view of her own; a claim picked up from intake."""
    day.sign_in("journalist")
    day.tab("My claims")
    assert day.page.locator("main table tbody tr").count() == len(ACCEPTED)
    panel = day.page.locator("#filter-panel")
    if not panel.evaluate("element => element.open"):
        panel.locator("summary").click()
    day.page.get_by_label("Tag").fill("ukr")  # part of the tag, in another case
    day.page.get_by_label("Tag").press("Enter")
    day.page.wait_for_load_state("networkidle")
    assert day.page.locator("main table tbody tr").count() == len(ACCEPTED)
    day.page.get_by_label("Save this filter as").fill("My Ukraine claims")
    day.follow(day.page.get_by_role("button", name="Save view"))
    day.menu("Queue")
    day.follow(day.page.get_by_role("navigation", name="Queue views").get_by_role("link", name="My Ukraine claims"))
    assert day.page.locator("main table tbody tr").count() == len(ACCEPTED)
    day.look("saved-view")

    day.tab("Unassigned intake")
    day.open_row(PICKED_UP)
    day.act("Pick up")
    assert day.status() == "Checking"
    day.look("picked-up")
    day.sign_out()


def journalist_researches_and_submits(day: Day):
    day.sign_in("journalist")
    day.tab("My claims")
    assert day.page.locator("main table tbody tr").count() == len(ACCEPTED) + 1
    day.facts["claim"] = day.open_row(RESEARCHED)

    # The claim made urgent and given a due date; a note to the editor; the checklist.
    day.page.locator("#edit summary").click()
    edit = day.page.locator("#edit form")
    edit.get_by_label("Priority").select_option(label="1 · urgent")
    edit.get_by_label(re.compile(r"^Due")).fill("2031-01-15")
    day.follow(edit.get_by_role("button", name="Save the claim"))
    assert "urgent" in day.page.locator("main").inner_text().lower()
    editor = day.people["editor"].username
    day.page.get_by_label("Note", exact=True).fill(f"@{editor} the minister's figure: parliament or press?")
    day.follow(day.page.get_by_role("button", name="Add note"))
    assert "the minister's figure: parliament or press?" in day.page.locator("#notes").inner_text()
    day.follow(day.page.get_by_role("button", name=f"Tick “{STEP}”"))
    assert day.page.locator("#checklist li").filter(has_text=STEP).get_attribute("data-done") == "1"
    day.look("claim-edited-noted-ticked")
    day.page.get_by_label("Source URL").fill(day.evidence_url)
    day.page.get_by_label("Stance").select_option("supports")
    day.page.get_by_label("Passage relied upon").fill("about 100,000 soldiers were deployed near the border")
    day.follow(day.page.get_by_role("button", name="Cite and capture"))
    day.page.wait_for_selector('[data-capture-status="succeeded"]', timeout=60_000)
    day.look("cited-and-captured")

    day.follow(day.page.get_by_role("button", name="Draft a verdict"))
    day.page.get_by_label("Rating").select_option("mostly_true")
    day.page.get_by_label("Headline").fill("Yes, about 100,000 troops were near the border")
    day.page.get_by_label("Summary").fill("Satellite images and the defence minister's figures agree.")
    day.page.get_by_label("Explanation").fill("The **minister** said so in parliament on Dec. 3.")
    day.wait_for_autosave()
    day.look("verdict-drafted")
    day.act("Submit for review")
    assert day.status() == "Submitted for review"
    day.sign_out()


def editor_sends_it_back(day: Day):
    day.sign_in("editor")
    day.menu("Notifications")
    mention = day.page.locator("main a").filter(has_text="mentioned").first
    day.follow(mention)
    assert "/claims/" in day.page.url and "parliament or press?" in day.page.content()
    day.look("mention-opened")
    day.tab("Waiting for my review")
    day.open_row(RESEARCHED)
    day.look("review")
    day.act("Request changes", "Name the satellite imagery provider.")
    assert day.status() == "Changes requested"
    day.look("changes-requested")
    day.sign_out()


def journalist_revises_and_resubmits(day: Day):
    day.sign_in("journalist")
    day.menu("Notifications")
    day.look("notifications")
    day.tab("My claims")
    day.open_row(RESEARCHED)
    day.follow(day.page.get_by_role("link", name=re.compile("^Open verdict")))
    assert "Name the satellite imagery provider." in day.page.content()
    day.act("Revise")
    day.page.get_by_label("Summary").fill("Maxar satellite images and the defence minister's figures agree.")
    day.wait_for_autosave()
    day.act("Submit for review")
    assert day.status() == "Submitted for review"
    day.look("resubmitted")
    day.sign_out()


def editor_approves_and_publishes(day: Day):
    day.sign_in("editor")
    day.tab("Waiting for my review")
    day.open_row(RESEARCHED)
    diff = day.page.locator("section").filter(
        has=day.page.get_by_role("heading", name="Changed since it was sent back")
    )
    assert "Maxar" in diff.inner_text()
    assert "sent version 1 back" in day.page.content()
    day.look("review-with-diff")
    day.act("Approve")
    day.act("Publish")
    assert day.status() == "Published"
    day.facts["public"] = day.page.get_by_role("link", name="Public page").get_attribute("href")
    day.look("published")
    day.sign_out()


def reader_reads_the_verdict(day: Day):
    day.page.goto(day.base + day.facts["public"])
    content = day.page.content()
    assert "Yes, about 100,000 troops were near the border" in content
    assert "Maxar satellite images" in content
    day.look("public-page")


def editor_opens_a_correction(day: Day):
    day.sign_in("editor")
    day.tab("Recently published")
    day.open_row(RESEARCHED)
    day.act("Open a correction", "The minister's figure was revised to 94,000 the next week.")
    assert day.status() == "Draft"
    day.look("correction-opened")
    day.sign_out()


def journalist_drafts_the_correction(day: Day):
    day.sign_in("journalist")
    day.tab("My claims")
    day.open_row(RESEARCHED)
    day.follow(day.page.get_by_role("link", name=re.compile(r"^Open verdict v2")))
    day.page.get_by_label("Summary").fill("About 94,000 troops: the minister revised his figure a week later.")
    day.page.get_by_label("Correction note").fill("We corrected the number of troops to 94,000.")
    day.wait_for_autosave()
    day.act("Submit for review")
    assert day.status() == "Submitted for review"
    day.act("Withdraw from review")  # a second look before anyone reviews it
    assert day.status() == "Draft"
    day.act("Submit for review")
    assert day.status() == "Submitted for review"
    day.look("correction-submitted")
    day.sign_out()


def second_editor_publishes_the_correction(day: Day):
    day.sign_in("second_editor")
    day.tab("Waiting for my review")
    day.open_row(RESEARCHED)
    day.act("Approve")
    day.act("Publish")
    assert day.status() == "Published"
    corrected = day.page.get_by_role("link", name="Public page").get_attribute("href")
    day.sign_out()
    day.page.goto(day.base + corrected)
    assert "We corrected the number of troops to 94,000." in day.page.content()
    day.look("public-correction")
    day.page.goto(day.base + day.facts["public"])
    assert "This version was corrected" in day.page.content()
    day.look("public-superseded")


STAGES = [
    journalist_takes_in_an_article,
    editor_triages_intake,
    journalist_plans_her_day,
    journalist_researches_and_submits,
    editor_sends_it_back,
    journalist_revises_and_resubmits,
    editor_approves_and_publishes,
    reader_reads_the_verdict,
    editor_opens_a_correction,
    journalist_drafts_the_correction,
    second_editor_publishes_the_correction,
]


@pytest.mark.integration
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("width", ["desktop", "phone"])
def test_a_day_of_work_through_the_newsroom_pages(
    width, live_server, tmp_path, server, settings, journalist, editor, other_editor
):
    require_chromium()
    # The newsroom's checklist, set up by an editor beforehand (as the people are).
    checklist_step_create(actor=editor, label=STEP, required_for_submit=True)
    queue = unique_queue()
    settings.CAPTURE_QUEUE = queue
    settings.CAPTURE_ALLOWED_PRIVATE = [f"127.0.0.1:{server.port}"]
    env = {"CAPTURE_QUEUE": queue, "CAPTURE_ALLOWED_PRIVATE": f"127.0.0.1:{server.port}"}
    server.page("/evidence", ARTICLE)
    shots = tmp_path / "screenshots"
    shots.mkdir()
    worker = Worker(queue, tmp_path / "worker.log", env)
    try:
        with chromium_page(live_server.url) as page:
            page.set_viewport_size(PHONE if width == "phone" else DESKTOP)
            console = []
            page.on("console", lambda message: console.append(message.text))
            day = Day(
                page=page,
                base=live_server.url,
                shots=shots,
                phone=width == "phone",
                people={"journalist": journalist, "editor": editor, "second_editor": other_editor},
                evidence_url=server.url("/evidence"),
            )
            for stage in STAGES:
                stage(day)
            assert [line for line in console if "Content Security Policy" in line] == []
    finally:
        worker.stop()
