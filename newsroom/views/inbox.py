"""A person's notifications and the newsroom dashboard."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import get_language, ngettext
from django.views.decorators.http import require_GET

from newsroom.dashboard.summary import dashboard_as_kept
from newsroom.views.common import _require
from verdicts.notifications import notification_open, notifications_mark_read, notifications_recent


@login_required
def notifications_page(request):
    if request.method == "POST":
        marked = notifications_mark_read(user=request.user)
        said = ngettext("%(count)s notification marked as read.", "%(count)s notifications marked as read.", marked)
        messages.success(request, said % {"count": marked})
        return redirect("notifications")
    context = {"nav": "notifications", "notifications": notifications_recent(user=request.user)}
    return render(request, "newsroom/notifications.html", context)


@login_required
@require_GET
def notification_follow(request, notification_id: int):
    """Opening a notification: marked read, then on to what it is about (a path on this site only)."""
    target = notification_open(user=request.user, notification_id=notification_id)
    if target is None:
        raise Http404("No such notification of yours.")
    return redirect(target or "notifications")


@login_required
@require_GET
def dashboard_page(request):
    _require(request.user, "claims.view_claim")
    counted_at, charts = dashboard_as_kept(language=get_language())
    return render(request, "newsroom/dashboard.html", {"nav": "dashboard", "charts": charts, "counted_at": counted_at})
