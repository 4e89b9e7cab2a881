"""Who may do what to a claim and its citations (see factcheck.policy)."""

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from claims.freeze import claim_frozen_reason
from claims.models import Citation, Claim
from factcheck.policy import ObjectPolicy, StateRefusal

OPEN = (Claim.Status.NEW, Claim.Status.CHECKING)


# What cannot change once a claim is no longer in intake or research.
SOURCES = _("The sources of a %(status)s claim cannot be changed.")
CHECKLIST = _("The checklist of a %(status)s claim cannot be changed.")


def _open(claim: Claim, what: str) -> StateRefusal | None:
    """Why `what` (SOURCES, CHECKLIST) cannot change: the claim is no longer in intake or research."""
    if claim.status not in OPEN:
        return StateRefusal(str(what) % {"status": claim.get_status_display().lower()})
    return None


class Frozen(StateRefusal):
    """Refused while a verdict on the claim is under review: it passes when the review ends. The
    admin still offers the action and shows this reason when it is refused."""


class _ClaimRules(ObjectPolicy):
    """Rules that turn on a claim: whether a verdict on it is under review is looked up once a
    policy (a page asks several verbs of one policy)."""

    @property
    def claim(self) -> Claim:
        return self.obj

    def _frozen(self) -> Frozen | None:
        if not hasattr(self, "_frozen_refusal"):
            reason = claim_frozen_reason(claim_id=self.claim.pk)
            self._frozen_refusal = Frozen(reason) if reason else None
        return self._frozen_refusal


class ClaimPolicy(_ClaimRules):
    """`obj` is a Claim."""

    def refuse_view(self) -> str | None:
        return self.lacks("claims.view_claim", _("see claims"))

    def refuse_cite(self) -> str | None:
        return self.lacks("claims.add_citation", _("cite sources")) or _open(self.obj, SOURCES) or self._frozen()

    def refuse_edit(self) -> str | None:
        """Change the claim's own fields (the frozen ones are refused by the service while a
        verdict on it is under review; the newsroom's notes stay editable)."""
        reason = self.lacks("claims.change_claim", _("edit claims"))
        if reason:
            return reason
        if self.obj.status not in OPEN:
            return StateRefusal(
                gettext("A %(status)s claim cannot be edited.") % {"status": self.obj.get_status_display().lower()}
            )
        return None

    def refuse_draft_verdict(self) -> str | None:
        """The assigned journalist, or an editor, may draft the verdict of a claim being checked."""
        reason = self.lacks("verdicts.add_verdict", _("draft verdicts"))
        if reason:
            return reason
        if self.obj.status != Claim.Status.CHECKING:
            return gettext("Verdicts are drafted on claims being checked; this one is %(status)s.") % {
                "status": self.obj.get_status_display().lower()
            }
        if self.obj.assignee_id != self.user.pk and not self.user.has_perm("claims.triage_claim"):
            return gettext("Only the journalist assigned to this claim, or an editor, can draft its verdict.")
        return None

    def refuse_note(self) -> str | None:
        """Write an internal note: anyone who may see the claim, whatever its status."""
        return self.lacks("claims.view_claim", _("see claims"))

    def refuse_tick(self) -> str | None:
        """Tick or untick a checklist step: people who research claims, while the claim is open
        and no verdict on it is under review."""
        return (
            self.lacks("claims.view_claim", _("see claims"))
            or self.lacks("claims.change_claim", _("tick the checklist"))
            or _open(self.obj, CHECKLIST)
            or self._frozen()
        )


class CitationPolicy(_ClaimRules):
    """`obj` is a Citation (its claim is read through it: select it with the citation). Its rules
    depend on its claim alone and the person's role, so a page may ask once for all the rows of a
    claim."""

    @property
    def claim(self) -> Claim:
        return self.obj.claim

    def refuse_edit(self) -> str | None:
        """Stance, quote and note, while the claim is researched (the service refuses the stance and
        the quote, not the note, while a verdict on the claim is under review)."""
        return self.lacks("claims.change_citation", _("edit citations")) or _open(self.obj.claim, SOURCES)

    def refuse_edit_evidence(self) -> str | None:
        """Change the stance or the quoted passage: what a review covers."""
        return self.refuse_edit() or self._frozen()

    def refuse_remove(self) -> str | None:
        return (
            self.lacks("claims.delete_citation", _("remove citations"))
            or _open(self.obj.claim, SOURCES)
            or self._frozen()
        )

    def refuse_upload_evidence(self) -> str | None:
        """Attach an uploaded file as the citation's evidence: who may edit the citation, while the
        claim is researched and not under review."""
        return self.refuse_edit() or self._frozen()

    def refuse_retry(self) -> str | None:
        """Capture the cited page again (after a failed capture)."""
        return self.lacks("claims.add_citation", _("cite sources")) or _open(self.obj.claim, SOURCES) or self._frozen()


def claim_policy(user, claim: Claim) -> ClaimPolicy:
    return ClaimPolicy(user, claim)


def citation_policy(user, citation: Citation) -> CitationPolicy:
    return CitationPolicy(user, citation)
