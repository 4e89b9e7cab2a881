"""The queue: tabs, filters, the rows of the chosen view and the search hits beside them."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from claims.bulk import BULK_ACTIONS, claims_bulk_triage
from claims.selectors import researchers
from factcheck.errors import DomainError
from newsroom import queue
from newsroom.services import saved_view_create, saved_view_delete, saved_view_query
from newsroom.views.common import PAGE_SIZE, _found, _refused, _require
from verdicts.search import search_everything
from verdicts.translations.selectors import translations_waiting


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
    saved_views = queue.saved_views(user=request.user)
    saved_current = next((s for s in saved_views if str(s.pk) == request.GET.get("saved")), None)
    context = {
        "nav": "queue",
        "tabs": tabs,
        "view": view,
        "title": saved_current.name if saved_current else views[view],
        "saved_views": saved_views,
        "saved_current": saved_current,
    }
    query = request.GET.copy()
    for key in ("page", "before", "after"):
        query.pop(key, None)
    context["query"] = query.urlencode()
    # How many filters are set (the search box stands apart, above them): the panel stays open for
    # them even on a phone, where it folds away. A search or a filter can be saved as a view.
    context["filters_set"] = sum(
        1 for key, value in query.lists() if key not in ("view", "q") and any(v.strip() for v in value)
    )
    context["saveable"] = bool(context["filters_set"] or query.get("q", "").strip())
    before, after = request.GET.get("before", ""), request.GET.get("after", "")
    if view in ("review", "published"):
        rows = queue.review_waiting(user=request.user) if view == "review" else queue.recently_published()
        if view == "review":  # translations of published verdicts wait for review beside the verdicts
            context["translations_waiting"] = list(translations_waiting(user=request.user)[:PAGE_SIZE])
        order = queue.REVIEW_ORDER if view == "review" else queue.PUBLISHED_ORDER
        page = queue.keyset_page(rows, before=before, after=after, size=PAGE_SIZE, keys=order)
        context.update(rows=page.rows, total=queue.count_up_to(rows), **_neighbours(page))
    else:
        filters = queue.queue_claims(view=view, user=request.user, params=request.GET)
        rows = filters.qs if filters.is_valid() else filters.queryset.none()
        if saved_current and not filters.is_valid():
            messages.warning(
                request,
                _(
                    "The saved view “%(name)s” no longer applies as saved: change its filters and save it"
                    " again, or delete it."
                )
                % {"name": saved_current.name},
            )
        page = queue.keyset_page(rows, before=before, after=after, size=PAGE_SIZE, sort=filters.chosen_sort())
        context.update(
            filters=filters,
            filter_errors=queue.filter_errors(filters),
            form=filters.form,
            people=researchers(),
            may_triage=request.user.has_perm("claims.triage_claim"),
            bulk_actions=list(BULK_ACTIONS.items()),
            chosen_status=request.GET.getlist("status"),
            select_filters=[filters.form[name] for name in ("priority", "due", "rating", "sort")],
            filter_query=saved_view_query(request.GET),
            rows=page.rows,
            total=filters.tally(rows),
            **_neighbours(page),
        )
        q = filters.form.cleaned_data.get("q", "") if filters.is_valid() else ""
        if q.strip() and not (page.newer or request.GET.get("before")):
            # The list's filter found the matches: they are not searched again.
            context["hits"] = search_everything(
                q=q, limit=10, may_see_captures=filters.may_see_captures, matches=filters.matches
            )
    return render(request, "newsroom/queue.html", context)


def _neighbours(page: queue.KeysetPage) -> dict:
    """The links' query strings to the pages before and after this one."""
    return {
        "newer": urlencode({"after": page.newer}) if page.newer else None,
        "older": urlencode({"before": page.older}) if page.older else None,
    }


def _back(request, fallback: str = "/"):
    back = request.POST.get("back", "")
    if back and url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}) and back.startswith("/"):
        return redirect(back)
    return redirect(fallback)


@login_required
@require_POST
def queue_bulk(request):
    """Triage the selected claims at once; each one that cannot change is listed with why."""
    _require(request.user, "claims.triage_claim")
    try:
        outcomes = claims_bulk_triage(
            actor=request.user,
            action=request.POST.get("action", ""),
            items=request.POST.getlist("claim"),
            assignee_id=request.POST.get("assignee") or None,
            comment=request.POST.get("comment", ""),
            tag=request.POST.get("tag", ""),
        )
    except DomainError as error:
        _refused(request, error)
        return _back(request)
    done = [o for o in outcomes if o.done]
    if done:
        label = str(BULK_ACTIONS[request.POST["action"]]).split(" (")[0]
        said = ngettext("%(action)s: %(count)s claim done.", "%(action)s: %(count)s claims done.", len(done))
        messages.success(request, said % {"action": label, "count": len(done)})
    for outcome in outcomes:
        if not outcome.done:
            messages.error(request, outcome.message)
    return _back(request)


@login_required
@require_POST
def saved_view_new(request):
    _require(request.user, "claims.view_claim")
    try:
        saved = saved_view_create(
            actor=request.user, name=request.POST.get("name", ""), query=request.POST.get("query", "")
        )
    except DomainError as error:
        _refused(request, error)
        return redirect(f"/?{request.POST.get('query', '')}" if request.POST.get("query", "").isprintable() else "/")
    messages.success(request, _("Saved the view “%(name)s”: it is among the queue's tabs.") % {"name": saved.name})
    return redirect(f"/?{saved.query}&saved={saved.pk}")


@login_required
@require_POST
def saved_view_remove(request, saved_id: int):
    _require(request.user, "claims.view_claim")
    _found(queue.saved_view_of(user=request.user, saved_id=saved_id), "saved view of yours")
    try:
        saved_view_delete(actor=request.user, saved_id=saved_id)
    except DomainError as error:
        _refused(request, error)
    else:
        messages.success(request, _("The saved view is deleted."))
    return redirect("queue")
