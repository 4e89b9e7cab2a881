"""The claims app's services: every change to claimants, claims and citations goes through one of
these (permission, validation, locking, audit row). One module a kind of object."""

from claims.services.citations import (
    CITATION_EDITABLE_FIELDS,
    QUOTE_FIELDS,
    AlreadyCited,
    citation_capture_retry,
    citation_check_quote,
    citation_create,
    citation_delete,
    citation_update,
    citations_check_quotes,
    citations_pin_evidence,
)
from claims.services.claimants import (
    CLAIMANT_FIELDS,
    claimant_create,
    claimant_get_or_create,
    claimant_merge,
    claimant_rename,
    claimant_update,
)
from claims.services.claims import (
    CLAIM_EFFECTS,
    EDITABLE_FIELDS,
    _researcher,
    claim_create,
    claim_transition,
    claim_update,
)
from claims.services.evidence import citation_evidence_upload

__all__ = [
    "CITATION_EDITABLE_FIELDS",
    "CLAIMANT_FIELDS",
    "CLAIM_EFFECTS",
    "EDITABLE_FIELDS",
    "QUOTE_FIELDS",
    "AlreadyCited",
    "_researcher",
    "citation_capture_retry",
    "citation_check_quote",
    "citation_create",
    "citation_delete",
    "citation_evidence_upload",
    "citation_update",
    "citations_check_quotes",
    "citations_pin_evidence",
    "claim_create",
    "claim_transition",
    "claim_update",
    "claimant_create",
    "claimant_get_or_create",
    "claimant_merge",
    "claimant_rename",
    "claimant_update",
]
