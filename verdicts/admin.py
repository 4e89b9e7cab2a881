from django import forms
from django.contrib import admin, messages
from django.http import FileResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.html import format_html_join
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from claims.models import Citation
from factcheck.admin_tools import ServiceAdmin, ServiceModelForm, WorkflowAdmin
from factcheck.errors import DomainError
from sources.passages import FATES
from verdicts.casefile import CONTENT_TYPES, CasefileNotFound, casefile_filename, casefile_scope, casefile_to_tempfile
from verdicts.casefile import PERMISSION as CASEFILE_PERMISSION
from verdicts.models import Publisher, Verdict, VerdictTranslation, WebhookDelivery, WebhookSubscription
from verdicts.policy import verdict_policy
from verdicts.public_site.publisher import CHANGE_PERMISSION as PUBLISHER_CHANGE
from verdicts.public_site.publisher import PUBLISHER_FIELDS, publisher_save
from verdicts.services import verdict_create, verdict_transition, verdict_update
from verdicts.translations.services import translation_transition
from verdicts.translations.workflow import TRANSLATION_WORKFLOW
from verdicts.webhooks import webhook_subscribe
from verdicts.workflow import VERDICT_WORKFLOW

VERDICT_CONTENT = ["rating", "language", "headline", "summary", "explanation", "correction_note"]
VERDICT_STATE = [
    "evidence_change",
    "evidence_changes_found",
    "evidence_changed_at",
    "number",
    "status",
    "author",
    "approver",
    "approved_at",
    "published_by",
    "published_at",
    "supersedes",
    "review_digest",
    "approved_digest",
    "evidence",
    "lock_version",
    "created_at",
    "updated_at",
]


def _lines(sentences) -> str:
    """Each sentence on a line of its own, escaped; a dash when there are none."""
    return format_html_join("\n", "<div>{}</div>", ((sentence,) for sentence in sentences)) or "—"


@admin.register(Verdict)
class VerdictAdmin(WorkflowAdmin):
    workflow = VERDICT_WORKFLOW
    list_display = ["id", "claim", "number", "rating", "status", "author", "approver", "published_at", "evidence_flag"]
    list_filter = ["status", "rating", ("evidence_changed_at", admin.EmptyFieldListFilter)]
    list_select_related = ["claim", "author", "approver"]
    search_fields = ["headline", "summary", "claim__text"]
    autocomplete_fields = ["claim"]
    list_per_page = 50
    actions = ["export_casefile"]

    @admin.action(description=_("Export the case file of the selected published verdicts (ZIP)"))
    def export_casefile(self, request, queryset):
        if not request.user.has_perm(CASEFILE_PERMISSION):
            self.message_user(request, gettext("Your role does not include exporting case files."), messages.ERROR)
            return None
        try:
            scope = casefile_scope(verdict_ids=list(queryset.order_by("pk").values_list("pk", flat=True)))
            handle, _ = casefile_to_tempfile(actor=request.user, scope=scope, fmt="zip")
        except (DomainError, CasefileNotFound) as error:
            self.message_user(request, getattr(error, "message", None) or str(error), messages.ERROR)
            return None
        return FileResponse(
            handle, as_attachment=True, filename=casefile_filename(scope, "zip"), content_type=CONTENT_TYPES["zip"]
        )

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["claim", "rating", "language", "headline", "summary", "explanation"]
        return ["claim", *VERDICT_CONTENT, *VERDICT_STATE]

    def get_readonly_fields(self, request, obj=None):
        return [] if obj is None else ["claim", *VERDICT_STATE]

    def has_change_permission(self, request, obj=None):
        # Only the author edits, and only a draft; everyone else reads (verdicts.policy).
        editable = obj is None or verdict_policy(request.user, obj).allows("edit")
        return editable and super().has_change_permission(request, obj)

    @admin.display(description=_("Evidence changed"), boolean=True)
    def evidence_flag(self, obj):
        return obj.evidence_changed_at is not None if obj.status == Verdict.Status.PUBLISHED else None

    @admin.display(description=_("What became of the quoted passages"))
    def evidence_changes_found(self, obj):
        said = gettext("%(url)s: %(fate)s (pinned capture #%(pinned)s, re-check #%(recheck)s)")
        return _lines(
            said % {"url": c["url"], "fate": FATES[c["fate"]], "pinned": c["pinned_snapshot"], "recheck": c["snapshot"]}
            for c in obj.evidence_changes
        )

    @admin.display(description=_("Evidence pinned at publication"))
    def evidence(self, obj):
        said = gettext("%(stance)s · %(url)s · capture #%(number)s · SHA-256 %(sha256)s")
        stances = dict(Citation.Stance.choices)
        return _lines(
            said % {"stance": stances.get(e["stance"], e["stance"]), "url": e["url"], "number": e["snapshot"],
                    "sha256": e["sha256"]}
            for e in obj.pinned_evidence
        )  # fmt: skip

    def save_via_service(self, request, form):
        data = form.cleaned_data
        if form.instance.pk is None:
            content = {k: data[k] for k in ("rating", "language", "headline", "summary", "explanation")}
            return verdict_create(actor=request.user, claim_id=data["claim"].pk, **content)
        changes = form.changes()
        if not changes.get("language", "-"):  # left blank: the verdict keeps its language
            del changes["language"]
        return verdict_update(
            verdict_id=form.instance.pk, actor=request.user, expected_version=data.get("expected_version"), **changes
        )

    def run_transition(self, request, obj, action, data):
        return verdict_transition(
            verdict_id=obj.pk,
            action=action,
            actor=request.user,
            expected_version=data.get("expected_version"),
            comment=data.get("comment", ""),
        )


class WebhookForm(ServiceModelForm):
    # Checked by the service, through the same gate as captures, so a refusal says why.
    url = forms.CharField(
        label=_("URL"), max_length=2048, help_text=_("A public http(s) address, with no user name or password in it.")
    )

    class Meta:
        model = WebhookSubscription
        fields = ["name", "url", "events", "include_unpublished"]


class DeliveryInline(admin.TabularInline):
    model = WebhookDelivery
    fields = ["created_at", "event", "status", "attempts", "last_status_code", "last_error", "delivered_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    max_num = 0

    def get_queryset(self, request):
        return super().get_queryset(request).order_by("-id")


@admin.register(VerdictTranslation)
class VerdictTranslationAdmin(WorkflowAdmin):
    """Read only: translations are written on the newsroom's translation page; the workflow panel
    takes their review actions (verdicts.translations)."""

    workflow = TRANSLATION_WORKFLOW
    list_display = ["id", "verdict", "language", "status", "translator", "approver", "published_at"]
    list_filter = ["status", "language"]
    list_select_related = ["verdict", "translator", "approver"]
    search_fields = ["headline", "summary"]
    list_per_page = 50
    fields = [
        "verdict", "language", "status", "headline", "summary", "explanation", "correction_note", "translator",
        "approver", "approved_at", "published_by", "published_at", "based_on", "review_digest", "approved_digest",
        "lock_version",
    ]  # fmt: skip
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def run_transition(self, request, obj, action, data):
        return translation_transition(
            translation_id=obj.pk,
            action=action,
            actor=request.user,
            expected_version=data.get("expected_version"),
            comment=data.get("comment", ""),
        )


@admin.register(WebhookSubscription)
class WebhookAdmin(ServiceAdmin):
    form = WebhookForm
    list_display = ["name", "url", "include_unpublished", "active", "consecutive_failures", "disabled_at", "created_at"]
    list_filter = ["active", "include_unpublished"]
    search_fields = ["name", "url"]
    inlines = [DeliveryInline]

    def get_fields(self, request, obj=None):
        base = ["name", "url", "events"]
        if obj is not None:
            return [*base, "include_unpublished", "active", "consecutive_failures", "disabled_at", "created_by"]
        # Only those who may send unpublished research to a webhook (admins) see the choice.
        return [*base, "include_unpublished"] if request.user.has_perm("verdicts.subscribe_unpublished") else base

    def has_change_permission(self, request, obj=None):
        return obj is None and super().has_change_permission(request, obj)

    def save_via_service(self, request, form):
        data = form.cleaned_data
        subscription, secret = webhook_subscribe(
            actor=request.user,
            name=data["name"],
            url=data["url"],
            events=data["events"],
            include_unpublished=data.get("include_unpublished", False),
        )
        self.message_user(
            request, gettext("The signing secret, shown once: %(secret)s") % {"secret": secret}, messages.WARNING
        )
        return subscription


@admin.register(Publisher)
class PublisherAdmin(ServiceAdmin):
    """Who publishes, as every public page and ClaimReview name it: one row, set by editors."""

    fields = list(PUBLISHER_FIELDS)
    list_display = ["name", "url", "contact", "updated_at"]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "url":
            kwargs["assume_scheme"] = "https"
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def has_add_permission(self, request):
        return request.user.has_perm(PUBLISHER_CHANGE) and not Publisher.objects.exists()

    def changelist_view(self, request, extra_context=None):
        # One publisher: its list is its form.
        publisher = Publisher.objects.only("pk").first()
        if publisher is not None and self.has_view_or_change_permission(request, publisher):
            return redirect(reverse("admin:verdicts_publisher_change", args=[publisher.pk]))
        return super().changelist_view(request, extra_context)

    def save_via_service(self, request, form):
        data = form.changes() if form.instance.pk else {k: form.cleaned_data[k] for k in PUBLISHER_FIELDS}
        return publisher_save(actor=request.user, **data)
