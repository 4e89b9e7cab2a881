from django import forms
from django.contrib import admin
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.timesince import timesince
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from factcheck.admin_tools import ReadOnlyAdmin, ServiceAdmin, ServiceModelForm
from sources.models import Snapshot, Source
from sources.services import source_register, source_update


class SnapshotInline(admin.TabularInline):
    model = Snapshot
    fields = ["view", "status", "finished_at", "http_status", "error_code", "content_type", "size", "text_changed"]
    readonly_fields = fields

    @admin.display(description=_("Capture"))
    def view(self, obj):
        return format_html('<a href="{}">#{}</a>', reverse("capture-detail", args=[obj.pk]), obj.pk)

    extra = 0
    show_change_link = True
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class SourceForm(ServiceModelForm):
    url = forms.URLField(
        label=_("URL"), max_length=2048, assume_scheme="https", widget=forms.TextInput(attrs={"size": 80})
    )

    class Meta:
        model = Source
        fields = ["url", "title", "publisher", "kind", "recheck_interval"]


SOURCE_EDITABLE = ["title", "publisher", "kind", "recheck_interval"]
SOURCE_STATE = [
    "normalized_url",
    "domain",
    "first_seen_at",
    "last_checked_at",
    "monitored_since",
    "changed_at",
    "missing_since",
]


@admin.register(Source)
class SourceAdmin(ServiceAdmin):
    form = SourceForm
    list_display = [
        "id",
        "__str__",
        "domain",
        "kind",
        "first_seen_at",
        "last_checked_at",
        "changed_at",
        "missing_since",
    ]
    list_filter = [
        "kind",
        ("monitored_since", admin.EmptyFieldListFilter),
        ("missing_since", admin.EmptyFieldListFilter),
    ]
    search_fields = ["normalized_url", "title", "publisher", "domain"]
    inlines = [SnapshotInline]

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["url", *SOURCE_EDITABLE]
        return ["url", *self._editable_or_shown(request, obj), *SOURCE_STATE]

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return []
        shown = [] if self.has_change_permission(request, obj) else self._editable_or_shown(request, obj)
        return ["url", *shown, *SOURCE_STATE]

    def _editable_or_shown(self, request, obj) -> list[str]:
        """The editable fields, or for someone who may only look, the interval in words."""
        if self.has_change_permission(request, obj):
            return SOURCE_EDITABLE
        return [("recheck_every" if field == "recheck_interval" else field) for field in SOURCE_EDITABLE]

    @admin.display(description=_("re-check interval"))
    def recheck_every(self, obj):
        """ "1 day", "1 день": the interval in the reader's words, not Python's "1 day, 0:00:00"."""
        now = timezone.now()
        return timesince(now - obj.recheck_interval, now, depth=2)

    def save_via_service(self, request, form):
        data = form.cleaned_data
        if form.instance.pk is None:
            return source_register(actor=request.user, url=data["url"], **{k: data[k] for k in SOURCE_EDITABLE})
        return source_update(source_id=form.instance.pk, actor=request.user, **form.changes())


@admin.register(Snapshot)
class SnapshotAdmin(ReadOnlyAdmin):
    list_display = [
        "id",
        "source",
        "status",
        "attempt",
        "http_status",
        "error_code",
        "size",
        "finished_at",
        "text_changed",
    ]
    list_filter = ["status", "text_changed", "error_code"]
    list_select_related = ["source"]
    search_fields = ["source__normalized_url", "payload_sha256", "final_url"]
    # Captured payloads are hostile content: never linked or rendered in the
    # app's origin; the admin shows their hash, size and the extracted text, escaped.
    exclude = ["text", "payload", "warc"]
    readonly_fields = ["view_link", "extracted_text", "stored_as"]

    @admin.display(description=_("Extracted text"))
    def extracted_text(self, obj):
        return obj.text  # escaped by the admin

    @admin.display(description=pgettext_lazy("link to a capture's page", "View"))
    def view_link(self, obj):
        link = gettext("Open capture #%(number)s") % {"number": obj.pk}
        return format_html('<a href="{}">{}</a>', reverse("capture-detail", args=[obj.pk]), link)

    @admin.display(description=_("Stored payload"))
    def stored_as(self, obj):
        return obj.payload.name or "—"
