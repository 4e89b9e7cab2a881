"""The staff API for verdicts in every state, with the review workflow's actions."""

from django.http import FileResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from factcheck.api import PAGE_PARAMETERS, cursor_page, staff_page
from factcheck.apikeys import StaffRead
from factcheck.guards import require_permission
from sources.passages import FATES
from verdicts.casefile import CONTENT_TYPES as CASEFILE_CONTENT_TYPES
from verdicts.casefile import FORMATS as CASEFILE_FORMATS
from verdicts.casefile import PERMISSION as CASEFILE_PERMISSION
from verdicts.casefile import casefile_filename, casefile_scope, casefile_to_tempfile
from verdicts.models import Verdict
from verdicts.ratings import Rating
from verdicts.selectors import verdicts_for_staff
from verdicts.services import verdict_create, verdict_transition, verdict_update
from verdicts.workflow import VERDICT_WORKFLOW


class EvidenceChangeOutput(serializers.Serializer):
    citation = serializers.IntegerField()
    source = serializers.IntegerField()
    url = serializers.CharField()
    kind = serializers.CharField(help_text="“changed” (its text changed) or “gone” (404, 410 or its host is gone).")
    fate = serializers.ChoiceField(choices=list(FATES), help_text="What became of the quoted passage.")
    pinned_snapshot = serializers.IntegerField(allow_null=True, help_text="The capture pinned at publication.")
    snapshot = serializers.IntegerField(help_text="The re-check that found the change.")
    pinned_at = serializers.ListField(
        child=serializers.IntegerField(), allow_null=True, help_text="[start, end] of the passage in the pinned text."
    )
    new_at = serializers.ListField(
        child=serializers.IntegerField(),
        allow_null=True,
        help_text="[start, end] of the passage (intact) or of what it became (changed) in the new text.",
    )
    flagged_at = serializers.DateTimeField()


class StaffVerdictOutput(serializers.ModelSerializer):
    author = serializers.SerializerMethodField()
    approver = serializers.SerializerMethodField()
    number = serializers.IntegerField(help_text="Which version of the claim's verdict this is (v1, v2 …).")
    revision = serializers.IntegerField(
        source="lock_version", help_text="This verdict's revision: send it back as expected_version."
    )
    actions = serializers.SerializerMethodField(help_text="The workflow actions you may take now.")
    evidence_changes = EvidenceChangeOutput(
        many=True, read_only=True, help_text="Per changed citation of a flagged published verdict: what became of it."
    )

    class Meta:
        model = Verdict
        fields = [
            "id", "claim", "number", "status", "rating", "language", "headline", "summary", "explanation",
            "correction_note", "author", "approver", "approved_at", "published_at", "supersedes", "evidence_changed_at",
            "evidence_change", "evidence_changes", "review_digest", "approved_digest", "revision", "created_at",
            "updated_at", "actions",
        ]  # fmt: skip

    def get_author(self, verdict) -> str:
        return verdict.author.get_username()

    def get_approver(self, verdict) -> str | None:
        return verdict.approver.get_username() if verdict.approver_id else None

    def get_actions(self, verdict) -> list[str]:
        return [t.action for t in VERDICT_WORKFLOW.available(verdict, self.context["request"].user)]


class ContentInput(serializers.Serializer):
    rating = serializers.ChoiceField(choices=Rating.choices, required=False, allow_blank=True)
    language = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=35,
        help_text="The language the verdict is written in (BCP 47); by default its claim's, if the readers' site "
        "is published in it.",
    )
    headline = serializers.CharField(required=False, allow_blank=True, max_length=300)
    summary = serializers.CharField(required=False, allow_blank=True, max_length=20_000)
    explanation = serializers.CharField(required=False, allow_blank=True, max_length=200_000)


class CreateInput(ContentInput):
    claim = serializers.IntegerField()


class UpdateInput(ContentInput):
    correction_note = serializers.CharField(required=False, allow_blank=True, max_length=20_000)
    expected_version = serializers.IntegerField(help_text="The verdict's revision as you read it.")


class ActionInput(serializers.Serializer):
    expected_version = serializers.IntegerField(help_text="The verdict's revision as you read it.")
    comment = serializers.CharField(required=False, allow_blank=True, max_length=10_000, default="")


def _respond(request, verdict, code=status.HTTP_200_OK):
    verdict = verdicts_for_staff().get(pk=verdict.pk)
    return Response(StaffVerdictOutput(verdict, context={"request": request}).data, status=code)


def _valid(serializer_class, request):
    data = serializer_class(data=request.data)
    data.is_valid(raise_exception=True)
    return dict(data.validated_data)


class StaffVerdictListApi(APIView):
    permission_classes = [StaffRead]

    @extend_schema(
        operation_id="staff_verdicts_list",
        parameters=PAGE_PARAMETERS,
        responses=cursor_page(StaffVerdictOutput, "StaffVerdictPage"),
    )
    def get(self, request):
        require_permission(request.user, "verdicts.view_verdict", "see verdicts")
        return staff_page(self, request, verdicts_for_staff(params=request.query_params), StaffVerdictOutput)

    @extend_schema(request=CreateInput, responses={201: StaffVerdictOutput})
    def post(self, request):
        content = _valid(CreateInput, request)
        verdict = verdict_create(actor=request.user, claim_id=content.pop("claim"), **content)
        return _respond(request, verdict, status.HTTP_201_CREATED)


class StaffVerdictDetailApi(APIView):
    permission_classes = [StaffRead]

    @extend_schema(responses=StaffVerdictOutput)
    def get(self, request, verdict_id: int):
        require_permission(request.user, "verdicts.view_verdict", "see verdicts")
        return _respond(request, verdicts_for_staff().get(pk=verdict_id))

    @extend_schema(request=UpdateInput, responses=StaffVerdictOutput)
    def patch(self, request, verdict_id: int):
        content = _valid(UpdateInput, request)
        expected = content.pop("expected_version")
        verdict = verdict_update(verdict_id=verdict_id, actor=request.user, expected_version=expected, **content)
        return _respond(request, verdict)


class StaffVerdictActionApi(APIView):
    """Take a review action: submit, withdraw, request_changes, revise, approve, publish, open_correction.
    open_correction answers with the new draft version."""

    permission_classes = [StaffRead]

    @extend_schema(request=ActionInput, responses=StaffVerdictOutput)
    def post(self, request, verdict_id: int, action: str):
        values = _valid(ActionInput, request)
        verdict = verdict_transition(
            verdict_id=verdict_id,
            action=action,
            actor=request.user,
            expected_version=values["expected_version"],
            comment=values["comment"],
        )
        return _respond(request, verdict)


class CasefileApiMixin:
    """Case files as files: `format` chooses zip, json or csv (it is not a renderer here)."""

    permission_classes = [StaffRead]

    def perform_content_negotiation(self, request, force=False):
        return JSONRenderer(), "application/json"  # errors are JSON; a case file is a file

    def casefile(self, request, scope_args: dict):
        fmt = request.query_params.get("format", "zip")
        require_permission(request.user, CASEFILE_PERMISSION, "export case files")
        scope = casefile_scope(**scope_args)
        handle, _ = casefile_to_tempfile(actor=request.user, scope=scope, fmt=fmt)
        return FileResponse(
            handle,
            as_attachment=True,
            filename=casefile_filename(scope, fmt),
            content_type=CASEFILE_CONTENT_TYPES[fmt],
        )


CASEFILE_FORMAT = OpenApiParameter("format", str, enum=list(CASEFILE_FORMATS), description="zip (default), json or csv")
CASEFILE_RESPONSES = {(200, "application/zip"): OpenApiTypes.BINARY, (200, "application/json"): OpenApiTypes.OBJECT,
                      (200, "text/csv"): OpenApiTypes.STR}  # fmt: skip


class StaffVerdictCasefileApi(CasefileApiMixin, APIView):
    """The case file of one published verdict (editors; audited)."""

    @extend_schema(operation_id="staff_verdict_casefile", parameters=[CASEFILE_FORMAT], responses=CASEFILE_RESPONSES)
    def get(self, request, verdict_id: int):
        return self.casefile(request, {"verdict_ids": [verdict_id]})


class StaffCasefileRangeApi(CasefileApiMixin, APIView):
    """The case file of every verdict published from one day to another, both included (UTC)."""

    @extend_schema(
        operation_id="staff_casefile_range",
        parameters=[
            OpenApiParameter("published_from", OpenApiTypes.DATE, required=True),
            OpenApiParameter("published_to", OpenApiTypes.DATE, required=True),
            CASEFILE_FORMAT,
        ],
        responses=CASEFILE_RESPONSES,
    )
    def get(self, request):
        params = request.query_params
        return self.casefile(
            request, {"published_from": params.get("published_from"), "published_to": params.get("published_to")}
        )
