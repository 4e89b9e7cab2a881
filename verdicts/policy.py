"""Who may do what to a verdict (see factcheck.policy)."""

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from factcheck.policy import ObjectPolicy, StateRefusal
from verdicts.models import Verdict


class VerdictPolicy(ObjectPolicy):
    """`obj` is a Verdict."""

    def refuse_view(self) -> str | None:
        return self.lacks("verdicts.view_verdict", _("see verdicts"))

    def refuse_edit(self) -> str | None:
        """Write the draft: its author, while it is a draft."""
        reason = self.lacks("verdicts.change_verdict", _("edit verdicts"))
        if reason:
            return reason
        if self.obj.author_id != self.user.pk:
            return gettext("Only the verdict's author can edit it.")
        if self.obj.status != Verdict.Status.DRAFT:
            return StateRefusal(
                gettext("Only drafts can be edited; verdict v%(number)s is %(status)s.")
                % {"number": self.obj.number, "status": self.obj.get_status_display().lower()}
            )
        return None

    def refuse_confirm_evidence(self) -> str | None:
        """Say that a flagged verdict stands: an editor, never its author."""
        reason = self.lacks("verdicts.review_verdict", _("check verdicts against changed evidence"))
        if reason:
            return reason
        if self.obj.author_id == self.user.pk:
            return gettext("You cannot check your own verdict: another editor must.")
        if self.obj.status != Verdict.Status.PUBLISHED:
            return StateRefusal(
                gettext("Only published verdicts are checked; this one is %(status)s.")
                % {"status": self.obj.get_status_display().lower()}
            )
        if self.obj.evidence_changed_at is None:
            return StateRefusal(gettext("No change of this verdict's evidence is waiting to be checked."))
        return None

    def refuse_translate(self) -> str | None:
        """Start a translation (verdicts/translations/): a person who may translate, of a published version."""
        reason = self.lacks("verdicts.add_verdicttranslation", _("translate verdicts"))
        if reason:
            return reason
        if self.obj.status != Verdict.Status.PUBLISHED:
            return StateRefusal(
                gettext("Only the published version of a verdict is translated; verdict v%(number)s is %(status)s.")
                % {"number": self.obj.number, "status": self.obj.get_status_display().lower()}
            )
        return None


def verdict_policy(user, verdict: Verdict) -> VerdictPolicy:
    return VerdictPolicy(user, verdict)
