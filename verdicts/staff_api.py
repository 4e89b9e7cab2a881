"""The staff API for verdicts in every state, with the review workflow's actions."""

from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field, extend_schema_view
from rest_framework import serializers, status
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from claims.intake import article_from_source, article_upload_text, extraction_job_for
from claims.models import Claim, ExtractionJob
from factcheck.api import PAGE_PARAMETERS, cursor_page, staff_page
from factcheck.apikeys import StaffRead
from factcheck.errors import InvalidInput
from factcheck.guards import require_permission
from sources.passages import FATES
from verdicts.casefile import CONTENT_TYPES as CASEFILE_CONTENT_TYPES
from verdicts.casefile import FORMATS as CASEFILE_FORMATS
from verdicts.casefile import PERMISSION as CASEFILE_PERMISSION
from verdicts.casefile import casefile_filename, casefile_scope, casefile_to_tempfile
from verdicts.claimreview import public_url
from verdicts.intake import article_propose
from verdicts.models import Verdict
from verdicts.ratings import Rating
from verdicts.search import KINDS, search_everything
from verdicts.selectors import already_checked, verdicts_for_staff
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


class SimilarVerdictOutput(serializers.Serializer):
    id = serializers.IntegerField()
    rating = serializers.CharField()
    rating_label = serializers.CharField(source="get_rating_display")
    headline = serializers.CharField()
    url = serializers.SerializerMethodField(help_text="The verdict's public page.")

    def get_url(self, verdict) -> str:
        return public_url(verdict)


class SimilarClaimOutput(serializers.Serializer):
    id = serializers.IntegerField(source="claim.pk")
    text = serializers.CharField(source="claim.text")
    claimant = serializers.CharField(source="claim.claimant.name", default=None, allow_null=True)
    status = serializers.CharField(source="claim.status")
    duplicate_of = serializers.IntegerField(source="claim.duplicate_of_id", allow_null=True)
    score = serializers.FloatField(help_text="0 to 1: words in common and trigram similarity.")
    verdict = SimilarVerdictOutput(allow_null=True, help_text="The published verdict that answers it, if any.")


class SimilarInput(serializers.Serializer):
    text = serializers.CharField(max_length=2000, help_text="The claim to look for.")
    limit = serializers.IntegerField(min_value=1, max_value=20, default=5)


class AlreadyCheckedApi(APIView):
    """Claims (and their published verdicts) that say the same as a text: ask before creating one."""

    permission_classes = [StaffRead]

    @extend_schema(operation_id="claims_similar", parameters=[SimilarInput], responses=SimilarClaimOutput(many=True))
    def get(self, request, claim_id: int | None = None):
        require_permission(request.user, "claims.view_claim", "see claims")
        data = dict(request.query_params.items())
        if claim_id is not None:
            data["text"] = get_object_or_404(Claim, pk=claim_id).text
        params = SimilarInput(data=data)
        params.is_valid(raise_exception=True)
        found = already_checked(exclude_claim_id=claim_id, **params.validated_data)
        return Response(SimilarClaimOutput(found, many=True).data)


@extend_schema_view(
    get=extend_schema(operation_id="claim_similar", description="Claims that say the same as this one.")
)
class ClaimSimilarApi(AlreadyCheckedApi):
    pass


class ArticleInput(serializers.Serializer):
    text = serializers.CharField(
        required=False, allow_blank=True, trim_whitespace=False, help_text="At most INTAKE_MAX_CHARACTERS (200,000)."
    )
    file = serializers.FileField(
        required=False, help_text="A plain-text file (UTF-8), at most INTAKE_MAX_UPLOAD_BYTES (1,000,000)."
    )
    source = serializers.IntegerField(required=False, help_text="A captured Source: its latest text.")
    published = serializers.DateField(required=False, allow_null=True, help_text="Default: the dateline's date.")
    outlet = serializers.CharField(required=False, allow_blank=True, max_length=200, default="")

    def validate(self, values):
        given = [name for name in ("text", "file", "source") if values.get(name) not in (None, "")]
        if len(given) != 1:
            raise serializers.ValidationError("Give the article once: as text, as a file or as a captured source.")
        upload = values.get("file")
        if upload is not None:
            try:
                values["text"] = article_upload_text(upload)
            except InvalidInput as error:
                raise serializers.ValidationError({"file": str(error)}) from None
        return values


class SimilarVerdictData(serializers.Serializer):
    id = serializers.IntegerField()
    rating = serializers.CharField()
    rating_label = serializers.CharField()
    headline = serializers.CharField()
    url = serializers.CharField(help_text="The verdict's public page.")


class SimilarClaimData(serializers.Serializer):
    id = serializers.IntegerField()
    text = serializers.CharField()
    claimant = serializers.CharField(allow_null=True)
    status = serializers.CharField()
    duplicate_of = serializers.IntegerField(allow_null=True)
    score = serializers.FloatField(help_text="0 to 1: words in common and trigram similarity.")
    verdict = SimilarVerdictData(allow_null=True, help_text="The published verdict that answers it, if any.")


class ProposalOutput(serializers.Serializer):
    text = serializers.CharField()
    claimant = serializers.CharField(allow_null=True)
    claimant_id = serializers.IntegerField(allow_null=True, help_text="The known claimant, if matched.")
    said_on = serializers.CharField(allow_null=True, help_text="YYYY-MM-DD, YYYY-MM or YYYY.")
    medium = serializers.CharField(allow_null=True)
    cited_source = serializers.CharField(allow_null=True)
    sentence = serializers.CharField()
    score = serializers.FloatField(help_text="Check-worthiness, 0 to 1.")
    similar = SimilarClaimData(many=True, help_text="Claims already in, that say the same.")


class ArticleProposalsOutput(serializers.Serializer):
    source = serializers.IntegerField(allow_null=True)
    published = serializers.DateField(allow_null=True)
    outlet = serializers.CharField()
    proposals = ProposalOutput(many=True)


class ExtractionJobOutput(serializers.Serializer):
    id = serializers.UUIDField()
    status = serializers.ChoiceField(choices=ExtractionJob.Status.choices)
    url = serializers.SerializerMethodField(help_text="Poll it until the status is done or failed.")
    created_at = serializers.DateTimeField()
    started_at = serializers.DateTimeField(allow_null=True)
    finished_at = serializers.DateTimeField(allow_null=True)
    error = serializers.CharField(help_text="Why it failed (empty otherwise).")
    result = serializers.SerializerMethodField()

    def get_url(self, job) -> str:
        return self.context["request"].build_absolute_uri(reverse("intake-job", args=[job.pk]))

    @extend_schema_field(ArticleProposalsOutput(allow_null=True))
    def get_result(self, job):
        if job.status != ExtractionJob.Status.DONE:
            return None
        body = {"source": job.source_id, "published": job.published, "outlet": job.outlet, "proposals": job.proposals}
        return ArticleProposalsOutput(body).data


class ArticleProposalsApi(APIView):
    """Propose the check-worthy claims in an article, each with the claims already in that say
    the same. Nothing is stored: POST the ones to keep to /api/v1/intake/claims/. An article
    longer than INTAKE_SYNC_CHARACTERS (10,000) is read by a worker: the answer is 202 with the
    extraction's `url`, to poll until its `result` is there."""

    permission_classes = [StaffRead]

    @extend_schema(
        operation_id="intake_propose",
        request=ArticleInput,
        responses={200: ArticleProposalsOutput, 202: ExtractionJobOutput},
    )
    def post(self, request):
        require_permission(request.user, "claims.add_claim", "add claims")
        data = ArticleInput(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        text, published, outlet, source = values.get("text"), values.get("published"), values["outlet"], None
        if values.get("source") is not None:
            source, text, page_date, site = article_from_source(source_id=values["source"])
            published, outlet = published or page_date, outlet or site
        found = article_propose(actor=request.user, text=text, published=published, outlet=outlet, source=source)
        if isinstance(found, ExtractionJob):
            body = ExtractionJobOutput(found, context={"request": request}).data
            return Response(body, status=status.HTTP_202_ACCEPTED, headers={"Location": body["url"]})
        body = {
            "source": source.pk if source else None,
            "published": found.published,
            "outlet": outlet,
            "proposals": found.proposals,
        }
        return Response(ArticleProposalsOutput(body).data)


class ExtractionJobApi(APIView):
    """A long article's extraction: queued, running, done (with its `result`) or failed (with its
    `error`). Only the person who asked for it sees it."""

    permission_classes = [StaffRead]

    @extend_schema(operation_id="intake_job", responses=ExtractionJobOutput)
    def get(self, request, job_id):
        require_permission(request.user, "claims.add_claim", "add claims")
        job = extraction_job_for(actor=request.user, job_id=job_id)
        if job is None:
            raise Http404("There is no such extraction of yours.")
        return Response(ExtractionJobOutput(job, context={"request": request}).data)


class SearchInput(serializers.Serializer):
    q = serializers.CharField(max_length=500, help_text='Web search syntax: words, "a phrase", -without, or.')
    type = serializers.MultipleChoiceField(choices=KINDS, required=False, help_text="Only these kinds (repeatable).")
    limit = serializers.IntegerField(min_value=1, max_value=50, default=20)


class SearchHitOutput(serializers.Serializer):
    type = serializers.CharField(source="kind", help_text="claim, verdict or capture")
    id = serializers.IntegerField()
    title = serializers.CharField()
    rank = serializers.FloatField()
    snippet = serializers.CharField(help_text="Plain text around the matches.")
    snippet_html = serializers.CharField(help_text="The same, HTML-escaped, with the matches in <mark>.")
    claim = serializers.IntegerField(source="claim_id", allow_null=True)
    source = serializers.IntegerField(source="source_id", allow_null=True)
    url = serializers.CharField(help_text="The cited page, for a capture.")


class SearchApi(APIView):
    """Search claims, verdicts in every state and the captured text of cited sources, best first."""

    permission_classes = [StaffRead]

    @extend_schema(operation_id="search", parameters=[SearchInput], responses=SearchHitOutput(many=True))
    def get(self, request):
        require_permission(request.user, "claims.view_claim", "see claims")
        params = SearchInput(data=request.query_params)
        params.is_valid(raise_exception=True)
        values = params.validated_data
        hits = search_everything(
            q=values["q"],
            kinds=values.get("type") or KINDS,
            limit=values["limit"],
            may_see_captures=request.user.has_perm("sources.view_snapshot"),
        )
        return Response(SearchHitOutput(hits, many=True).data)


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
