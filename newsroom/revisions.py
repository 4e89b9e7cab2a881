"""What changed in a verdict between the revision a reviewer sent back and the one resubmitted.

Every edit of a draft is an audit row holding each changed field's old and new value
(`verdict.update`, data `changes`), so the content at send-back time is the current content with
the edits made since undone: for each field, the old value of the first edit after the last
`verdict.request_changes`. Nothing else writes a verdict's content.
"""

from dataclasses import dataclass

from sources.textdiff import SideBySide, side_by_side
from verdicts.models import Verdict
from verdicts.ratings import Rating
from verdicts.services import CONTENT_FIELDS

_LABELS = {
    "rating": "Rating",
    "headline": "Headline",
    "summary": "Summary",
    "explanation": "Explanation",
    "correction_note": "Correction note",
}
SHOWN_WHEN = (Verdict.Status.SUBMITTED, Verdict.Status.APPROVED)


@dataclass
class FieldChange:
    field: str
    label: str
    old: str
    new: str
    diff: SideBySide


@dataclass
class RevisionDiff:
    """The changes since `sent_back` (the audit row of the send-back), field by field."""

    sent_back: object
    changes: list[FieldChange]


def _shown(field: str, value) -> str:
    value = value or ""
    if field == "rating":
        return dict(Rating.choices).get(value, value)
    return str(value)


def verdict_changes_since_sent_back(*, verdict: Verdict, events: list) -> RevisionDiff | None:
    """For a resubmitted verdict: what changed since it was last sent back (`events`: its audit
    rows, oldest first, as its history reads them). None if it was never sent back or is not
    under review again."""
    if verdict.status not in SHOWN_WHEN:
        return None
    sent_back = next((i for i in range(len(events) - 1, -1, -1) if events[i].action == "verdict.request_changes"), None)
    if sent_back is None or not any(e.action == "verdict.submit" for e in events[sent_back + 1 :]):
        return None
    before = {}
    for event in events[sent_back + 1 :]:
        if event.action == "verdict.update":
            for field, (old, _new) in (event.data.get("changes") or {}).items():
                before.setdefault(field, old)
    changes = []
    for field in CONTENT_FIELDS:
        if field not in before:
            continue
        old, new = _shown(field, before[field]), _shown(field, getattr(verdict, field))
        if old != new:
            changes.append(FieldChange(field, _LABELS.get(field, field), old, new, side_by_side(old, new)))
    return RevisionDiff(sent_back=events[sent_back], changes=changes)
