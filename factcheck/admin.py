from django import forms
from django.contrib import admin, messages
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from factcheck.admin_tools import ReadOnlyAdmin, ServiceAdmin, ServiceModelForm
from factcheck.apikeys import api_key_create, api_key_revoke
from factcheck.models import ApiKey, AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin):
    list_display = [
        "seq",
        "created_at",
        "actor_username",
        "action",
        "object_type",
        "object_id",
        "from_state",
        "to_state",
    ]
    list_filter = ["action", "object_type"]
    search_fields = ["object_id", "actor_username", "comment", "object_repr"]
    list_per_page = 100
    show_full_result_count = False


class ApiKeyForm(ServiceModelForm):
    class Meta:
        model = ApiKey
        fields = ["name", "owner", "scope", "rate"]
        widgets = {"rate": forms.TextInput(attrs={"placeholder": "1000/min"})}


@admin.register(ApiKey)
class ApiKeyAdmin(ServiceAdmin):
    form = ApiKeyForm
    list_display = ["name", "prefix", "owner", "scope", "rate", "created_at", "last_used_at", "revoked_at"]
    list_filter = ["scope", ("revoked_at", admin.EmptyFieldListFilter)]
    list_select_related = ["owner"]
    search_fields = ["name", "prefix", "owner__username"]
    autocomplete_fields = ["owner"]
    actions = ["revoke"]

    def get_fields(self, request, obj=None):
        base = ["name", "owner", "scope", "rate"]
        return base if obj is None else [*base, "prefix", "created_by", "created_at", "last_used_at", "revoked_at"]

    def has_change_permission(self, request, obj=None):
        return obj is None and super().has_change_permission(request, obj)  # a key is replaced, not edited

    def save_via_service(self, request, form):
        data = form.cleaned_data
        key, plaintext = api_key_create(
            actor=request.user, name=data["name"], owner=data["owner"], scope=data["scope"], rate=data["rate"]
        )
        self.message_user(
            request, gettext("Copy this key now; it is not shown again: %(key)s") % {"key": plaintext}, messages.WARNING
        )
        return key

    @admin.action(description=_("Revoke the selected keys"), permissions=["change"])
    def revoke(self, request, queryset):
        for key in queryset:
            api_key_revoke(actor=request.user, key_id=key.pk)
        count = queryset.count()
        self.message_user(
            request, ngettext("Revoked %(count)s key.", "Revoked %(count)s keys.", count) % {"count": count}
        )
