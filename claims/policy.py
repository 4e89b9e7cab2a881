"""Who may do what to a claim and its citations (see factcheck.policy)."""

from claims.freeze import claim_frozen_reason
from claims.models import Claim
from factcheck.policy import ObjectPolicy

OPEN = (Claim.Status.NEW, Claim.Status.CHECKING)


class ClaimPolicy(ObjectPolicy):
    """`obj` is a Claim."""

    def refuse_view(self) -> str | None:
        return self.lacks("claims.view_claim", "see claims")

    def _open(self) -> str | None:
        if self.obj.status not in OPEN:
            return f"The claim is {self.obj.get_status_display().lower()}: it cannot change now."
        return None

    def refuse_cite(self) -> str | None:
        return (
            self.lacks("claims.add_citation", "cite sources")
            or self._open()
            or claim_frozen_reason(claim_id=self.obj.pk)
        )

    def refuse_edit(self) -> str | None:
        """Change the claim's own fields (the frozen ones are refused by the service while a
        verdict on it is under review; the newsroom's notes stay editable)."""
        return self.lacks("claims.change_claim", "edit claims") or self._open()

    def refuse_draft_verdict(self) -> str | None:
        """The assigned journalist, or an editor, may draft the verdict of a claim being checked."""
        reason = self.lacks("verdicts.add_verdict", "draft verdicts")
        if reason:
            return reason
        if self.obj.status != Claim.Status.CHECKING:
            return f"Verdicts are drafted on claims being checked; this one is {self.obj.get_status_display().lower()}."
        if self.obj.assignee_id != self.user.pk and not self.user.has_perm("claims.triage_claim"):
            return "Only the journalist assigned to this claim, or an editor, can draft its verdict."
        return None


def claim_policy(user, claim: Claim) -> ClaimPolicy:
    return ClaimPolicy(user, claim)


class CitationPolicy(ObjectPolicy):
    """`obj` is a Citation. Its rules depend on its claim alone (its state, whether a verdict on it
    is under review) and the person's role, so a page may ask once for all the rows of a claim."""

    def _claim_open(self) -> str | None:
        claim = self.obj.claim
        if claim.status not in OPEN:
            return f"The claim is {claim.get_status_display().lower()}: its sources cannot change now."
        return None

    def _frozen(self) -> str | None:
        if not hasattr(self, "_frozen_reason"):
            self._frozen_reason = claim_frozen_reason(claim_id=self.obj.claim_id)
        return self._frozen_reason

    def refuse_edit(self) -> str | None:
        """Change the internal note (it stays editable while a verdict is under review)."""
        return self.lacks("claims.change_citation", "edit citations") or self._claim_open()

    def refuse_edit_evidence(self) -> str | None:
        """Change the stance or the quoted passage: what a review covers."""
        return self.refuse_edit() or self._frozen()

    def refuse_remove(self) -> str | None:
        return self.lacks("claims.delete_citation", "remove citations") or self._claim_open() or self._frozen()

    def refuse_retry(self) -> str | None:
        """Capture the source again after a failed (or never requested) capture."""
        return self.lacks("claims.add_citation", "cite sources") or self._claim_open() or self._frozen()


def citation_policy(user, citation) -> CitationPolicy:
    return CitationPolicy(user, citation)
