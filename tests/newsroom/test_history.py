"""A claim's and a verdict's history in words, autosaves folded, and the diff a reviewer sees
between the revision sent back and the one resubmitted."""

import ast
import datetime
from pathlib import Path

import pytest
from django.utils import timezone

from claims.models import Citation
from claims.services import citation_create, claim_update
from claims.workflow import CLAIM_WORKFLOW
from factcheck.models import AuditEvent
from newsroom.history import OWN_COMMENTS, PHRASES, describe, history_entries
from tests.conftest import capture, count_queries, step
from verdicts.services import verdict_update
from verdicts.translations.workflow import TRANSLATION_WORKFLOW
from verdicts.workflow import VERDICT_WORKFLOW

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]


def _recorded_actions() -> set[str]:
    """Every action name an `audit_record(...)` call in the code can write (transitions are
    `claim.<name>` / `verdict.<name>` for each transition of their workflow)."""
    workflows = {"claim.": CLAIM_WORKFLOW, "verdict.": VERDICT_WORKFLOW, "translation.": TRANSLATION_WORKFLOW}
    found, unreadable = set(), []
    for path in ROOT.rglob("*.py"):
        parts = path.relative_to(ROOT).parts
        if parts[0] in ("tests", ".venv", ".venv-runtime", "var") or "migrations" in parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if not (isinstance(node, ast.Call) and getattr(node.func, "id", "") == "audit_record"):
                continue
            action = next((k.value for k in node.keywords if k.arg == "action"), None)
            if isinstance(action, ast.Constant):
                found.add(action.value)
            elif isinstance(action, ast.JoinedStr) and isinstance(action.values[0], ast.Constant):
                prefix = action.values[0].value
                found.update(prefix + t.action for t in workflows[prefix].transitions)
            elif isinstance(action, ast.JoinedStr) and ast.unparse(action) == "f'{self.name}.{action}'":
                # the workflow engine records every transition it applies, of every workflow
                found.update(prefix + t.action for prefix, flow in workflows.items() for t in flow.transitions)
            else:
                unreadable.append(f"{path}:{node.lineno}")
    assert not unreadable, f"action names that cannot be read from the code: {unreadable}"
    return found


def test_a_comment_the_workbench_writes_itself_is_not_shown_as_a_persons():
    """A comment written by the code (a literal or an f-string, in English) is never shown in a
    history, where a person's comment would be: the sentence says it in the reader's language."""
    written = set()
    for path in ROOT.rglob("*.py"):
        parts = path.relative_to(ROOT).parts
        if parts[0] in ("tests", ".venv", ".venv-runtime", "var") or "migrations" in parts or path.name == "demo.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "audit_record":
                keywords = {k.arg: k.value for k in node.keywords}
                if isinstance(keywords.get("comment"), ast.JoinedStr | ast.Constant):
                    written.add(keywords["action"].value)
    assert written and written <= OWN_COMMENTS, written - OWN_COMMENTS


def test_every_action_the_code_records_has_a_phrasing():
    recorded = _recorded_actions()
    assert {"claim.create", "claim.accept", "verdict.request_changes", "citation.create"} <= recorded
    assert sorted(recorded - set(PHRASES)) == []


def test_the_claim_page_tells_its_history_in_words(client, journalist, editor, checking_claim):
    editor.first_name, editor.last_name = "Edith", "Ramos"
    editor.save()
    claim = checking_claim()  # added by jo, accepted by the editor and assigned to jo, a source cited
    capture("https://www.bbc.com/news/1")
    citation_create(actor=journalist, claim_id=claim.pk, url="https://www.bbc.com/news/1", stance="refutes")
    claim_update(claim_id=claim.pk, actor=journalist, expected_version=claim.lock_version, said_on="2024-01-02")
    client.force_login(journalist)
    body = client.get(f"/claims/{claim.pk}/").content.decode()
    history = body.split('id="history"')[1]
    assert "jo added the claim." in history
    assert "Edith Ramos accepted the claim and assigned it to jo." in history
    assert "jo cited example.org (supports)." in history and "jo cited bbc.com (refutes)." in history
    assert "jo changed the claim&#x27;s date." in history
    assert "claim.create" not in history.replace('data-action="claim.create"', "")  # no raw codes shown
    assert "(— →" not in history


def test_a_verdict_sent_back_is_said_with_its_comment(client, journalist, editor, verdict_in):
    verdict = verdict_in("submitted")
    step(verdict, "request_changes", editor, "Name the source.")
    client.force_login(journalist)
    history = client.get(f"/verdicts/{verdict.pk}/edit/").content.decode().split('id="history"')[1]
    assert "jo started version 1 of the verdict." in history
    assert "jo submitted version 1 for review." in history
    assert "ed sent version 1 back: <q>Name the source.</q>" in history


def test_autosaves_are_one_entry_per_editing_stretch(client, journalist, verdict_in):
    verdict = verdict_in("draft")
    for n in range(7):
        verdict = verdict_update(
            verdict_id=verdict.pk, actor=journalist, expected_version=verdict.lock_version, summary=f"Draft {n}."
        )
    assert AuditEvent.objects.filter(action="verdict.update", object_id=str(verdict.pk)).count() == 7  # all kept
    client.force_login(journalist)
    page = client.get(f"/verdicts/{verdict.pk}/edit/")
    entries = page.context["history"]
    assert [e.action for e in entries] == ["verdict.create", "verdict.update"]
    assert entries[1].saves == 7 and "jo edited the draft of version 1 (summary; 7 saves, " in entries[1].what


def test_a_stretch_ends_at_another_event_another_person_or_a_long_pause(journalist, editor):
    start = timezone.now()

    def update(minutes, actor, action="verdict.update"):
        return AuditEvent(
            seq=minutes, created_at=start + datetime.timedelta(minutes=minutes), actor=actor,
            actor_username=actor.username, action=action, object_type="verdicts.verdict", object_id="1",
            object_repr="Verdict v2 on claim #1", data={"changes": {"headline": ["a", "b"]}},
        )  # fmt: skip

    events = [
        update(0, journalist), update(5, journalist), update(20, journalist),  # one stretch
        update(60, journalist),  # over half an hour later: another
        update(61, editor),  # another person
        update(62, journalist, "verdict.submit"), update(63, journalist),  # another event between
    ]  # fmt: skip
    entries = history_entries(events)
    assert [e.saves for e in entries] == [3, 1, 1, 1, 1]
    assert entries[0].what.startswith("jo edited the draft of version 2 (headline; 3 saves, ")
    assert entries[0].until == events[2].created_at
    assert entries[1].what == "jo edited the draft of version 2 (headline)"


def test_an_unknown_action_is_named_not_refused(journalist):
    event = AuditEvent(actor=journalist, actor_username="jo", action="claim.teleport", object_repr="x", data={})
    assert describe(event) == "jo: claim.teleport"


def test_the_reviewer_sees_what_changed_since_sending_it_back(client, journalist, editor, verdict_in):
    verdict = verdict_in("draft")
    verdict = verdict_update(
        verdict_id=verdict.pk, actor=journalist, expected_version=verdict.lock_version,
        explanation="First line.\nThe army said so.\nLast line.",
    )  # fmt: skip
    verdict = step(verdict, "submit", journalist)
    verdict = step(verdict, "request_changes", editor, "Name the source.")
    verdict = step(verdict, "revise", journalist)
    client.force_login(editor)
    assert client.get(f"/verdicts/{verdict.pk}/edit/").context["revision_diff"] is None  # not resubmitted yet
    client.force_login(journalist)
    for explanation in (
        "First line.\nThe army <b>said</b> so.\nLast line.",
        "First line.\nThe army <script>said</script> so in a statement.\nLast line.",
    ):
        verdict.refresh_from_db()
        saved = client.post(
            f"/verdicts/{verdict.pk}/save/",
            {"rating": "mostly_false", "headline": "No", "summary": "The figure is wrong.", "explanation": explanation,
             "correction_note": "", "expected_version": verdict.lock_version},
            HTTP_HX_REQUEST="true",
        )  # fmt: skip
        assert saved.status_code == 200
    verdict.refresh_from_db()
    step(verdict, "submit", journalist)

    client.force_login(editor)
    page = client.get(f"/verdicts/{verdict.pk}/edit/")
    diff = page.context["revision_diff"]
    assert diff.sent_back.comment == "Name the source."
    assert [(c.field, c.old, c.new) for c in diff.changes] == [
        ("rating", "False", "Mostly false"),
        ("explanation", "First line.\nThe army said so.\nLast line.",
         "First line.\nThe army <script>said</script> so in a statement.\nLast line."),
    ]  # fmt: skip
    section = page.content.decode().split('id="revision-diff"')[1].split("</section>")[0]
    assert "Changed since it was sent back" in page.content.decode() and "Name the source." in section
    assert "<del>False</del>" in section and "<ins>Mostly false</ins>" in section
    assert "&lt;script&gt;said&lt;/script&gt;" in section and "<script>" not in section  # escaped
    assert "Headline" not in section and "Summary" not in section  # unchanged fields are not shown


@pytest.mark.parametrize("page", ["claim", "verdict"])
def test_the_history_pages_run_the_same_queries_for_3_and_30_entries(client, journalist, editor, verdict_in, page):
    verdict = verdict_in("draft")
    url = f"/claims/{verdict.claim_id}/" if page == "claim" else f"/verdicts/{verdict.pk}/edit/"
    client.force_login(editor)

    def add_entries(count):
        nonlocal verdict
        for n in range(count):  # submit and send back: two entries each, by two people
            verdict = step(verdict, "submit", journalist)
            verdict = step(verdict, "request_changes", editor, f"Round {n}.")
            verdict = step(verdict, "revise", journalist)
            verdict = verdict_update(
                verdict_id=verdict.pk, actor=journalist, expected_version=verdict.lock_version, headline=f"H{n}"
            )
        return len(client.get(url).context["history"])

    assert 3 <= add_entries(1) < 10
    few = count_queries(client, url)
    assert add_entries(7) >= 30
    assert count_queries(client, url) == few
    assert Citation.objects.filter(claim_id=verdict.claim_id).exists()


def test_every_event_of_the_demo_reads_as_a_sentence(db):
    from django.core.management import call_command

    call_command("load_demo")
    events = list(AuditEvent.objects.select_related("actor").order_by("seq"))
    entries = history_entries(events)
    assert entries and all(e.what and ": " not in e.what.split(" ", 1)[0] for e in entries)
    assert any(e.what.startswith("The page at english.nv.ua was captured") for e in entries)
    raw = [e.what for e in entries if any(code in e.what for code in PHRASES)]
    assert raw == []  # no action code left in a sentence
