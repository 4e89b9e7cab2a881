"""What every newsroom page shares: the permission gate, refusals as messages, lookups."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone

from factcheck.errors import DomainError
from verdicts.markdown import render_markdown
from verdicts.selectors import FROZEN_STATUSES, freeze_reason

PAGE_SIZE = 25


def _require(user, permission: str):
    if not user.has_perm(permission):
        raise PermissionDenied("Your role does not include this page.")


def form_problem(form) -> str:
    """What is wrong with a form that did not validate, in one line: each field's label and errors."""
    return "; ".join(
        f"{form.fields[name].label if name in form.fields else name}: {' '.join(e)}" for name, e in form.errors.items()
    )


def _refused(request, error: DomainError):
    messages.error(request, str(error))


def _frozen(verdict) -> str:
    """Why the claim and its evidence cannot change now (a verdict on it is under review), if so."""
    return freeze_reason(verdict.number, verdict.status) if verdict and verdict.status in FROZEN_STATUSES else ""


def _found(item, what: str):
    if item is None:
        raise Http404(f"No {what} with this number.")
    return item


def autosaved(request, draft):
    """The autosave line for a draft just saved (a verdict's or a translation's: it reads the
    revision as `verdict.lock_version`), with the explanation's preview."""
    context = {"verdict": draft, "saved_at": timezone.now(), "explanation": render_markdown(draft.explanation)}
    return render(request, "newsroom/_autosave.html", context)
