"""The newsroom's pages: thin views over the services and selectors, the same ones the admin and
the API use. Every action is checked again by its service; a refusal becomes a message."""

import json
import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from claims.intake import article_from_source, article_keep, extraction_job_for
from claims.models import Citation, Claim, ExtractionJob
from claims.selectors import researchers
from claims.services import citation_create, claim_create, claim_transition, claimant_get_or_create
from claims.workflow import CLAIM_WORKFLOW
from factcheck.errors import DomainError, StaleVersion
from sources.capture import snapshot_request
from sources.models import Snapshot, Source
from sources.services import source_get_or_create
from verdicts import queue
from verdicts.dashboard import dashboard_charts
from verdicts.intake import article_propose
from verdicts.markdown import render_markdown
from verdicts.models import Verdict
from verdicts.notifications import notifications_mark_read, notifications_recent
from verdicts.search import search_everything
from verdicts.selectors import FROZEN_STATUSES, PUBLIC_STATUSES, already_checked, freeze_reason
from verdicts.services import (
    CONTENT_FIELDS,
    may_confirm_evidence,
    may_draft_verdict,
    verdict_confirm_evidence,
    verdict_create,
    verdict_transition,
    verdict_update,
)
from verdicts.ui.forms import ArticleForm, CitationForm, ClaimForm, ProposalForm, VerdictForm
from verdicts.ui.lookups import named_objects_exist
from verdicts.workflow import VERDICT_WORKFLOW

PAGE_SIZE = 25
ACTION_INPUTS = {"accept": ["assignee"], "reassign": ["assignee"], "mark_duplicate": ["duplicate_of"]}


def _require(user, permission: str):
    if not user.has_perm(permission):
        raise PermissionDenied("Your role does not include this page.")


def _refused(request, error: DomainError):
    messages.error(request, str(error))


@login_required
@require_GET
def queue_page(request):
    _require(request.user, "claims.view_claim")
    may_review = request.user.has_perm("verdicts.review_verdict")
    views = {key: label for key, label in queue.VIEWS.items() if key != "review" or may_review}
    view = request.GET.get("view") or ("review" if may_review else "mine")
    if view not in views:
        raise Http404("No such view of the queue.")
    counts = queue.queue_counts(user=request.user, may_review=may_review)
    tabs = [{"key": key, "label": label, "count": counts.get(key)} for key, label in views.items()]
    context = {"nav": "queue", "tabs": tabs, "view": view, "title": views[view]}
    query = request.GET.copy()
    for key in ("page", "before", "after"):
        query.pop(key, None)
    context["query"] = query.urlencode()
    if view in ("review", "published"):
        rows = queue.review_waiting(user=request.user) if view == "review" else queue.recently_published()
        page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
        context.update(
            rows=page.object_list,
            total=page.paginator.count,
            newer=f"page={page.previous_page_number()}" if page.has_previous() else None,
            older=f"page={page.next_page_number()}" if page.has_next() else None,
        )
    else:
        filters = queue.queue_claims(view=view, user=request.user, params=request.GET)
        rows = filters.qs if filters.is_valid() else filters.queryset.none()
        page = queue.keyset_page(
            rows, before=request.GET.get("before", ""), after=request.GET.get("after", ""), size=PAGE_SIZE
        )
        context.update(
            filters=filters,
            people=researchers(),
            rows=page.rows,
            total=rows.count(),
            newer=f"after={page.newer}" if page.newer else None,
            older=f"before={page.older}" if page.older else None,
        )
        if request.GET.get("q", "").strip() and not (page.newer or request.GET.get("before")):
            may_see_captures = request.user.has_perm("sources.view_snapshot")
            context["hits"] = search_everything(q=request.GET["q"], limit=10, may_see_captures=may_see_captures)
    return render(request, "newsroom/queue.html", context)


def _frozen(verdict) -> str:
    """Why the claim and its evidence cannot change now (a verdict on it is under review), if so."""
    return freeze_reason(verdict.number, verdict.status) if verdict and verdict.status in FROZEN_STATUSES else ""


def _found(item, what: str):
    if item is None:
        raise Http404(f"No {what} with this number.")
    return item


@login_required
@require_GET
def claim_page(request, claim_id: int):
    _require(request.user, "claims.view_claim")
    claim = _found(queue.claim_page(claim_id=claim_id), "claim")
    citations = queue.claim_citations(claim=claim)
    verdicts = queue.claim_verdicts(claim=claim)
    actions = [
        {
            "action": t.action,
            "label": t.label,
            "comment_required": t.comment_required,
            "inputs": ACTION_INPUTS.get(t.action, []),
        }
        for t in CLAIM_WORKFLOW.available(claim, request.user)
    ]
    context = {
        "claim": claim,
        "citations": citations,
        "pending": queue.captures_pending(citations),
        "verdicts": verdicts,
        "history": queue.claim_history(claim=claim, citations=citations, verdicts=verdicts),
        "duplicates": queue.claim_duplicates(claim=claim),
        "actions": actions,
        "action_names": {a["action"] for a in actions},
        "people": researchers() if any(a["inputs"] == ["assignee"] for a in actions) else [],
        "citation_form": CitationForm(),
        "open_verdict": queue.open_verdict(claim=claim, verdicts=verdicts),
        "may_draft": may_draft_verdict(claim, request.user),
    }
    context["frozen"] = _frozen(context["open_verdict"])
    context["may_cite"] = (
        request.user.has_perm("claims.add_citation") and claim.status in queue.OPEN and not context["frozen"]
    )
    return render(request, "newsroom/claim.html", context)


@login_required
@require_GET
def claim_citations(request, claim_id: int):
    """The citations table alone: polled while a capture is queued or fetching."""
    _require(request.user, "claims.view_claim")
    claim = _found(queue.claim_page(claim_id=claim_id), "claim")
    citations = queue.claim_citations(claim=claim)
    context = {"claim": claim, "citations": citations, "pending": queue.captures_pending(citations)}
    return render(request, "newsroom/_citations.html", context)


@login_required
@require_POST
@named_objects_exist
def citation_add(request, claim_id: int):
    form = CitationForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Check the citation: " + "; ".join(e for errs in form.errors.values() for e in errs))
    else:
        try:
            citation = citation_create(actor=request.user, claim_id=claim_id, **form.cleaned_data)
            messages.success(request, "Source cited. Its capture is queued; its status updates below.")
            if citation.quote_status == Citation.QuoteStatus.NOT_FOUND:
                cited_anyway = "It is cited all the same: check the quote (the page may have changed)."
                messages.warning(request, f"{citation.quote_message} {cited_anyway}")
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
        messages.success(
            request, f"{CLAIM_WORKFLOW.get(action).label}: done. The claim is now {claim.get_status_display().lower()}."
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
        name = values.pop("claimant_name")
        try:
            if name:
                values["claimant"] = claimant_get_or_create(actor=request.user, name=name)
            claim = claim_create(actor=request.user, **values)
        except DomainError as error:
            _refused(request, error)
        else:
            messages.success(request, f"Claim #{claim.pk} added to intake.")
            return redirect("claim-page", claim_id=claim.pk)
    return render(request, "newsroom/claim_new.html", {"nav": "new", "form": form})


@login_required
@require_GET
def similar_claims(request):
    """Claims already in that say the same as the text typed so far (a fragment for the form)."""
    _require(request.user, "claims.view_claim")
    text = request.GET.get("text", "")[:2000]
    pick = request.GET.get("pick") == "1"
    if pick:  # looking for an original by its words: a full-text search of claims
        hits = search_everything(q=text, kinds=("claim",), limit=8)
        claims = Claim.objects.select_related("claimant").in_bulk([hit.id for hit in hits])
        found = [{"claim": claims[hit.id], "score": None, "verdict": None} for hit in hits if hit.id in claims]
    else:
        found = already_checked(text=text, limit=5) if len(text.split()) >= 3 else []
    return render(request, "newsroom/_similar.html", {"similar": found, "pick": pick})


@login_required
def intake_article(request):
    """An article in (text, file or URL), check-worthy claims out, for the journalist to tick. A
    long article is read by a worker while the page waits (`?job=`)."""
    _require(request.user, "claims.add_claim")
    if request.method == "POST":
        form = ArticleForm(request.POST, request.FILES)
        if form.is_valid():
            values = form.cleaned_data
            try:
                if values["url"]:
                    source, _ = source_get_or_create(url=values["url"], actor=request.user)
                    snapshot_request(source=source)
                    return redirect(f"{reverse('intake-article')}?source={source.pk}")
                found = article_propose(
                    actor=request.user, text=values["text"], published=values["published"], outlet=values["outlet"]
                )
                return _proposed(request, found)
            except DomainError as error:
                _refused(request, error)
        return render(request, "newsroom/intake.html", {"nav": "article", "form": form})
    if request.GET.get("job"):
        return _extraction(request, request.GET["job"])
    source_id = request.GET.get("source", "")
    if not source_id.isdigit():
        return render(request, "newsroom/intake.html", {"nav": "article", "form": ArticleForm()})
    source = Source.objects.filter(pk=int(source_id)).first()
    if source is None:
        raise Http404("No such source.")
    latest = source.snapshots.order_by("-requested_at", "-id").first()
    if latest and latest.status == Snapshot.Status.SUCCEEDED:
        try:
            source, text, page_date, site = article_from_source(source_id=source.pk)
            found = article_propose(actor=request.user, text=text, published=page_date, outlet=site, source=source)
            return _proposed(request, found)
        except DomainError as error:
            _refused(request, error)
            if request.htmx:  # the whole page shows the message
                return HttpResponse(headers={"HX-Refresh": "true"})
    if request.htmx:  # still capturing: the waiting panel polls this page
        if latest and latest.status == Snapshot.Status.FAILED:
            return HttpResponse(headers={"HX-Refresh": "true"})
        return render(request, "newsroom/_capture_wait.html", {"source": source, "capture": latest})
    context = {"nav": "article", "form": ArticleForm(), "source": source, "capture": latest}
    return render(request, "newsroom/intake.html", context)


def _proposed(request, found):
    if isinstance(found, ExtractionJob):
        url = f"{reverse('intake-article')}?job={found.pk}"
        return HttpResponse(headers={"HX-Redirect": url}) if request.htmx else redirect(url)
    return _proposals(request, found.proposals, published=found.published, outlet=found.outlet, source=found.source)


def _extraction(request, job_id: str):
    """A long article's extraction: the waiting panel (polled) until its proposals are ready."""
    try:
        job = extraction_job_for(actor=request.user, job_id=uuid.UUID(job_id))
    except ValueError:
        job = None
    if job is None:
        raise Http404("No such extraction of yours.")
    if request.htmx:
        if job.finished:
            return HttpResponse(headers={"HX-Refresh": "true"})
        return render(request, "newsroom/_extraction_wait.html", {"job": job})
    if job.status == ExtractionJob.Status.DONE:
        return _proposals(request, job.proposals, published=job.published, outlet=job.outlet, source=job.source)
    if job.status == ExtractionJob.Status.FAILED:
        messages.error(request, job.error)
    context = {"nav": "article", "form": ArticleForm(), "job": job if not job.finished else None}
    return render(request, "newsroom/intake.html", context)


def _proposals(request, proposals, *, published, outlet, source=None):
    rows = [
        {
            "proposal": p,
            "data": json.dumps({k: v for k, v in p.items() if k not in ("claimant_id", "similar")}),
            "similar": p.get("similar", []),
        }
        for p in proposals
    ]
    context = {"nav": "article", "rows": rows, "published": published, "outlet": outlet, "source": source}
    return render(request, "newsroom/proposals.html", context)


@login_required
@require_POST
def intake_keep(request):
    _require(request.user, "claims.add_claim")
    chosen = []
    for raw in request.POST.getlist("keep"):
        form = ProposalForm.from_json(raw)
        if form is None or not form.is_valid():
            messages.error(request, "A proposed claim came back altered or incomplete; propose the article again.")
            return redirect("intake-article")
        chosen.append(form.cleaned_data)
    source_id = request.POST.get("source", "")
    origin = Source.objects.filter(pk=int(source_id)).first() if source_id.isdigit() else None
    try:
        kept = article_keep(actor=request.user, proposals=chosen, origin=origin)
    except DomainError as error:
        _refused(request, error)
        return redirect("intake-article")
    messages.success(request, f"{len(kept)} claims added to intake.")
    return redirect(f"{reverse('queue')}?view=intake")


# --- verdicts ---


@login_required
@require_POST
@named_objects_exist
def verdict_start(request, claim_id: int):
    try:
        verdict = verdict_create(actor=request.user, claim_id=claim_id)
    except DomainError as error:
        _refused(request, error)
        return redirect("claim-page", claim_id=claim_id)
    messages.success(request, f"Draft verdict v{verdict.number} started. It saves itself as you write.")
    return redirect("verdict-page", verdict_id=verdict.pk)


@login_required
@require_GET
def verdict_page(request, verdict_id: int):
    """The verdict next to its evidence: the author's editor while it is a draft, the reviewer's
    view with the workflow buttons this person may use."""
    _require(request.user, "verdicts.view_verdict")
    verdict = _found(queue.verdict_page(verdict_id=verdict_id), "verdict")
    editable = verdict.status == Verdict.Status.DRAFT and verdict.author_id == request.user.pk
    form = VerdictForm(
        initial={**{f: getattr(verdict, f) for f in CONTENT_FIELDS}, "expected_version": verdict.lock_version}
    )
    citations = queue.claim_citations(claim=verdict.claim)
    actions = [
        {"action": t.action, "label": t.label, "comment_required": t.comment_required}
        for t in VERDICT_WORKFLOW.available(verdict, request.user)
    ]
    changes = queue.verdict_evidence_changes(verdict=verdict, citations=citations)
    for change in changes:
        if change.citation is not None:
            change.citation.change = change
    context = {
        "verdict": verdict,
        "evidence_changes": changes,
        "evidence_headline": queue.evidence_change_headline(verdict.evidence_changes) if changes else "",
        "may_confirm_evidence": may_confirm_evidence(verdict, request.user),
        "may_correct": any(a["action"] == "open_correction" for a in actions),
        "claim": verdict.claim,
        "editable": editable,
        "form": form if editable else None,
        "explanation": render_markdown(verdict.explanation),
        "citations": citations,
        "pending": queue.captures_pending(citations),
        "actions": actions,
        "history": queue.verdict_history(verdict=verdict),
        "public_url": reverse("verdict-public", args=[verdict.pk]) if verdict.status in PUBLIC_STATUSES else "",
        "casefile_url": reverse("verdict-casefile", args=[verdict.pk]) if verdict.status in PUBLIC_STATUSES else "",
        "frozen": _frozen(verdict),
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
        problem = "; ".join(
            f"{form.fields[name].label if name in form.fields else name}: {' '.join(e)}"
            for name, e in form.errors.items()
        )
        if request.htmx:
            return render(request, "newsroom/_autosave.html", {"error": problem})
        messages.error(request, problem)
        return redirect("verdict-page", verdict_id=verdict_id)
    values = dict(form.cleaned_data)
    expected = values.pop("expected_version")
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
        context = {"verdict": verdict, "saved_at": timezone.now(), "explanation": render_markdown(verdict.explanation)}
        return render(request, "newsroom/_autosave.html", context)
    messages.success(request, "Draft saved.")
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
        request, f"{label}: done. Verdict v{verdict.number} is now {verdict.get_status_display().lower()}."
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
    messages.success(request, "Checked: the verdict stands. The flag on its evidence is cleared.")
    return redirect("verdict-page", verdict_id=verdict_id)


# --- notifications ---


@login_required
def notifications_page(request):
    if request.method == "POST":
        marked = notifications_mark_read(user=request.user)
        messages.success(request, f"{marked} notification{'s' if marked != 1 else ''} marked as read.")
        return redirect("notifications")
    context = {"nav": "notifications", "notifications": notifications_recent(user=request.user)}
    return render(request, "newsroom/notifications.html", context)


@login_required
@require_GET
def dashboard_page(request):
    _require(request.user, "claims.view_claim")
    return render(request, "newsroom/dashboard.html", {"nav": "dashboard", "charts": dashboard_charts()})
