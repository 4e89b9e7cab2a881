"""Changes a person makes to their own newsroom: saved views of the queue."""

from django.db import IntegrityError, transaction
from django.http import QueryDict
from django.utils.translation import gettext, gettext_noop

from factcheck.audit import audit_record
from factcheck.errors import Conflict, InvalidInput
from factcheck.guards import refuse_nul, require_permission
from newsroom import queue
from newsroom.models import SavedView
from newsroom.policy import saved_view_policy

MAX_SAVED_VIEWS = 30


def saved_view_query(params) -> str:
    """The queue's view and filters in `params` (a QueryDict), as the query string a saved view
    keeps: only the filters the queue knows, blank ones left out, in a fixed order."""
    kept = QueryDict(mutable=True)
    view = params.get("view") or "all"
    kept["view"] = view
    for key in queue.FILTER_KEYS:
        values = [v for v in params.getlist(key) if v.strip()]
        if values:
            kept.setlist(key, values)
    return kept.urlencode()


def saved_view_problem(query: str, *, user) -> str:
    """Why a saved query does not apply (an unknown view, a filter that does not validate), or ""."""
    params = QueryDict(query)
    if params.get("view") not in queue.FILTERED_VIEWS:
        return "It names a view of the queue that cannot be filtered."
    filters = queue.queue_claims(view=params["view"], user=user, params=params)
    if not filters.is_valid():
        return " ".join(f"{name}: {' '.join(errors)}" for name, errors in filters.errors.items())
    return ""


def saved_view_create(*, actor, name: str, query: str) -> SavedView:
    require_permission(actor, "claims.view_claim", gettext_noop("see the queue"))
    name = " ".join((name or "").split())
    refuse_nul(gettext_noop("The view's name"), name, query or "")
    if not name:
        raise InvalidInput(gettext("Name the view."))
    if len(name) > 100:
        raise InvalidInput(gettext("A view's name is at most 100 characters."))
    query = saved_view_query(QueryDict(query or ""))
    problem = saved_view_problem(query, user=actor)
    if problem:
        raise InvalidInput(gettext("These filters cannot be saved. %(problem)s") % {"problem": problem})
    if len(query) > 2000:
        raise InvalidInput(gettext("These filters are too long to save."))
    if SavedView.objects.filter(owner=actor).count() >= MAX_SAVED_VIEWS:
        raise InvalidInput(
            gettext("You can keep at most %(most)s saved views; delete one first.") % {"most": MAX_SAVED_VIEWS}
        )
    try:
        with transaction.atomic():
            saved = SavedView.objects.create(owner=actor, name=name, query=query)
            audit_record(actor=actor, action="saved_view.create", target=saved, data={"name": name, "query": query})
    except IntegrityError:
        raise Conflict(gettext("You already have a view called “%(name)s”.") % {"name": name}) from None
    return saved


def saved_view_delete(*, actor, saved_id) -> None:
    """Delete one of the person's own saved views."""
    with transaction.atomic():
        saved = SavedView.objects.select_for_update().filter(pk=saved_id).first()
        if saved is None:
            raise InvalidInput(gettext("There is no such saved view."))
        saved_view_policy(actor, saved).require("delete")
        audit_record(actor=actor, action="saved_view.delete", target=saved, data={"name": saved.name})
        saved.delete()
