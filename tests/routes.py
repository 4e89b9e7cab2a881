"""The routes of the URL configuration, read from the resolver, for tests that walk them all."""

import re

from django.contrib import admin
from django.test import RequestFactory
from django.urls import URLPattern, URLResolver, get_resolver, reverse


def routes() -> list[tuple[str | None, str, bool]]:
    """(name, pattern, is_api) of every route but the admin site's, which has its own tests."""

    def walk(patterns, prefix=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                if pattern.app_name == "admin":
                    continue
                yield from walk(pattern.url_patterns, prefix + str(pattern.pattern))
            elif isinstance(pattern, URLPattern):
                yield pattern.name, prefix + str(pattern.pattern), (prefix + str(pattern.pattern)).startswith("api/")

    return list(walk(get_resolver().url_patterns))


def arguments(pattern: str) -> dict[str, str]:
    """A route's arguments and their converters: {"claim_id": "int", "action": "str"}."""
    return {name: converter or "str" for converter, name in re.findall(r"<(?:(\w+):)?(\w+)>", pattern)}


def admin_pages(user) -> list[str]:
    """The admin's main pages `user` may open: its index, and for every registered model they may
    see, its list, its add form (when they may add) and its first row's page (when it has rows)."""
    request = RequestFactory().get("/admin/")
    request.user = user
    pages = [reverse("admin:index")]
    for model, model_admin in admin.site._registry.items():
        if not model_admin.has_view_or_change_permission(request):
            continue
        info = model._meta.app_label, model._meta.model_name
        pages.append(reverse("admin:{}_{}_changelist".format(*info)))
        if model_admin.has_add_permission(request):
            pages.append(reverse("admin:{}_{}_add".format(*info)))
        first = model_admin.get_queryset(request).order_by("pk").first()
        if first is not None:
            pages.append(reverse("admin:{}_{}_change".format(*info), args=[first.pk]))
    return pages
