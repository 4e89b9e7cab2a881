"""A small workflow engine: an explicit table of transitions, denied by default.

Each app declares its table (state, action, target, permission, extra rule, the inputs the action
takes) and one table of effects (what an action does besides changing status). The engine answers
the same way for every interface "which actions may this person take on this object now?" (to
show buttons, with the inputs each needs) and "may this person take this action?", and it applies
a transition: `Workflow.take` checks the revision, authorizes, runs the action's effect, sets the
status, bumps the revision, saves and writes the audit row, all in the caller's transaction.
"""

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext, gettext_noop

from factcheck.audit import audit_record
from factcheck.errors import ActionForbidden, Conflict, InvalidInput
from factcheck.guards import ensure_version, refuse_nul
from factcheck.policy import StateRefusal

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
    # What the person supplies besides the comment, by name (e.g. "assignee"): the pages, the
    # admin panel and the API draw and read exactly these.
    inputs: tuple[str, ...] = ()

    def described(self) -> dict:
        """What a page, the admin or the API needs to offer the action."""
        return {
            "action": self.action,
            "label": str(self.label),
            "comment_required": self.comment_required,
            "inputs": list(self.inputs),
        }


@dataclass
class Step:
    """One transition being taken, handed to its effect. The effect changes `obj` and says which
    fields it changed (`fields`), what the audit row records (`data`) and, if the action answers
    with another object (a correction answers with its new draft), `result`."""

    obj: Any
    transition: Transition
    actor: Any
    comment: str
    values: Mapping[str, Any]
    now: Any
    fields: list[str] = field(default_factory=list)
    data: dict = field(default_factory=dict)
    result: Any = None

    def value(self, name: str):
        """The input `name` as sent (None when missing or blank)."""
        value = self.values.get(name)
        return None if value == "" else value


# An effect does what an action means besides changing status, or raises to refuse it.
Effect = Callable[[Step], None]


# Why an action cannot be taken in the object's status, for a workflow that does not say it itself.
STATE_REFUSAL = "Cannot %(action)s: the %(name)s is %(status)s."


class Workflow:
    def __init__(self, name: str, transitions: Sequence[Transition], state_refusal: str = STATE_REFUSAL):
        """`state_refusal` (marked for translation) says why an action does not apply to the
        object's status, with %(action)s and %(status)s."""
        self.name = name
        self.state_refusal = state_refusal
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
            raise InvalidInput(gettext("Unknown action “%(action)s”.") % {"action": action}) from None

    def refusal(self, transition: Transition, obj, user, *, internal: bool = False) -> str | None:
        """Why `user` may not take `transition` on `obj` now, or None if allowed."""
        if transition.internal and not internal:
            return gettext("“%(action)s” happens only as part of another action.") % {"action": transition.label}
        if not internal:
            if user is None or not user.is_authenticated or not user.is_active:
                return gettext("You must be signed in with an active account.")
            if not user.has_perm(transition.permission):
                return gettext("You do not have permission to %(what)s.") % {"what": transition.label.lower()}
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
            raise Conflict(reason) if isinstance(reason, StateRefusal) else ActionForbidden(reason)
        if obj.status not in transition.sources:
            status = obj.get_status_display().lower()
            raise Conflict(
                gettext(self.state_refusal) % {"action": transition.label.lower(), "name": self.name, "status": status}
            )
        refuse_nul(gettext_noop("The comment"), comment)
        if transition.comment_required and not comment.strip():
            raise InvalidInput(gettext("A comment is required to %(what)s.") % {"what": transition.label.lower()})
        return transition

    def take(
        self,
        obj,
        action: str,
        actor,
        *,
        effects: Mapping[str, Effect],
        expected_version=None,
        comment: str = "",
        values: Mapping[str, Any] | None = None,
        internal: bool = False,
    ):
        """Take `action` on `obj`, a row the caller locked inside its transaction: check the
        revision the person saw (not for internal transitions), authorize, run the action's effect
        from `effects`, set the status, bump the revision, save, and write the audit row
        `<workflow>.<action>`. A refusal raises, and the caller's transaction undoes whatever the
        effect had done. Returns the effect's `result`, else `obj`."""
        if not transaction.get_connection().in_atomic_block:
            raise RuntimeError("Workflow.take runs inside the caller's transaction, on a locked row.")
        comment = (comment or "").strip()
        if not internal:
            ensure_version(obj, expected_version)
        transition = self.authorize(obj, action, actor, comment=comment, internal=internal)
        step = Step(obj, transition, actor, comment, values or {}, timezone.now())
        effect = effects.get(action)
        if effect is not None:
            effect(step)
        from_state = obj.status
        obj.status = transition.target
        obj.lock_version += 1
        obj.save(update_fields=list(dict.fromkeys(["status", "lock_version", "updated_at", *step.fields])))
        audit_record(
            actor=actor,
            action=f"{self.name}.{action}",
            target=obj,
            from_state=from_state,
            to_state=obj.status,
            comment=comment,
            data=step.data,
        )
        return obj if step.result is None else step.result

    def available(self, obj, user) -> list[Transition]:
        """The actions `user` may take on `obj` in its current state."""
        return [t for t in self.transitions if obj.status in t.sources and self.refusal(t, obj, user) is None]
