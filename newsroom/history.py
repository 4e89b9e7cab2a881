"""A history in words: the audit rows of a claim or a verdict as sentences people read.

The audit log records codes (`verdict.request_changes`, `claim.update` with the changed fields);
this module says them ("Dana sent version 1 back", "Ben changed the claim's date"). Nothing here
changes what is recorded: the rows are read as they are, and the drafts' autosaves (one
`verdict.update` row each) are shown as one entry per editing stretch.

`PHRASES` holds one phrasing per action name written anywhere by `audit_record`; a test walks
the code and fails on an action without one.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from urllib.parse import urlsplit

from django.contrib.auth import get_user_model
from django.utils.text import get_text_list
from django.utils.timezone import localtime

from claims.models import Citation
from factcheck.models import AuditEvent
from sources.models import Source
from sources.passages import FATES

# Consecutive saves of one draft by one person, each within this long of the one before, are one
# editing stretch.
STRETCH_GAP = timedelta(minutes=30)

_FIELD_WORDS = {
    "claim": {
        "text": "text",
        "claimant": "claimant",
        "said_on": "date",
        "said_on_precision": "date",
        "medium": "medium",
        "language": "language",
        "tags": "tags",
        "priority": "priority",
        "due_on": "due date",
        "appearance": "appearance",
        "origin": "origin",
        "context": "context",
    },
    "verdict": {
        "rating": "rating",
        "headline": "headline",
        "summary": "summary",
        "explanation": "explanation",
        "correction_note": "correction note",
    },
    "citation": {"stance": "stance", "quote": "quoted passage", "note": "note"},
    "claimant": {"name": "name", "kind": "kind", "role": "role", "aliases": "aliases"},
    "source": {"title": "title", "url": "address"},
}
# A stance as the history says it after the source: "cited bbc.com (refutes)".
_STANCES = {"supports": "supports", "refutes": "refutes", "context": "gives context"}
_QUOTE = {"found": "found", "not_found": "not found", "moved": "moved", "unchecked": "not checked yet"}


@dataclass
class Entry:
    """One line of a history: when, who, what (a sentence) and the comment given."""

    when: datetime
    who: str
    what: str
    comment: str = ""
    until: datetime | None = None  # the last save of a folded editing stretch
    saves: int = 1
    action: str = ""
    events: list = field(default_factory=list, repr=False)


@dataclass
class _Context:
    """What the sentences name beyond the rows: people and sources, read once per history."""

    people: dict
    hosts: dict


def _host(url: str) -> str:
    host = urlsplit(url if "//" in url else f"//{url}").hostname or url
    return host.removeprefix("www.")


def _fields(kind: str, changes: dict) -> str:
    words = _FIELD_WORDS.get(kind, {})
    names = []
    for name in changes:
        word = words.get(name, name.replace("_", " "))
        if word not in names:
            names.append(word)
    return get_text_list(names, "and") if names else "nothing"


def _version(event: AuditEvent) -> str:
    found = re.match(r"Verdict v(\d+)", event.object_repr or "")
    return f"version {found.group(1)}" if found else "the verdict"


def _source(event: AuditEvent, ctx: _Context) -> str:
    data = event.data or {}
    if data.get("url"):
        return _host(data["url"])
    if data.get("source") in ctx.hosts:
        return ctx.hosts[data["source"]]
    return (event.object_repr or "a source").split(": ", 1)[-1]


def _person(ctx: _Context, person_id) -> str:
    return ctx.people.get(person_id, "someone")


def _claim_update(e, ctx, who):
    changes = e.data.get("changes", {})
    if set(changes) == {"claimant"}:
        return f"{who} changed who said the claim"
    return f"{who} changed the claim's {_fields('claim', changes)}"


def _accept(e, ctx, who):
    assignee = (e.data.get("assignee") or [None, None])[1]
    return f"{who} accepted the claim and assigned it to {_person(ctx, assignee)}"


def _reassign(e, ctx, who):
    assignee = (e.data.get("assignee") or [None, None])[1]
    return f"{who} reassigned the claim to {_person(ctx, assignee)}"


def _cited(e, ctx, who):
    stance = _STANCES.get(e.data.get("stance", ""), e.data.get("stance", ""))
    return f"{who} cited {_source(e, ctx)} ({stance})" if stance else f"{who} cited {_source(e, ctx)}"


def _citation_update(e, ctx, who):
    changes = e.data.get("changes", {})
    if set(changes) == {"stance"}:
        new = dict(Citation.Stance.choices).get(changes["stance"][1], changes["stance"][1])
        return f"{who} changed the stance of {_source(e, ctx)} to “{new.lower()}”"
    return f"{who} changed the {_fields('citation', changes)} of the citation of {_source(e, ctx)}"


def _quote_check(e, ctx, who):
    found = _QUOTE.get(e.data.get("quote", ""), "checked")
    return f"The quoted passage from {_source(e, ctx)} was {found} in its capture"


def _verdict_update(e, ctx, who):
    return f"{who} edited the draft of {_version(e)} ({_fields('verdict', e.data.get('changes', {}))})"


def _evidence_changed(e, ctx, who):
    fate = FATES.get(e.data.get("passage", ""), "it changed or vanished")
    return f"A source cited by {_version(e)} changed: {fate}"


def _captured(e, ctx, who):
    host = _host(e.data.get("url", "")) or "a source"
    if e.to_state == "succeeded":
        return f"The page at {host} was captured"
    if e.to_state == "failed":
        return f"Capturing the page at {host} failed"
    return f"Capturing the page at {host}: {e.to_state or 'unfinished'}"


def _judged(e, ctx, who):
    host = _host(e.data.get("url", "")) or "a source"
    rendered = e.data.get("rendered_text_length")
    held = f"{e.data.get('text_length', 0)} characters of text"
    if rendered is not None:
        held += f" of the {rendered} the browser rendered"
    return f"The capture of the page at {host} was judged {e.to_state or 'unjudged'}: it holds {held}"


def _evidence_kind(e) -> str:
    kind = (e.data or {}).get("content_type", "")
    if kind.startswith("image/"):
        return "a screenshot"
    if kind.startswith("video/"):
        return "a video"
    return {"application/pdf": "a PDF", "application/warc": "a web archive", "application/wacz": "a web archive"}.get(
        kind, "a file"
    )


def _v(template: str) -> Callable:
    return lambda e, ctx, who: template.format(who=who, version=_version(e))


def _c(template: str) -> Callable:
    return lambda e, ctx, who: template.format(who=who, data=e.data or {}, repr=e.object_repr)


# Every action name `audit_record` writes, with its sentence. Transitions are `claim.<name>` and
# `verdict.<name>` for each transition of the claim and verdict workflows.
PHRASES: dict[str, Callable] = {
    "claim.create": _c("{who} added the claim"),
    "claim.update": _claim_update,
    "claim.accept": _accept,
    "claim.reassign": _reassign,
    "claim.pick_up": _c("{who} picked up the claim to check it"),
    "checklist.tick": lambda e, ctx, who: f"{who} ticked “{e.data.get('label', 'a step')}”",
    "checklist.untick": lambda e, ctx, who: f"{who} unticked “{e.data.get('label', 'a step')}”",
    "checklist_step.create": _c("{who} added the checklist step {repr}"),
    "checklist_step.update": _c("{who} changed the checklist step {repr}"),
    "publisher.set": _c("{who} set the publisher shown on the public site ({repr})"),
    "note.create": _c("{who} wrote an internal note"),
    "saved_view.create": lambda e, ctx, who: f"{who} saved the queue view “{(e.data or {}).get('name', '')}”",
    "saved_view.delete": lambda e, ctx, who: f"{who} deleted the queue view “{(e.data or {}).get('name', '')}”",
    "claim.dismiss": _c("{who} dismissed the claim"),
    "claim.mark_duplicate": lambda e, ctx, who: (
        f"{who} marked the claim as a duplicate of claim #{e.data.get('duplicate_of', '?')}"
    ),
    "claim.reopen": _c("{who} reopened the claim"),
    "claim.resolve": _c("{who} resolved the claim"),
    "claim.reopen_for_correction": _c("{who} reopened the claim for a correction"),
    "citation.create": _cited,
    "citation.update": _citation_update,
    "citation.delete": lambda e, ctx, who: f"{who} removed the citation of {_source(e, ctx)}",
    "citation.quote_check": _quote_check,
    "citation.capture_retry": lambda e, ctx, who: f"{who} asked for {_source(e, ctx)} to be captured again",
    "citation.evidence_upload": lambda e, ctx, who: (
        f"{who} uploaded {_evidence_kind(e)} as the evidence of {_source(e, ctx)}"
    ),
    "verdict.create": _v("{who} started {version} of the verdict"),
    "verdict.update": _verdict_update,
    "verdict.submit": _v("{who} submitted {version} for review"),
    "verdict.request_changes": _v("{who} sent {version} back"),
    "verdict.revise": _v("{who} took {version} back to revise it"),
    "verdict.withdraw": _v("{who} withdrew {version} from review"),
    "verdict.approve": _v("{who} approved {version}"),
    "verdict.publish": _v("{who} published {version}"),
    "verdict.open_correction": _v("{who} opened a correction of {version}"),
    "verdict.supersede": _v("{version} was superseded by its correction"),
    "verdict.evidence_changed": _evidence_changed,
    "verdict.evidence_checked": _v("{who} checked the changed evidence of {version}"),
    # Translations of published verdicts (verdicts/translations/): the row names the language.
    "translation.create": _c("{who} started the translation into {data[language]}"),
    "translation.update": lambda e, ctx, who: (
        f"{who} edited the translation's {_fields('verdict', e.data.get('changes', {}))}"
    ),
    "translation.submit": _c("{who} submitted the translation for review"),
    "translation.request_changes": _c("{who} sent the translation back"),
    "translation.revise": _c("{who} took the translation back to revise it"),
    "translation.approve": _c("{who} approved the translation"),
    "translation.publish": _c("{who} published the translation"),
    "translation.withdraw": _c("{who} withdrew the translation"),
    "translation.supersede": _c("The translation was superseded"),
    "claimant.create": _c("{who} added the claimant {repr}"),
    "claimant.update": lambda e, ctx, who: (
        f"{who} changed the claimant's {_fields('claimant', e.data.get('changes', {}))}"
    ),
    "claimant.rename": _c("{who} renamed the claimant {repr}"),
    "claimant.merge": lambda e, ctx, who: (
        f"{who} merged the claimant {e.data.get('merged', {}).get('name', '?')} into {e.object_repr}"
    ),
    "source.create": lambda e, ctx, who: f"{who} added the source {_source(e, ctx)}",
    "source.update": lambda e, ctx, who: (
        f"{who} changed the {_fields('source', e.data.get('changes', {}))} of the source {e.object_repr}"
    ),
    "snapshot.captured": _captured,
    "snapshot.judged": _judged,
    "snapshot.uploaded": lambda e, ctx, who: f"{who} uploaded {_evidence_kind(e)} of {_source(e, ctx)}",
    "casefile.export": _c("{who} exported a case file"),
    "webhook.create": _c("{who} added the webhook {repr}"),
    "webhook.disable": _c("The webhook {repr} was turned off after repeated failures"),
    "apikey.create": _c("{who} created an API key"),
    "apikey.revoke": _c("{who} revoked an API key"),
}


def _name(user) -> str:
    return (user.get_full_name() or user.get_username()) if user else ""


def _context(events: list[AuditEvent]) -> _Context:
    """The people and sources the rows name by id, in one query each."""
    person_ids, source_ids = set(), set()
    for event in events:
        data = event.data or {}
        if isinstance(data.get("assignee"), list):
            person_ids.update(i for i in data["assignee"] if isinstance(i, int))
        if isinstance(data.get("source"), int) and not data.get("url"):
            source_ids.add(data["source"])
    people = {}
    if person_ids:
        people = {u.pk: _name(u) for u in get_user_model().objects.filter(pk__in=person_ids)}
    hosts = {}
    if source_ids:
        hosts = {
            pk: _host(url) for pk, url in Source.objects.filter(pk__in=source_ids).values_list("pk", "normalized_url")
        }
    return _Context(people=people, hosts=hosts)


def _who(event: AuditEvent) -> str:
    return _name(event.actor) or event.actor_username or "The system"


def describe(event: AuditEvent, ctx: _Context | None = None) -> str:
    """One audit row as a sentence (an unknown action is named as recorded, never refused)."""
    ctx = ctx or _context([event])
    phrase = PHRASES.get(event.action)
    who = _who(event)
    if phrase is None:
        return f"{who}: {event.action}"
    sentence = phrase(event, ctx, who)
    return sentence if sentence.startswith(who) else sentence[:1].upper() + sentence[1:]


def _folds(entry: Entry, event: AuditEvent) -> bool:
    last = entry.events[-1]
    return (
        event.action == "verdict.update"
        and last.action == "verdict.update"
        and (event.object_type, event.object_id, event.actor_id) == (last.object_type, last.object_id, last.actor_id)
        and event.created_at - last.created_at <= STRETCH_GAP
    )


def _stretch(entry: Entry) -> None:
    """Say a folded editing stretch: who, which version, how many saves, from when to when."""
    changed = {}
    for event in entry.events:
        changed.update(event.data.get("changes", {}))
    start, end = f"{localtime(entry.when):%H:%M}", f"{localtime(entry.until):%H:%M}"
    span = start if start == end else f"{start}–{end}"
    entry.what = (
        f"{entry.who} edited the draft of {_version(entry.events[0])} ({_fields('verdict', changed)}; "
        f"{entry.saves} saves, {span})"
    )


def history_entries(events: list[AuditEvent]) -> list[Entry]:
    """The history of these rows (oldest first) in words, autosaves folded per editing stretch."""
    ctx = _context(events)
    entries: list[Entry] = []
    for event in events:
        if entries and _folds(entries[-1], event):
            entry = entries[-1]
            entry.events.append(event)
            entry.saves += 1
            entry.until = event.created_at
            _stretch(entry)
            continue
        entries.append(
            Entry(
                when=event.created_at,
                who=_who(event),
                what=describe(event, ctx),
                comment=event.comment,
                action=event.action,
                events=[event],
            )
        )
    return entries
