"""The verdict editor and the review page: drafting, autosave, workflow actions, evidence checks."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from factcheck.errors import DomainError, StaleVersion
from newsroom import queue
from newsroom.forms import VerdictForm
from newsroom.lookups import named_objects_exist
from newsroom.revisions import verdict_changes_since_sent_back
from newsroom.views.common import _found, _frozen, _refused, _require, autosaved, form_problem
from newsroom.wording import verdict_status_sentence
from verdicts.evidence_changes import verdict_confirm_evidence
from verdicts.markdown import render_markdown
from verdicts.models import Verdict
from verdicts.policy import verdict_policy
from verdicts.selectors import PUBLIC_STATUSES
from verdicts.services import CONTENT_FIELDS, verdict_create, verdict_transition, verdict_update
from verdicts.translations.selectors import translations_panel
from verdicts.workflow import VERDICT_WORKFLOW, checklist_done


@login_required
@require_POST
@named_objects_exist
def verdict_start(request, claim_id: int):
    try:
        verdict = verdict_create(actor=request.user, claim_id=claim_id)
    except DomainError as error:
        _refused(request, error)
        return redirect("claim-page", claim_id=claim_id)
    messages.success(
        request, _("Draft verdict v%(number)s started. It saves itself as you write.") % {"number": verdict.number}
    )
    return redirect("verdict-page", verdict_id=verdict.pk)


@login_required
@require_GET
def verdict_page(request, verdict_id: int):
    """The verdict next to its evidence: the author's editor while it is a draft, the reviewer's
    view with the workflow buttons this person may use."""
    _require(request.user, "verdicts.view_verdict")
    verdict = _found(queue.verdict_page(verdict_id=verdict_id), "verdict")
    editable = verdict_policy(request.user, verdict).allows("edit")
    form = VerdictForm(
        initial={**{f: getattr(verdict, f) for f in CONTENT_FIELDS}, "expected_version": verdict.lock_version}
    )
    citations = queue.claim_citations(claim=verdict.claim)
    actions = [t.described() for t in VERDICT_WORKFLOW.available(verdict, request.user)]
    changes = queue.verdict_evidence_changes(verdict=verdict, citations=citations)
    for change in changes:
        if change.citation is not None:
            change.citation.change = change
    history = queue.verdict_history(verdict=verdict)
    events = [event for entry in history for event in entry.events]
    context = {
        "verdict": verdict,
        "revision_diff": verdict_changes_since_sent_back(verdict=verdict, events=events),
        "evidence_changes": changes,
        "evidence_headline": queue.evidence_change_headline(verdict.evidence_changes) if changes else "",
        "may_confirm_evidence": verdict_policy(request.user, verdict).allows("confirm_evidence"),
        "may_correct": any(a["action"] == "open_correction" for a in actions),
        "claim": verdict.claim,
        "editable": editable,
        "form": form if editable else None,
        "explanation": render_markdown(verdict.explanation),
        "citations": citations,
        "pending": queue.captures_pending(citations),
        "actions": actions,
        "history": history,
        "public_url": reverse("verdict-public", args=[verdict.pk]) if verdict.status in PUBLIC_STATUSES else "",
        "casefile_url": reverse("verdict-casefile", args=[verdict.pk]) if verdict.status in PUBLIC_STATUSES else "",
        "frozen": _frozen(verdict),
        # Why the author's Submit button is missing, when the claim's checklist holds it back.
        "checklist_blocks": checklist_done(verdict, request.user) if editable else "",
        **(translations_panel(verdict=verdict, user=request.user) if verdict.status in PUBLIC_STATUSES else {}),
    }
    return render(request, "newsroom/verdict.html", context)


@login_required
@require_POST
@named_objects_exist
def verdict_save(request, verdict_id: int):
    """Save the draft: from the Save button, or from autosave (htmx), which gets a status line
    and the new revision back; if someone else saved first, nothing is overwritten."""
    form = VerdictForm(request.POST)
    if not form.is_valid():
        problem = form_problem(form)
        if request.htmx:
            return render(request, "newsroom/_autosave.html", {"error": problem})
        messages.error(request, problem)
        return redirect("verdict-page", verdict_id=verdict_id)
    values = dict(form.cleaned_data)
    expected = values.pop("expected_version")
    if not values.get("language"):  # a page drawn before verdicts had a language: keep it
        values.pop("language", None)
    try:
        verdict = verdict_update(verdict_id=verdict_id, actor=request.user, expected_version=expected, **values)
    except DomainError as error:
        if request.htmx:
            return render(
                request, "newsroom/_autosave.html", {"error": str(error), "conflict": isinstance(error, StaleVersion)}
            )
        _refused(request, error)
        return redirect("verdict-page", verdict_id=verdict_id)
    if request.htmx:
        return autosaved(request, verdict)
    messages.success(request, _("Draft saved."))
    return redirect("verdict-page", verdict_id=verdict_id)


@login_required
@require_POST
@named_objects_exist
def verdict_action(request, verdict_id: int, action: str):
    try:
        verdict = verdict_transition(
            verdict_id=verdict_id,
            action=action,
            actor=request.user,
            expected_version=request.POST.get("expected_version"),
            comment=request.POST.get("comment", ""),
        )
    except DomainError as error:
        _refused(request, error)
        return redirect("verdict-page", verdict_id=verdict_id)
    label = VERDICT_WORKFLOW.get(action).label
    messages.success(
        request, _("%(action)s: done. %(status)s") % {"action": label, "status": verdict_status_sentence(verdict)}
    )
    return redirect("verdict-page", verdict_id=verdict.pk)


@login_required
@require_POST
@named_objects_exist
def verdict_evidence_checked(request, verdict_id: int):
    """“Checked: the verdict stands”, from the banner of a verdict whose evidence changed."""
    try:
        verdict_confirm_evidence(
            verdict_id=verdict_id,
            actor=request.user,
            expected_version=request.POST.get("expected_version"),
            comment=request.POST.get("comment", ""),
        )
    except Verdict.DoesNotExist:
        raise Http404("No verdict with this number.") from None
    except DomainError as error:
        _refused(request, error)
        return redirect(reverse("verdict-page", args=[verdict_id]) + "#evidence-change")
    messages.success(request, _("Checked: the verdict stands. The flag on its evidence is cleared."))
    return redirect("verdict-page", verdict_id=verdict_id)
