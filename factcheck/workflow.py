"""A small workflow engine: an explicit table of transitions, denied by default.

Each app declares its table (state, action, target, permission, extra rule) and
enforces it in exactly one service function. The engine answers two questions
the same way for every interface: "which actions may this person take on this
object now?" (to show buttons) and "may this person take this action?" (to
re-check on the server before anything changes).
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from factcheck.errors import ActionForbidden, Conflict, InvalidInput

# A rule looks at the object and the person and returns why it refuses, or None.
Rule = Callable[[Any, Any], str | None]


@dataclass(frozen=True)
class Transition:
    action: str
    label: str
    sources: tuple[str, ...]
    target: str
    permission: str | None = None
    comment_required: bool = False
    rule: Rule | None = None
    # Internal transitions are taken only by another service (publishing a
    # verdict resolves its claim); nobody can ask for them directly.
    internal: bool = False


class Workflow:
    def __init__(self, name: str, transitions: Sequence[Transition]):
        self.name = name
        self.transitions = tuple(transitions)
        self._by_action = {t.action: t for t in self.transitions}
        if len(self._by_action) != len(self.transitions):
            raise ValueError(f"{name}: duplicate action names")
        for t in self.transitions:
            if not t.internal and not t.permission:
                raise ValueError(f"{name}.{t.action}: a user action needs a permission")

    def get(self, action: str) -> Transition:
        try:
            return self._by_action[action]
        except KeyError:
            raise InvalidInput(f"Unknown action “{action}”.") from None

    def refusal(self, transition: Transition, obj, user, *, internal: bool = False) -> str | None:
        """Why `user` may not take `transition` on `obj` now, or None if allowed."""
        if transition.internal and not internal:
            return f"“{transition.label}” happens only as part of another action."
        if not internal:
            if user is None or not user.is_authenticated or not user.is_active:
                return "You must be signed in with an active account."
            if not user.has_perm(transition.permission):
                return f"You do not have permission to {transition.label.lower()}."
            if transition.rule is not None:
                reason = transition.rule(obj, user)
                if reason:
                    return reason
        return None

    def authorize(self, obj, action: str, user, *, comment: str = "", internal: bool = False) -> Transition:
        """Raise unless `user` may take `action` on `obj` now; return the transition."""
        transition = self.get(action)
        reason = self.refusal(transition, obj, user, internal=internal)
        if reason:
            raise ActionForbidden(reason)
        if obj.status not in transition.sources:
            raise Conflict(f"Cannot {transition.label.lower()}: the {self.name} is {obj.get_status_display().lower()}.")
        if transition.comment_required and not comment.strip():
            raise InvalidInput(f"A comment is required to {transition.label.lower()}.")
        return transition

    def available(self, obj, user) -> list[Transition]:
        """The actions `user` may take on `obj` in its current state."""
        return [t for t in self.transitions if obj.status in t.sources and self.refusal(t, obj, user) is None]
