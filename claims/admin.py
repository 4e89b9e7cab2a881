from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect
from django.urls import path, reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from claims.checklist import STEP_FIELDS, checklist_step_create, checklist_step_update
from claims.models import ChecklistStep, Citation, Claim, Claimant
from claims.policy import Frozen, citation_policy, claim_policy
from claims.selectors import researchers
from claims.services import (
    CITATION_EDITABLE_FIELDS,
    CLAIMANT_FIELDS,
    citation_create,
    citation_delete,
    citation_update,
    claim_create,
    claim_transition,
    claim_update,
    claimant_create,
    claimant_merge,
    claimant_update,
)
from claims.workflow import CLAIM_WORKFLOW
from factcheck.admin_tools import ServiceAdmin, ServiceModelForm, WorkflowAdmin
from factcheck.errors import DomainError

RENAME_PERMISSION = "claims.rename_claimant"


@admin.register(Claimant)
class ClaimantAdmin(ServiceAdmin):
    list_display = ["name", "kind", "description"]
    list_filter = ["kind"]
    search_fields = ["name", "description"]
    fields = list(CLAIMANT_FIELDS)
    change_form_template = "admin/claims/claimant/change_form.html"

    def get_readonly_fields(self, request, obj=None):
        # Renaming is an editor's action: others see the name and cannot change it.
        if obj is not None and not request.user.has_perm(RENAME_PERMISSION):
            return ["name"]
        return []

    def save_via_service(self, request, form):
        if form.instance.pk is None:
            data = {k: form.cleaned_data[k] for k in CLAIMANT_FIELDS}
            return claimant_create(actor=request.user, **data)
        return claimant_update(claimant_id=form.instance.pk, actor=request.user, **form.changes())

    def get_urls(self):
        merge = path(
            "<path:object_id>/merge/", self.admin_site.admin_view(self.merge_view), name="claims_claimant_merge"
        )
        return [merge, *super().get_urls()]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = dict(extra_context or {})
        if request.user.has_perm(RENAME_PERMISSION):
            extra_context["merge_url"] = reverse(f"{self.admin_site.name}:claims_claimant_merge", args=[object_id])
        return super().change_view(request, object_id, form_url, extra_context)

    def merge_view(self, request, object_id):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        claimant = self.get_object(request, object_id)
        if claimant is None:
            raise Http404
        if not self.has_view_permission(request, claimant):
            raise PermissionDenied
        try:
            kept = claimant_merge(source_id=claimant.pk, target_id=request.POST.get("into"), actor=request.user)
        except DomainError as exc:
            self.message_user(request, exc.message, messages.ERROR)
            return HttpResponseRedirect(reverse(f"{self.admin_site.name}:claims_claimant_change", args=[claimant.pk]))
        self.message_user(
            request, gettext("“%(merged)s” was merged into “%(kept)s”.") % {"merged": claimant.name, "kept": kept.name}
        )
        return HttpResponseRedirect(reverse(f"{self.admin_site.name}:claims_claimant_change", args=[kept.pk]))


@admin.display(description=_("Quoted passage"))
def quote_check(citation):
    return citation.quote_message or "—"


class CitationInline(admin.TabularInline):
    model = Citation
    fields = ["source", "stance", "quote", quote_check, "snapshot"]
    readonly_fields = fields
    extra = 0
    show_change_link = True
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("source", "snapshot__source")


CLAIM_CONTENT = [
    "text",
    "claimant",
    "said_on",
    "said_on_precision",
    "medium",
    "appearance",
    "origin",
    "cited_source",
    "sentence",
    "language",
    "tags",
    "priority",
    "checkworthiness",
]
CLAIM_STATE = [
    "status",
    "assignee",
    "duplicate_of",
    "status_reason",
    "lock_version",
    "created_by",
    "created_at",
    "updated_at",
]


@admin.register(Claim)
class ClaimAdmin(WorkflowAdmin):
    workflow = CLAIM_WORKFLOW
    list_display = ["id", "__str__", "claimant", "status", "assignee", "priority", "said_on", "created_at"]
    list_display_links = ["id", "__str__"]
    list_filter = ["status", "priority", "language", ("assignee", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["claimant", "assignee"]
    search_fields = ["text", "sentence", "claimant__name", "medium", "cited_source"]
    autocomplete_fields = ["claimant", "appearance", "origin"]
    inlines = [CitationInline]
    list_per_page = 50

    def get_fields(self, request, obj=None):
        return CLAIM_CONTENT if obj is None else CLAIM_CONTENT + CLAIM_STATE

    def get_readonly_fields(self, request, obj=None):
        return [] if obj is None else CLAIM_STATE

    def has_change_permission(self, request, obj=None):
        # What a claim says is fixed once it leaves intake and research (claims.policy).
        editable = obj is None or claim_policy(request.user, obj).allows("edit")
        return editable and super().has_change_permission(request, obj)

    def save_via_service(self, request, form):
        if form.instance.pk is None:
            data = {k: v for k, v in form.cleaned_data.items() if k in CLAIM_CONTENT and k != "text"}
            return claim_create(actor=request.user, text=form.cleaned_data["text"], **data)
        return claim_update(
            claim_id=form.instance.pk,
            actor=request.user,
            expected_version=form.cleaned_data.get("expected_version"),
            **form.changes(),
        )

    def run_transition(self, request, obj, action, data):
        return claim_transition(
            claim_id=obj.pk,
            action=action,
            actor=request.user,
            expected_version=data.get("expected_version"),
            comment=data.get("comment", ""),
            assignee_id=data.get("assignee"),
            duplicate_of_id=data.get("duplicate_of"),
        )

    def history_targets(self, obj):
        return [obj, *obj.citations.all()]

    def workflow_context(self, request, obj):
        return {"assignable_people": researchers()}


class CitationForm(ServiceModelForm):
    url = forms.CharField(label=_("Source URL"), max_length=2048, help_text=_("The address of the document you cite."))

    class Meta:
        model = Citation
        fields = ["claim", "url", "stance", "quote", "note"]


class CitationChangeForm(ServiceModelForm):
    class Meta:
        model = Citation
        fields = list(CITATION_EDITABLE_FIELDS)


@admin.register(Citation)
class CitationAdmin(ServiceAdmin):
    list_display = ["id", "claim", "source", "stance", "quote_found", "snapshot", "created_at"]
    list_filter = ["stance", "quote_status"]
    list_select_related = ["claim", "source", "snapshot__source"]
    search_fields = ["quote", "note", "source__normalized_url", "claim__text"]
    autocomplete_fields = ["claim"]
    READ_ONLY = ["claim", "source", quote_check, "snapshot", "created_by", "created_at"]

    def get_form(self, request, obj=None, change=False, **kwargs):
        kwargs["form"] = CitationForm if obj is None else CitationChangeForm
        return super().get_form(request, obj, change=change, **kwargs)

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["claim", "url", "stance", "quote", "note"]
        return ["claim", "source", "stance", "quote", quote_check, "note", "snapshot", "created_by", "created_at"]

    def get_readonly_fields(self, request, obj=None):
        return [] if obj is None else self.READ_ONLY

    def has_change_permission(self, request, obj=None):
        # Stance, passage and note, while the claim is researched (the service refuses them, with
        # its reason, while a verdict on the claim is under review). See claims.policy.
        editable = obj is None or citation_policy(request.user, obj).allows("edit")
        return editable and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        # Withdrawn one at a time, through the service (no bulk action exists). While a review
        # freezes the claim the button stays and the service's refusal says why.
        if obj is None:
            return admin.ModelAdmin.has_delete_permission(self, request, obj)
        reason = citation_policy(request.user, obj).refusal("remove")
        return reason is None or isinstance(reason, Frozen)

    def delete_view(self, request, object_id, extra_context=None):
        try:
            return super().delete_view(request, object_id, extra_context)
        except DomainError as exc:
            self.message_user(request, exc.message, messages.ERROR)
            return HttpResponseRedirect(reverse(f"{self.admin_site.name}:claims_citation_change", args=[object_id]))

    def delete_model(self, request, obj):
        citation_delete(citation_id=obj.pk, actor=request.user)

    @admin.display(description=_("Quote in the capture"), boolean=True, ordering="quote_status")
    def quote_found(self, citation):
        return {"found": True, "not_found": False}.get(citation.quote_status)

    def save_via_service(self, request, form):
        data = form.cleaned_data
        if form.instance.pk is not None:
            return citation_update(citation_id=form.instance.pk, actor=request.user, **form.changes())
        return citation_create(
            actor=request.user,
            claim_id=data["claim"].pk,
            url=data["url"],
            stance=data["stance"],
            quote=data.get("quote", ""),
            note=data.get("note", ""),
        )


@admin.register(ChecklistStep)
class ChecklistStepAdmin(ServiceAdmin):
    """The verification checklist's steps: editors add and change them; a step no longer
    wanted is made inactive (claims keep their ticks)."""

    list_display = ["label", "order", "active", "required_for_submit"]
    list_filter = ["active", "required_for_submit"]
    fields = list(STEP_FIELDS)

    def save_via_service(self, request, form):
        if form.instance.pk is None:
            return checklist_step_create(actor=request.user, **{k: form.cleaned_data[k] for k in STEP_FIELDS})
        return checklist_step_update(actor=request.user, step_id=form.instance.pk, **form.changes())
