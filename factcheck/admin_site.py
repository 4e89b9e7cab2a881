"""The admin site: Django's, with the password change held to the same limit as sign-in, and
addresses whose query holds a NUL character refused (PostgreSQL cannot compare text with one)."""

from functools import wraps

from django.contrib import admin
from django.core.exceptions import BadRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from factcheck.signin import PasswordChangeView


class WorkbenchAdminSite(admin.AdminSite):
    site_header = "Fact-check workbench"
    site_title = "Fact-check workbench"
    index_title = _("Newsroom")

    def admin_view(self, view, cacheable=False):
        guarded = super().admin_view(view, cacheable)

        @wraps(guarded)
        def refusing_nul(request, *args, **kwargs):
            if any("\x00" in text for name, values in request.GET.lists() for text in (name, *values)):
                raise BadRequest("The address contains a NUL character.")
            return guarded(request, *args, **kwargs)

        return refusing_nul

    def password_change(self, request, extra_context=None):
        from django.contrib.admin.forms import AdminPasswordChangeForm

        request.current_app = self.name
        return PasswordChangeView.as_view(
            form_class=AdminPasswordChangeForm,
            success_url=reverse("admin:password_change_done", current_app=self.name),
            extra_context={**self.each_context(request), **(extra_context or {})},
        )(request)
