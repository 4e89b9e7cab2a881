"""Who may do what to a translation (see factcheck.policy)."""

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from factcheck.policy import ObjectPolicy, StateRefusal
from verdicts.models import VerdictTranslation


class TranslationPolicy(ObjectPolicy):
    """`obj` is a VerdictTranslation."""

    def refuse_view(self) -> str | None:
        return self.lacks("verdicts.view_verdicttranslation", _("see translations"))

    def refuse_edit(self) -> str | None:
        """Write the draft: its translator, while it is a draft."""
        reason = self.lacks("verdicts.change_verdicttranslation", _("edit translations"))
        if reason:
            return reason
        if self.obj.translator_id != self.user.pk:
            return gettext("Only the translator can edit this translation.")
        if self.obj.status != VerdictTranslation.Status.DRAFT:
            return StateRefusal(
                gettext("Only drafts can be edited; this translation is %(status)s.")
                % {"status": self.obj.get_status_display().lower()}
            )
        return None


def translation_policy(user, translation: VerdictTranslation) -> TranslationPolicy:
    return TranslationPolicy(user, translation)
