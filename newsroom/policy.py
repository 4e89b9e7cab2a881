"""Who may do what to a saved view of the queue (see factcheck.policy)."""

from django.utils.translation import gettext

from factcheck.policy import ObjectPolicy
from newsroom.models import SavedView


class SavedViewPolicy(ObjectPolicy):
    """`obj` is a SavedView: a person's own, for them alone."""

    def _owner(self) -> str | None:
        reason = self.signed_in()
        if reason:
            return reason
        if self.obj.owner_id != self.user.pk:
            return gettext("This saved view is someone else's.")
        return None

    def refuse_view(self) -> str | None:
        return self._owner()

    def refuse_delete(self) -> str | None:
        return self._owner()


def saved_view_policy(user, saved: SavedView) -> SavedViewPolicy:
    return SavedViewPolicy(user, saved)
