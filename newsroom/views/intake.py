"""Claims from an article: text, file or URL in, proposals out, the kept ones into intake."""

import json
import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext, ngettext
from django.views.decorators.http import require_POST

from claims.intake import article_from_source, article_keep, extraction_job_for
from claims.models import ExtractionJob
from factcheck.errors import DomainError
from newsroom.forms import ArticleForm, ProposalForm
from newsroom.views.common import _refused, _require
from sources.capture import snapshot_request
from sources.models import Snapshot, Source
from sources.services import source_get_or_create
from verdicts.intake import article_propose


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
    if request.htmx and latest and latest.status in (Snapshot.Status.SUCCEEDED, Snapshot.Status.FAILED):
        # The waiting panel polls with htmx: the proposals (or the failure) are a whole page, so
        # the page is loaded again rather than drawn inside the panel.
        return HttpResponse(headers={"HX-Refresh": "true"})
    if latest and latest.status == Snapshot.Status.SUCCEEDED:
        try:
            source, text, page_date, site = article_from_source(source_id=source.pk)
            found = article_propose(actor=request.user, text=text, published=page_date, outlet=site, source=source)
            return _proposed(request, found)
        except DomainError as error:
            _refused(request, error)
    if request.htmx:  # still capturing: the waiting panel polls this page
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
            messages.error(
                request, gettext("A proposed claim came back altered or incomplete; propose the article again.")
            )
            return redirect("intake-article")
        chosen.append(form.cleaned_data)
    source_id = request.POST.get("source", "")
    origin = Source.objects.filter(pk=int(source_id)).first() if source_id.isdigit() else None
    try:
        kept = article_keep(actor=request.user, proposals=chosen, origin=origin)
    except DomainError as error:
        _refused(request, error)
        return redirect("intake-article")
    count = len(kept)
    messages.success(
        request,
        ngettext("%(count)d claim added to intake.", "%(count)d claims added to intake.", count) % {"count": count},
    )
    return redirect(f"{reverse('queue')}?view=intake")


# --- verdicts ---
