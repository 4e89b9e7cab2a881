"""Checks every service makes before it writes: who, which version, what input."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Q
from django.utils.text import capfirst
from django.utils.translation import gettext, gettext_noop

from factcheck.errors import ActionForbidden, InvalidInput, StaleVersion


def ensure_version(obj, expected_version: int | str | None) -> None:
    """Optimistic concurrency: refuse a change made against an older copy."""
    if expected_version is None or expected_version == "":
        raise InvalidInput(gettext("The version you are editing is required."))
    try:
        expected = int(expected_version)
    except (TypeError, ValueError):
        raise InvalidInput(gettext("The version you are editing is not a number.")) from None
    if expected != obj.lock_version:
        raise StaleVersion(
            gettext(
                "Someone else changed this in the meantime; nothing was saved. Reload to see their changes, then try"
                " again."
            )
        )


def parse_id(value, what: str) -> int | None:
    """An optional id from a form or request body, or a clear error. `what` names it as the
    subject of a sentence ("The assignee"), marked for translation where it is written."""
    if value in (None, ""):
        return None
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise InvalidInput(gettext("%(what)s must be a number.") % {"what": gettext(what)}) from None
    if number <= 0 or number > 2**63 - 1:
        raise InvalidInput(gettext("%(what)s is out of range.") % {"what": gettext(what)})
    return number


# What callers may not do, as they name it to `require_permission` (said in the person's language).
PERMISSION_PHRASES = [
    gettext_noop("add claims"), gettext_noop("add claimants"), gettext_noop("edit claimants"),
    gettext_noop("rename or merge claimants"), gettext_noop("configure the checklist"), gettext_noop("triage claims"),
    gettext_noop("see citations"), gettext_noop("see claimants"), gettext_noop("export case files"),
]  # fmt: skip


def require_permission(actor, permission: str, what: str) -> None:
    """Deny unless `actor` is an active user holding `permission` (`what` to do, a verb phrase
    marked for translation where it is written or in PERMISSION_PHRASES)."""
    if actor is None or not getattr(actor, "is_active", False) or not actor.has_perm(permission):
        raise ActionForbidden(gettext("You do not have permission to %(what)s.") % {"what": gettext(what)})


def _contains_nul(what: str) -> InvalidInput:
    """The refusal of a NUL character in `what` (translated: the subject of the sentence)."""
    return InvalidInput(gettext("%(what)s contains a NUL character.") % {"what": capfirst(what)})


def refuse_nul(what: str, *values: str) -> None:
    """PostgreSQL cannot store a NUL character in text: refuse it with a message, before a write.
    `what` names the text as the subject of a sentence ("The comment"), marked for translation."""
    if any(isinstance(value, str) and "\x00" in value for value in values):
        raise _contains_nul(gettext(what))


def refuse_fields(names, allowed, sentence: str) -> None:
    """Refuse any of `names` not in `allowed`: `sentence` (marked for translation, with
    %(fields)s) lists them."""
    unknown = sorted(set(names) - set(allowed))
    if unknown:
        raise InvalidInput(gettext(sentence) % {"fields": ", ".join(unknown)})


def clean_text_changes(changes: dict, allowed, *, not_editable: str, not_text: str) -> dict:
    """Changes to an object's text fields, stripped; refused if a field is not one of `allowed`
    (`not_editable` says so) or a value is not text (`not_text`): sentences marked for translation,
    naming the object, that list the fields in %(fields)s."""
    refuse_fields(changes, allowed, not_editable)
    wrong_type = [name for name, value in changes.items() if value is not None and not isinstance(value, str)]
    refuse_fields(wrong_type, [], not_text)
    return {name: (value or "").strip() for name, value in changes.items()}


def refuse_missing(sentence: str, needed) -> None:
    """Refuse when any of `needed` ((what, value) pairs, `what` said as "a summary") has no value:
    `sentence` names them all in %(missing)s ("… needs a rating and a summary …")."""
    missing = [what for what, value in needed if not value]
    if missing:
        raise InvalidInput(gettext(sentence) % {"missing": f" {gettext('and')} ".join(missing)})


def validate_instance(instance, *, exclude: list[str] | None = None) -> None:
    """Run the model's own checks (fields, choices, constraints) before a write,
    so bad input gets a message instead of a database error."""
    for field in instance._meta.concrete_fields:
        if field.generated:
            continue  # computed by the database
        value = getattr(instance, field.attname, None)
        if isinstance(value, str) and "\x00" in value:
            raise _contains_nul(field.verbose_name)
    try:
        instance.full_clean(exclude=exclude, validate_unique=False)
    except DjangoValidationError as exc:
        raise InvalidInput(_describe(instance, exc)) from None


def _describe(instance, exc) -> str:
    if not hasattr(exc, "error_dict"):
        return " ".join(exc.messages)
    parts = []
    for name, errors in exc.error_dict.items():
        messages = " ".join(m for e in errors for m in e.messages)
        if name == "__all__":
            parts.append(messages)
        else:
            label = capfirst(instance._meta.get_field(name).verbose_name)
            parts.append(f"{label}: {messages}")
    return " ".join(parts)


def audit_value(value):
    """A value as the audit log records it (JSON-friendly)."""
    if hasattr(value, "pk"):
        return value.pk
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, timedelta):
        return str(value)
    return value


def apply_changes(obj, changes: dict) -> dict:
    """Set the fields that really change; return {field: [old, new]} for the audit row."""
    diff = {field: [audit_value(getattr(obj, field)), audit_value(value)] for field, value in changes.items()
            if getattr(obj, field) != value}  # fmt: skip
    for field in diff:
        setattr(obj, field, changes[field])
    return diff


def users_with_permission(permission: str):
    """Active people holding `permission` ("app.codename"): superusers, by group or by grant."""
    app_label, codename = permission.split(".")
    by_group = Q(groups__permissions__codename=codename, groups__permissions__content_type__app_label=app_label)
    by_grant = Q(user_permissions__codename=codename, user_permissions__content_type__app_label=app_label)
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(Q(is_superuser=True) | by_group | by_grant)
        .distinct()
        .order_by("username")
    )
