"""A claim under review is frozen: what was reviewed (the claim's public words and facts, and its
evidence) cannot change until the review is over.

The claims app knows nothing of verdicts. The verdicts app registers the check that says whether
a verdict holds a claim (`claim_hold_register`, from its AppConfig); every service that writes a
frozen field or a citation asks `claim_ensure_unfrozen` first, inside its transaction and after
locking the claim, so the page, the admin and the API all get the same refusal (409)."""

from collections.abc import Callable

from factcheck.errors import Conflict

# The claim's fields that a review covers (and that publishing copies): while a verdict on the
# claim is submitted or approved they cannot change. The others (the sentence it came from, the
# credited source, priority, check-worthiness) are the newsroom's own notes and stay editable.
FROZEN_FIELDS = frozenset(
    {"text", "claimant", "said_on", "said_on_precision", "medium", "appearance", "origin", "language", "tags"}
)
# A citation's parts that a review covers; its internal note stays editable.
FROZEN_CITATION_FIELDS = frozenset({"source", "stance", "quote", "snapshot"})

_holds: list[Callable[..., str | None]] = []


def claim_hold_register(check: Callable[..., str | None]) -> None:
    """Add `check(claim_id=…)`: the reason a claim is frozen (shown to the person), or None."""
    if check not in _holds:
        _holds.append(check)


def claim_frozen_reason(*, claim_id: int) -> str | None:
    for check in _holds:
        reason = check(claim_id=claim_id)
        if reason:
            return reason
    return None


def claim_ensure_unfrozen(*, claim_id: int) -> None:
    """Refuse (409) any change to what a review of this claim covers while the review is on."""
    reason = claim_frozen_reason(claim_id=claim_id)
    if reason:
        raise Conflict(reason)
