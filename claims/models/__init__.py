"""The claims app's models, a module each: claims and claimants, citations, and the newsroom's work
on claims (extraction jobs, notes, the checklist)."""

from claims.models.citation import Citation, QuoteStatus, Stance
from claims.models.claim import Claim, Claimant, ClaimantKind, ClaimStatus, DatePrecision
from claims.models.work import (
    NOTE_MAX_CHARACTERS,
    ChecklistStep,
    ChecklistTick,
    ClaimNote,
    ExtractionJob,
    ExtractionStatus,
)

__all__ = [
    "NOTE_MAX_CHARACTERS",
    "ChecklistStep",
    "ChecklistTick",
    "Citation",
    "Claim",
    "ClaimNote",
    "ClaimStatus",
    "Claimant",
    "ClaimantKind",
    "DatePrecision",
    "ExtractionJob",
    "ExtractionStatus",
    "QuoteStatus",
    "Stance",
]
