"""Admin plumbing shared by the apps: saving through services, workflow buttons.

The admin never writes a model itself. Forms hand their data to a service;
workflow buttons post to one view that calls the workflow's service; the
buttons shown are exactly `Workflow.available()` for the signed-in person.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect
from django.urls import path, reverse
from django.utils.translation import gettext

from factcheck.audit import audit_history
from factcheck.errors import DomainError

_DRAFTS_KEY = "workflow_comment_drafts"


class ServiceModelForm(forms.ModelForm):
    """A model form whose saving is done by a service, inside validation, so
    a refusal shows on the form with everything the person typed kept."""

    expected_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    # Set by ServiceAdmin.get_form: the admin and the request being served.
    model_admin = None
    request = None
    saved = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and hasattr(self.instance, "lock_version"):
            self.fields["expected_version"].initial = self.instance.lock_version

    def _post_clean(self):
        # The service validates and writes; the model's own constraint checks
        # would run after that write and see it, so they are left to the database.
        if self.errors:
            return
        try:
            self.saved = self.model_admin.save_via_service(self.request, self)
            self.request._service_write_unconfirmed = True
        except DomainError as exc:
            self.add_error(None, exc.message)

    def changes(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.changed_data if name != "expected_version"}


class ServiceAdmin(admin.ModelAdmin):
    """ModelAdmin that saves through `save_via_service` and never deletes."""

    form = ServiceModelForm
    actions = None  # no bulk action may bypass a service

    def save_via_service(self, request, form):  # pragma: no cover - each admin defines it
        raise NotImplementedError

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        return type(form.__name__, (form,), {"model_admin": self, "request": request})

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        with transaction.atomic():
            response = super().changeform_view(request, object_id, form_url, extra_context)
            if getattr(request, "_service_write_unconfirmed", False):
                # The service wrote, but the page came back with other errors
                # (an inline, say): keep nothing, so the person can fix and resend.
                transaction.set_rollback(True)
        return response

    def save_model(self, request, obj, form, change):
        request._service_write_unconfirmed = False
        saved = form.saved
        obj.__dict__.update({k: v for k, v in saved.__dict__.items() if k != "_state"})
        obj._state.adding = False

    def save_related(self, request, form, formsets, change):
        # Inlines here are read-only: nothing in them is saved, whatever is posted.
        for formset in formsets:
            formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []

    def has_delete_permission(self, request, obj=None):
        return False


class WorkflowAdmin(ServiceAdmin):
    """Adds the workflow panel (buttons for the allowed actions) and the history."""

    change_form_template = "admin/workflow_change_form.html"
    workflow = None

    def run_transition(self, request, obj, action: str, data):  # pragma: no cover - each admin defines it
        raise NotImplementedError

    def history_targets(self, obj) -> list:
        return [obj]

    def workflow_context(self, request, obj) -> dict:
        """Extra template context for the inputs the actions need."""
        return {}

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        return [
            path(
                "<path:object_id>/transition/<str:action>/",
                self.admin_site.admin_view(self.transition_view),
                name="{}_{}_transition".format(*info),
            ),
            *super().get_urls(),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, object_id)
        extra_context = dict(extra_context or {})
        if obj is not None:
            drafts = request.session.get(_DRAFTS_KEY, {}).get(f"{self.opts.label_lower}:{obj.pk}", {})
            extra_context["workflow_actions"] = [
                {
                    **t.described(),
                    "draft": drafts.get(t.action, ""),
                    "url": reverse(
                        f"{self.admin_site.name}:{self.opts.app_label}_{self.opts.model_name}_transition",
                        args=[obj.pk, t.action],
                    ),
                }
                for t in self.workflow.available(obj, request.user)
            ]
            extra_context["audit_events"] = audit_history(*self.history_targets(obj))
            extra_context.update(self.workflow_context(request, obj))
        return super().change_view(request, object_id, form_url, extra_context)

    def transition_view(self, request, object_id, action):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        obj = self.get_object(request, object_id)
        if obj is None:
            raise Http404
        if not self.has_view_permission(request, obj):
            raise PermissionDenied
        key = f"{self.opts.label_lower}:{obj.pk}"
        drafts = request.session.get(_DRAFTS_KEY, {})
        try:
            result = self.run_transition(request, obj, action, request.POST)
        except DomainError as exc:
            # Keep what was typed so the person does not lose it.
            drafts.setdefault(key, {})[action] = request.POST.get("comment", "")[:10_000]
            request.session[_DRAFTS_KEY] = drafts
            self.message_user(request, exc.message, messages.ERROR)
            result = obj
        else:
            if drafts.pop(key, None) is not None:
                request.session[_DRAFTS_KEY] = drafts
            label = self.workflow.get(action).label
            said = gettext("%(action)s: done. %(object)s is now %(status)s.")
            self.message_user(
                request, said % {"action": label, "object": result, "status": result.get_status_display().lower()}
            )
        return HttpResponseRedirect(
            reverse(
                f"{self.admin_site.name}:{result._meta.app_label}_{result._meta.model_name}_change", args=[result.pk]
            )
        )


class ReadOnlyAdmin(admin.ModelAdmin):
    """For records nobody edits by hand (captures, the audit log)."""

    actions = None

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
