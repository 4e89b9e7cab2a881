"""A claim's page, its citations, its workflow actions, and adding a claim by hand."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from claims.freeze import claim_frozen_reason
from claims.languages import LANGUAGES
from claims.models import Citation, Claim
from claims.policy import citation_policy, claim_policy
from claims.selectors import claimant_resolve, claimants_suggested, researchers
from claims.services import (
    AlreadyCited,
    citation_capture_retry,
    citation_create,
    citation_delete,
    citation_update,
    claim_create,
    claim_transition,
    claim_update,
    claimant_get_or_create,
)
from claims.workflow import CLAIM_WORKFLOW
from factcheck.errors import DomainError
from newsroom import queue
from newsroom.forms import CitationEditForm, CitationForm, ClaimEditForm, ClaimForm
from newsroom.lookups import named_objects_exist
from newsroom.views.common import _found, _frozen, _refused, _require
from newsroom.views.notes import notes_context
from verdicts.search import search_everything
from verdicts.selectors import already_checked


def _claim_context(request, claim: Claim, *, edit_form: ClaimEditForm | None = None) -> dict:
    citations = queue.claim_citations(claim=claim)
    verdicts = queue.claim_verdicts(claim=claim)
    actions = [t.described() for t in CLAIM_WORKFLOW.available(claim, request.user)]
    policy = claim_policy(request.user, claim)
    context = {
        "claim": claim,
        "citations": citations,
        "pending": queue.captures_pending(citations),
        "verdicts": verdicts,
        "history": queue.claim_history(claim=claim, citations=citations, verdicts=verdicts),
        "duplicates": queue.claim_duplicates(claim=claim),
        "actions": actions,
        "action_names": {a["action"] for a in actions},
        "people": researchers() if any("assignee" in a["inputs"] for a in actions) else [],
        "citation_form": CitationForm(),
        "open_verdict": queue.open_verdict(claim=claim, verdicts=verdicts),
        "may_draft": policy.allows("draft_verdict"),
        "overdue": claim.is_overdue,
        **_citation_controls(request.user, claim, citations),
    }
    context["frozen"] = _frozen(context["open_verdict"])
    context["may_cite"] = policy.allows("cite")
    if policy.allows("edit"):
        context["edit_form"] = edit_form or ClaimEditForm(claim=claim, frozen=context["frozen"])
        context["languages"] = LANGUAGES
    context.update(notes_context(request, claim))
    return context


def _citation_controls(user, claim: Claim, citations: list[Citation]) -> dict:
    """What the person may do to the claim's citations. The rules depend on the claim alone, so
    one answer holds for every row (and the page costs the same queries at 3 rows as at 30)."""
    if not citations:
        return {"row_may": {}, "row_frozen": ""}
    policy = citation_policy(user, citations[0])
    may = policy.verbs("edit", "edit_evidence", "remove", "retry", "upload_evidence")
    return {
        "row_may": may,
        "row_frozen": policy.refusal("edit_evidence") if may["edit"] else "",
        "stances": Citation.Stance.choices,
    }


@login_required
@require_GET
def claim_page(request, claim_id: int):
    _require(request.user, "claims.view_claim")
    claim = _found(queue.claim_page(claim_id=claim_id), "claim")
    return render(request, "newsroom/claim.html", _claim_context(request, claim))


@login_required
@require_GET
def claim_citations(request, claim_id: int):
    """The citations table alone: polled while a capture is queued or fetching."""
    _require(request.user, "claims.view_claim")
    claim = _found(queue.claim_page(claim_id=claim_id), "claim")
    citations = queue.claim_citations(claim=claim)
    context = {
        "claim": claim,
        "citations": citations,
        "pending": queue.captures_pending(citations),
        **_citation_controls(request.user, claim, citations),
    }
    return render(request, "newsroom/_citations.html", context)


@login_required
@require_POST
@named_objects_exist
def claim_edit(request, claim_id: int):
    """Save the claim's fields from its page; on a refusal the page comes back with what was typed."""
    _require(request.user, "claims.view_claim")
    claim = _found(queue.claim_page(claim_id=claim_id), "claim")
    form = ClaimEditForm(request.POST, claim=claim, frozen=claim_frozen_reason(claim_id=claim.pk) or "")
    status = 400
    if not form.is_valid():
        messages.error(request, _("Check the claim: %(problems)s") % {"problems": _problems(form, " ")})
    else:
        changes, claimant_name = form.changes()
        try:
            saved = claim_update(
                claim_id=claim.pk,
                actor=request.user,
                expected_version=form.cleaned_data["expected_version"],
                claimant_name=claimant_name,
                **changes,
            )
        except DomainError as error:
            _refused(request, error)
            status = error.http_status
        else:
            if saved.lock_version == claim.lock_version:
                messages.info(request, _("Nothing to save: the claim is as it was."))
            else:
                messages.success(request, _("Claim saved (revision %(revision)s).") % {"revision": saved.lock_version})
            return redirect("claim-page", claim_id=claim.pk)
    claim = _found(queue.claim_page(claim_id=claim_id), "claim")
    return render(request, "newsroom/claim.html", _claim_context(request, claim, edit_form=form), status=status)


def _problems(form, between: str) -> str:
    return between.join(e for errs in form.errors.values() for e in errs)


def _citation_of(claim_id: int, citation_id: int) -> Citation:
    return _found(Citation.objects.filter(pk=citation_id, claim_id=claim_id).first(), "citation")


def _back_to(claim_id: int, citation_id: int | None = None):
    anchor = f"#citation-{citation_id}" if citation_id else "#citations"
    return redirect(reverse("claim-page", args=[claim_id]) + anchor)


@login_required
@require_POST
@named_objects_exist
def citation_edit(request, claim_id: int, citation_id: int):
    citation = _citation_of(claim_id, citation_id)
    form = CitationEditForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Check the citation: %(problems)s") % {"problems": _problems(form, " ")})
        return _back_to(claim_id, citation.pk)
    try:
        before = (citation.stance, citation.quote, citation.note)
        citation = citation_update(citation_id=citation.pk, actor=request.user, **form.changes())
    except DomainError as error:
        _refused(request, error)
    else:
        if (citation.stance, citation.quote, citation.note) == before:
            messages.info(request, _("Nothing to save: the citation is as it was."))
        else:
            messages.success(request, _("Citation saved."))
            if citation.quote_status == Citation.QuoteStatus.NOT_FOUND:
                messages.warning(request, citation.quote_message)
    return _back_to(claim_id, citation.pk)


@login_required
@require_POST
@named_objects_exist
def citation_remove(request, claim_id: int, citation_id: int):
    citation = _citation_of(claim_id, citation_id)
    if request.POST.get("confirm") != "yes":
        messages.error(request, _("Confirm that the source is to be removed from this claim."))
        return _back_to(claim_id, citation.pk)
    try:
        citation_delete(citation_id=citation.pk, actor=request.user)
    except DomainError as error:
        _refused(request, error)
        return _back_to(claim_id, citation.pk)
    messages.success(request, _("Source removed from this claim (its captures stay in the archive)."))
    return _back_to(claim_id)


@login_required
@require_POST
@named_objects_exist
def citation_retry(request, claim_id: int, citation_id: int):
    citation = _citation_of(claim_id, citation_id)
    try:
        citation_capture_retry(citation_id=citation.pk, actor=request.user)
    except DomainError as error:
        _refused(request, error)
    else:
        messages.success(request, _("Capture requested again; its status updates below."))
    return _back_to(claim_id, citation.pk)


@login_required
@require_POST
@named_objects_exist
def citation_add(request, claim_id: int):
    form = CitationForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Check the citation: %(problems)s") % {"problems": _problems(form, "; ")})
    else:
        try:
            citation = citation_create(actor=request.user, claim_id=claim_id, **form.cleaned_data)
            messages.success(request, _("Source cited. Its capture is queued; its status updates below."))
            if citation.quote_status == Citation.QuoteStatus.NOT_FOUND:
                cited_anyway = _("%(problem)s It is cited all the same: check the quote (the page may have changed).")
                messages.warning(request, cited_anyway % {"problem": citation.quote_message})
        except AlreadyCited as error:
            _refused(request, error)
            return _back_to(claim_id, error.citation_id)
        except DomainError as error:
            _refused(request, error)
    return redirect(reverse("claim-page", args=[claim_id]) + "#citations")


@login_required
@require_POST
@named_objects_exist
def claim_action(request, claim_id: int, action: str):
    try:
        claim = claim_transition(
            claim_id=claim_id,
            action=action,
            actor=request.user,
            expected_version=request.POST.get("expected_version"),
            comment=request.POST.get("comment", ""),
            assignee_id=request.POST.get("assignee") or None,
            duplicate_of_id=request.POST.get("duplicate_of") or None,
        )
        done = _("%(action)s: done. The claim is now %(status)s.")
        messages.success(
            request, done % {"action": CLAIM_WORKFLOW.get(action).label, "status": claim.get_status_display().lower()}
        )
    except DomainError as error:
        _refused(request, error)
    return redirect("claim-page", claim_id=claim_id)


@login_required
def claim_new(request):
    _require(request.user, "claims.add_claim")
    form = ClaimForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        values = dict(form.cleaned_data)
        name, new_claimant = values.pop("claimant_name"), values.pop("new_claimant")
        # A name known exactly (or as an alias) is that claimant. One only like a known name is
        # offered back rather than silently taken or silently added as someone new.
        alike = [] if not name or new_claimant or claimant_resolve(name) else claimants_suggested(text=name, limit=5)
        if alike:
            offered = ", ".join(f"“{c.name}”" for c in alike)
            form.add_error(
                "claimant_name",
                _(
                    "No claimant is called “%(name)s”. Did you mean %(offered)s? Type the name, or tick"
                    " “Add who said it as a new claimant”."
                )
                % {"name": name, "offered": offered},
            )
        else:
            try:
                if name:
                    values["claimant"] = claimant_get_or_create(actor=request.user, name=name)
                claim = claim_create(actor=request.user, **values)
            except DomainError as error:
                _refused(request, error)
            else:
                messages.success(request, _("Claim #%(number)s added to intake.") % {"number": claim.pk})
                return redirect("claim-page", claim_id=claim.pk)
    return render(request, "newsroom/claim_new.html", {"nav": "new", "form": form})


@login_required
@require_GET
def claimant_suggestions(request):
    """Known claimants for the name being typed (a fragment of options for the form's datalist)."""
    _require(request.user, "claims.view_claim")
    text = request.GET.get("claimant_name", "")[:200]
    return render(request, "newsroom/_claimant_options.html", {"claimants": claimants_suggested(text=text)})


@login_required
@require_GET
def similar_claims(request):
    """Claims already in that say the same as the text typed so far (a fragment for the form)."""
    _require(request.user, "claims.view_claim")
    text = request.GET.get("text", "")[:2000].replace("\x00", "")  # a NUL is no word, and PostgreSQL refuses it
    pick = request.GET.get("pick") == "1"
    if pick:  # looking for an original by its words: a full-text search of claims
        hits = search_everything(q=text, kinds=("claim",), limit=8)
        claims = Claim.objects.select_related("claimant").in_bulk([hit.id for hit in hits])
        found = [{"claim": claims[hit.id], "score": None, "verdict": None} for hit in hits if hit.id in claims]
    else:
        found = already_checked(text=text, limit=5) if len(text.split()) >= 3 else []
    return render(request, "newsroom/_similar.html", {"similar": found, "pick": pick})
