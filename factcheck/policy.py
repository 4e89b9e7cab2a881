"""Who may do what to one object, asked in one place.

Each app declares a policy class for its objects: one method a verb, each returning why the person
may not (a sentence they can read) or None. Pages ask `allows` to decide what to draw, services ask
`require` before they change anything, the admin and the API ask the same object, so a rule is
written once and every interface refuses the same way. The workflow tables
(`factcheck.workflow`) stay the authority on status changes; a policy may consult them."""

from django.utils.translation import gettext

from factcheck.errors import ActionForbidden, Conflict


class StateRefusal(str):
    """A refusal because of the object's state (a submitted verdict, a dismissed claim), not the
    person's role: `require` raises it as a conflict (409) instead of a refusal (403)."""


class ObjectPolicy:
    """Subclass with `refuse_<verb>(self) -> str | None` methods; `self.user` and `self.obj` are
    the person and the object. A verb without a method is refused (deny by default)."""

    def __init__(self, user, obj):
        self.user = user
        self.obj = obj

    def signed_in(self) -> str | None:
        user = self.user
        if user is None or not user.is_authenticated or not user.is_active:
            return gettext("You must be signed in with an active account.")
        return None

    def lacks(self, permission: str, what: str) -> str | None:
        """Why not, if the person's role does not include `permission` ("to <what>", a verb phrase
        marked for translation)."""
        reason = self.signed_in()
        if reason:
            return reason
        if not self.user.has_perm(permission):
            return gettext("You do not have permission to %(what)s.") % {"what": what}
        return None

    def refusal(self, verb: str) -> str | None:
        check = getattr(self, f"refuse_{verb}", None)
        if check is None:
            return gettext("Nobody may %(verb)s this.") % {"verb": verb.replace("_", " ")}
        return check()

    def allows(self, verb: str) -> bool:
        return self.refusal(verb) is None

    def require(self, verb: str) -> None:
        reason = self.refusal(verb)
        if reason:
            raise (Conflict if isinstance(reason, StateRefusal) else ActionForbidden)(str(reason))

    def verbs(self, *names: str) -> dict[str, bool]:
        """For templates: {verb: allowed}."""
        return {name: self.allows(name) for name in names}
