"""The staff API's lookups for the newsroom's intake: "already checked?" for a claim or a text,
claims proposed from an article (at once or by a worker), and search across everything."""

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_view
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from claims.intake import article_from_source, article_upload_text, extraction_job_for
from claims.models import Claim, ExtractionJob
from factcheck.apikeys import StaffRead
from factcheck.errors import InvalidInput
from factcheck.guards import require_permission
from verdicts.claimreview import public_url
from verdicts.intake import article_propose
from verdicts.search import KINDS, search_everything
from verdicts.selectors import already_checked


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
