"""The queue: tabs, filters, the rows of the chosen view and the search hits beside them."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_GET

from claims.selectors import researchers
from newsroom import queue
from newsroom.views.common import PAGE_SIZE, _require
from verdicts.search import search_everything


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
    # How many filters are set: the panel stays open for them even on a phone, where it folds away.
    context["filters_set"] = sum(1 for key, value in query.lists() if key != "view" and any(v.strip() for v in value))
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
