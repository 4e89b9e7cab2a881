"""What became of a published verdict's pinned evidence: each change to a cited source's capture
flags the verdicts relying on it, with what became of the quoted passage, until an editor (never
the author) confirms the verdict stands."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from factcheck.audit import audit_record
from factcheck.errors import InvalidInput
from factcheck.guards import ensure_version, require_permission
from sources import passages
from sources.models import Snapshot
from verdicts.models import Verdict
from verdicts.policy import verdict_policy


def _evidence_change(item: dict, snapshot: Snapshot, kind: str, now) -> dict:
    """What changed for one piece of pinned evidence: its pinned capture, the new one, and what
    became of the quoted passage (see sources.passages.FATES), with where it is in each text."""
    pinned = Snapshot.objects.filter(pk=item["snapshot"]).only("pk", "text").first()
    if kind == "gone":
        fate = passages.PassageFate(passages.GONE, None, None)
    else:
        old_text = pinned.text if pinned else ""
        fate = passages.passage_fate(quote=item.get("quote", ""), old_text=old_text, new_text=snapshot.text)
    return {
        "citation": item["citation"],
        "source": item["source"],
        "url": item["url"],
        "kind": kind,
        "fate": fate.fate,
        "pinned_snapshot": pinned.pk if pinned else None,
        "snapshot": snapshot.pk,
        "error": snapshot.error_code if kind == "gone" else "",
        "pinned_at": list(fate.old_span) if fate.old_span else None,
        "new_at": list(fate.new_span) if fate.new_span else None,
        "similarity": fate.score,
        "flagged_at": now.isoformat(),
    }


def evidence_change_text(change: dict) -> str:
    """One change in words, as the verdict's flag, the audit row and the notification say it."""
    what = passages.FATES[change["fate"]]
    if change["fate"] == passages.GONE:
        return f"Cited source {change['url']} is gone ({change['error']}, capture #{change['snapshot']})."
    return f"Cited source {change['url']} changed (capture #{change['snapshot']}): {what}."


def verdicts_flag_changed_evidence(*, source, snapshot, kind: str) -> int:
    """Mark the published verdicts whose pinned evidence comes from `source` for an editor's
    attention, saying per citation whether the quoted passage changed, vanished or is intact.
    What a verdict relies on is what was pinned when it was published, whatever became of the
    live citations since (one withdrawn during a correction still counts)."""
    flagged = 0
    with transaction.atomic():
        relying = Verdict.objects.select_for_update().filter(
            status=Verdict.Status.PUBLISHED, pinned_evidence__contains=[{"source": source.pk}]
        )
        for verdict in relying.order_by("id"):
            now = timezone.now()
            for item in (e for e in verdict.pinned_evidence if e["source"] == source.pk):
                change = _evidence_change(item, snapshot, kind, now)
                changes = [c for c in verdict.evidence_changes if c["citation"] != change["citation"]] + [change]
                verdict.evidence_changed_at, verdict.evidence_changes = now, changes
                audit_record(
                    actor=None,
                    action="verdict.evidence_changed",
                    target=verdict,
                    comment=evidence_change_text(change),
                    data={
                        "source": source.pk,
                        "snapshot": snapshot.pk,
                        "kind": kind,
                        "citation": change["citation"],
                        "pinned_snapshot": change["pinned_snapshot"],
                        "passage": change["fate"],
                    },
                )
            verdict.evidence_change = " ".join(evidence_change_text(c) for c in verdict.evidence_changes)
            verdict.save(update_fields=["evidence_changed_at", "evidence_change", "evidence_changes", "updated_at"])
            flagged += 1
    return flagged


def verdict_confirm_evidence(*, verdict_id: int, actor, expected_version: int | None, comment: str) -> Verdict:
    """“Checked: the verdict stands.” An editor (never the author) read what changed in its
    evidence and found the verdict unaffected: the flag is cleared, with the comment audited."""
    require_permission(actor, "verdicts.review_verdict", "check verdicts against changed evidence")
    comment = (comment or "").strip()
    with transaction.atomic():
        verdict = Verdict.objects.select_for_update().get(pk=verdict_id)
        ensure_version(verdict, expected_version)
        verdict_policy(actor, verdict).require("confirm_evidence")
        if not comment:
            raise InvalidInput(gettext("Say what you checked: a comment is required."))
        data = {"changes": verdict.evidence_changes, "flagged_at": verdict.evidence_changed_at.isoformat()}
        verdict.evidence_changed_at, verdict.evidence_change, verdict.evidence_changes = None, "", []
        verdict.lock_version += 1
        verdict.save(
            update_fields=["evidence_changed_at", "evidence_change", "evidence_changes", "lock_version", "updated_at"]
        )
        audit_record(actor=actor, action="verdict.evidence_checked", target=verdict, comment=comment, data=data)
    return verdict
