"""The reviewed unit: what a verdict's review covers, as one canonical record with its SHA-256.

Submitting a verdict records the unit of its claim (the words, who said them as named then, when,
where, the appearance and the origin with the captures that stand for them) and of its evidence
(each citation's source, stance, quote and pinned capture). Approving records the digest of
exactly that, and publishing recomputes it and refuses on any difference. The copy the public
reads is then taken from the unit (`published_copy`), never from the live claim or claimant.

Captures are fixed at submission: each citation is pinned then (`citations_pin_evidence`), and
the appearance and origin keep the capture the unit named for as long as they point at the same
source, so a newer capture taken during the review changes nothing.
"""

import hashlib
import json

from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

from claims.models import Claim
from sources.models import Snapshot
from sources.selectors import snapshot_best

FORMAT = 1

# What differs between two units, in words a reviewer reads (verdicts.services says them in a refusal).
_CLAIM_LABELS = {
    "text": _("the claim's text"),
    "said_on": _("the date it was said"),
    "said_on_precision": _("the date it was said"),
    "medium": _("where it was said (medium)"),
    "language": _("the claim's language"),
    "tags": _("the claim's tags"),
}
_CLAIMANT_LABELS = {
    "name": _("the claimant's name"),
    "kind": _("the claimant's kind"),
    "role": _("the claimant's role"),
    "aliases": _("the claimant's aliases"),
}
_PLACE_LABELS = {
    "appearance": (_("the appearance"), _("the appearance's capture")),
    "origin": (_("the article the claim was found in"), _("the capture of the article the claim was found in")),
}
# Each changed part of a citation, said whole ("citation #3's stance").
_CITATION_SOURCE = gettext_noop("citation #%(number)s's source")
_CITATION_CAPTURE = gettext_noop("citation #%(number)s's capture")
_CITATION_LABELS = {
    "source": _CITATION_SOURCE,
    "url": _CITATION_SOURCE,
    "stance": gettext_noop("citation #%(number)s's stance"),
    "quote": gettext_noop("citation #%(number)s's quoted passage"),
    "snapshot": _CITATION_CAPTURE,
    "sha256": _CITATION_CAPTURE,
    "captured_at": _CITATION_CAPTURE,
}


def _capture(snapshot: Snapshot | None) -> dict:
    if snapshot is None:
        return {"snapshot": None, "sha256": None, "captured_at": None}
    return {
        "snapshot": snapshot.pk,
        "sha256": snapshot.payload_sha256,
        "captured_at": snapshot.finished_at.isoformat() if snapshot.finished_at else None,
    }


def _place(source, fixed: dict | None) -> dict | None:
    """Where the claim appeared (or was found), with the capture that stands for it: the one the
    unit already named for this source, else its latest successful capture."""
    if source is None:
        return None
    if fixed and fixed.get("source") == source.pk:
        snapshot = Snapshot.objects.filter(pk=fixed["snapshot"]).first() if fixed.get("snapshot") else None
    else:
        snapshot = snapshot_best(source_id=source.pk)
    return {"source": source.pk, "url": source.url, **_capture(snapshot)}


def review_unit_build(*, claim_id: int, fixed: dict | None = None) -> dict:
    """The unit of a claim and its evidence as they stand. `fixed` is the unit recorded at
    submission, whose appearance and origin captures are kept."""
    claim = Claim.objects.select_related("claimant", "appearance", "origin").get(pk=claim_id)
    claimant = claim.claimant
    fixed = fixed or {}
    citations = claim.citations.select_related("source", "snapshot").order_by("id")
    return {
        "format": FORMAT,
        "claim": {
            "id": claim.pk,
            "text": claim.text,
            "said_on": claim.said_on.isoformat() if claim.said_on else None,
            "said_on_precision": claim.said_on_precision,
            "medium": claim.medium,
            "language": claim.language,
            "tags": list(claim.tags),
        },
        "claimant": None
        if claimant is None
        else {
            "id": claimant.pk,
            "name": claimant.name,
            "kind": claimant.kind,
            "role": claimant.description,
            "aliases": list(claimant.aliases),
        },
        "appearance": _place(claim.appearance, fixed.get("appearance")),
        "origin": _place(claim.origin, fixed.get("origin")),
        "evidence": [
            {
                "citation": c.pk,
                "source": c.source_id,
                "url": c.source.normalized_url,
                "stance": c.stance,
                "quote": c.quote,
                **_capture(c.snapshot),
            }
            for c in citations
        ],
    }


def review_unit_canonical(unit: dict) -> bytes:
    """The unit as the bytes its digest is taken of: JSON with sorted keys, no spaces, UTF-8."""
    return json.dumps(unit, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def review_unit_digest(unit: dict) -> str:
    return hashlib.sha256(review_unit_canonical(unit)).hexdigest()


def review_unit_differences(before: dict, after: dict) -> list[str]:
    """What differs between two units, in words (empty when they are the same)."""
    found: list[str] = []

    def note(what) -> None:
        if str(what) not in found:
            found.append(str(what))

    old_claim, new_claim = before.get("claim") or {}, after.get("claim") or {}
    for key, label in _CLAIM_LABELS.items():
        if old_claim.get(key) != new_claim.get(key):
            note(label)
    old_person, new_person = before.get("claimant"), after.get("claimant")
    if (old_person or {}).get("id") != (new_person or {}).get("id"):
        note(gettext("the claimant"))
    else:
        for key, label in _CLAIMANT_LABELS.items():
            if (old_person or {}).get(key) != (new_person or {}).get(key):
                note(label)
    for place, (moved, recaptured) in _PLACE_LABELS.items():
        old_place, new_place = before.get(place) or {}, after.get(place) or {}
        if old_place.get("source") != new_place.get("source"):
            note(moved)
        elif old_place != new_place:
            note(recaptured)
    old_cited = {c["citation"]: c for c in before.get("evidence") or []}
    new_cited = {c["citation"]: c for c in after.get("evidence") or []}
    for number, citation in new_cited.items():
        if number not in old_cited:
            note(gettext("a citation added (%(url)s)") % {"url": citation["url"]})
    for number, citation in old_cited.items():
        if number not in new_cited:
            note(gettext("citation #%(number)s removed (%(url)s)") % {"number": number, "url": citation["url"]})
            continue
        for key, label in _CITATION_LABELS.items():
            if citation.get(key) != new_cited[number].get(key):
                note(gettext(label) % {"number": number})
    if not found and review_unit_digest(before) != review_unit_digest(after):
        note(gettext("the record of the review itself"))
    return found


_PINNED = ("citation", "source", "url", "stance", "quote", "snapshot", "sha256", "captured_at")


def published_copy(unit: dict) -> dict:
    """What publishing stores from the approved unit: `pinned_claim` (the claim with its claimant
    as named then), `pinned_appearance`, `pinned_evidence` (the citations with a capture) and
    `pinned_claimant_keys` (for the public `claimant` filter)."""
    claimant = unit["claimant"]
    names = [claimant["name"], *claimant["aliases"]] if claimant else []
    return {
        "pinned_claim": {**unit["claim"], "claimant": claimant},
        "pinned_appearance": {k: v for k, v in (unit["appearance"] or unit["origin"] or {}).items() if v is not None},
        "pinned_evidence": [{key: item[key] for key in _PINNED} for item in unit["evidence"] if item["snapshot"]],
        "pinned_claimant_keys": sorted({name.casefold() for name in names}),
    }


def approval_withdrawn(step) -> None:
    """A workflow effect (factcheck.workflow.Step) for a verdict or a translation sent back: the
    approval no longer stands, nor what it approved."""
    step.obj.approver, step.obj.approved_at, step.obj.approved_digest = None, None, ""
    step.fields += ["approver", "approved_at", "approved_digest"]
