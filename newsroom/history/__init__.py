"""A history in words: the audit rows of a claim or a verdict as sentences people read.

The audit log records codes (`verdict.request_changes`, `claim.update` with the changed fields);
this module says them ("Dana sent version 1 back", "Ben changed the claim's date"). Nothing here
changes what is recorded: the rows are read as they are, and the drafts' autosaves (one
`verdict.update` row each) are shown as one entry per editing stretch.

`PHRASES` holds one phrasing per action name written anywhere by `audit_record`; a test walks
the code and fails on an action without one.
"""

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.utils.timezone import localtime
from django.utils.translation import ngettext

from factcheck.models import AuditEvent
from newsroom.history.phrases import PHRASES, context_of, describe, fields_changed, version_of, who_did

__all__ = ["OWN_COMMENTS", "PHRASES", "STRETCH_GAP", "Entry", "describe", "history_entries"]

# Consecutive saves of one draft by one person, each within this long of the one before, are one
# editing stretch.
STRETCH_GAP = timedelta(minutes=30)


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
    entry.what = ngettext(
        "%(who)s edited the draft of %(version)s (%(fields)s; %(saves)s save, %(span)s)",
        "%(who)s edited the draft of %(version)s (%(fields)s; %(saves)s saves, %(span)s)",
        entry.saves,
    ) % {
        "who": entry.who,
        "version": version_of(entry.events[0]),
        "fields": fields_changed("verdict", changed),
        "saves": entry.saves,
        "span": span,
    }


# Rows whose comment the workbench wrote itself, in English, saying what the sentence already says
# in the reader's language (the audit log keeps it): a person's comment is shown, these are not.
OWN_COMMENTS = frozenset({"checklist.tick", "checklist.untick", "casefile.export", "webhook.disable"})


def history_entries(events: list[AuditEvent]) -> list[Entry]:
    """The history of these rows (oldest first) in words, autosaves folded per editing stretch."""
    ctx = context_of(events)
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
                who=who_did(event),
                what=describe(event, ctx),
                comment="" if event.action in OWN_COMMENTS else event.comment,
                action=event.action,
                events=[event],
            )
        )
    return entries
