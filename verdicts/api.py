"""The public read API: published verdicts as JSON and as schema.org ClaimReview."""

from datetime import UTC, datetime

from django.http import Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from factcheck.api import (
    PAGE_PARAMETERS,
    ConditionalGetMixin,
    PublishedCursorPagination,
    cursor_page,
    cursor_page_json,
)
from factcheck.audit_heads import audit_head_latest
from verdicts import claimreview
from verdicts.public_json import verdicts_published_json
from verdicts.public_site.publisher import publisher_current
from verdicts.ratings import BEST_RATING, RATING_VALUES, WORST_RATING, Rating
from verdicts.selectors import (
    PublishedVerdictFilter,
    correction_log,
    first_published,
    public_page_key,
    public_verdict,
    verdict_public,
    verdicts_published,
    with_public_versions,
)
from verdicts.verification import verdict_verification_record


class PublicClaimantOutput(serializers.Serializer):
    name = serializers.CharField()
    kind = serializers.CharField()


class PublicClaimOutput(serializers.Serializer):
    id = serializers.IntegerField()
    text = serializers.CharField()
    claimant = PublicClaimantOutput(allow_null=True)
    said_on = serializers.CharField(allow_null=True, help_text="ISO date, year-month or year, as precise as known.")
    medium = serializers.CharField()
    language = serializers.CharField()
    tags = serializers.ListField(child=serializers.CharField())


class RatingOutput(serializers.Serializer):
    slug = serializers.CharField()
    label = serializers.CharField()
    value = serializers.IntegerField()
    best = serializers.IntegerField()
    worst = serializers.IntegerField()


class CorrectionOutput(serializers.Serializer):
    version = serializers.IntegerField()
    date = serializers.DateTimeField()
    note = serializers.CharField()


class CitedSourceOutput(serializers.Serializer):
    url = serializers.CharField()
    stance = serializers.CharField()
    captured_at = serializers.DateTimeField()
    sha256 = serializers.CharField()
    capture = serializers.URLField(help_text="The archived capture relied upon.")


class TranslationOutput(serializers.Serializer):
    language = serializers.CharField(help_text="A language of the readers' site (BCP 47).")
    headline = serializers.CharField()
    summary = serializers.CharField()
    explanation = serializers.CharField(help_text="Markdown.")
    correction_note = serializers.CharField(
        help_text="What this version corrected, in this language; empty when it corrects nothing."
    )
    url = serializers.URLField(help_text="The verdict's public page in this language.")
    published_at = serializers.DateTimeField()


class VerdictOutput(serializers.Serializer):
    """The shape of a published verdict: built by `verdict_json` one at a time, and for the list's
    pages by the database (verdicts.public_json), to the same bytes."""

    id = serializers.IntegerField()
    url = serializers.URLField(help_text="The verdict's public page.")
    claim = PublicClaimOutput()
    rating = RatingOutput()
    language = serializers.CharField(help_text="The language the verdict is written in (BCP 47).")
    headline = serializers.CharField()
    summary = serializers.CharField()
    explanation = serializers.CharField()
    translations = TranslationOutput(
        many=True, help_text="Its published translations, reviewed like the verdict; the rating is the verdict's."
    )
    version = serializers.IntegerField()
    published = serializers.DateTimeField(help_text="When the claim's first verdict was published.")
    modified = serializers.DateTimeField(help_text="When this version was published.")
    corrections = CorrectionOutput(many=True)
    sources = CitedSourceOutput(many=True)

    def to_representation(self, verdict):
        return verdict_json(verdict)


def _iso(value) -> str | None:
    return value.astimezone(UTC).isoformat().replace("+00:00", "Z") if value else None


def verdict_json(verdict) -> dict:
    """The public JSON of a PublicVerdict: its claim is the copy pinned at publication."""
    claim, claimant = verdict.claim, verdict.claim.claimant
    return {
        "id": verdict.pk,
        "url": claimreview.public_url(verdict),
        "claim": {
            "id": claim.pk,
            "text": claim.text,
            "claimant": {"name": claimant.name, "kind": claimant.kind} if claimant else None,
            "said_on": claimreview._partial_date(claim),
            "medium": claim.medium,
            "language": claim.language,
            "tags": claim.tags,
        },
        "rating": {
            "slug": verdict.rating,
            "label": str(Rating(verdict.rating).label),
            "value": RATING_VALUES[verdict.rating],
            "best": BEST_RATING,
            "worst": WORST_RATING,
        },
        "language": verdict.language,
        "headline": verdict.headline,
        "summary": verdict.summary,
        "explanation": verdict.explanation,
        "translations": [
            {
                "language": t.language,
                "headline": t.headline,
                "summary": t.summary,
                "explanation": t.explanation,
                "correction_note": t.correction_note,
                "url": claimreview.public_url_in(verdict, t.language),
                "published_at": _iso(t.published_at),
            }
            for t in verdict.translations
        ],
        "version": verdict.number,
        "published": _iso(first_published(verdict)),
        "modified": _iso(verdict.published_at),
        "corrections": [
            {"version": c["version"], "date": _iso(c["date"]), "note": c["note"]} for c in correction_log(verdict)
        ],
        "sources": [
            {
                "url": item["url"],
                "stance": item["stance"],
                "captured_at": item["captured_at"].replace("+00:00", "Z"),
                "sha256": item["sha256"],
                "capture": claimreview.capture_url(item["snapshot"]),
            }
            for item in verdict.pinned_evidence
        ],
    }


class PublicApi(ConditionalGetMixin, APIView):
    permission_classes = [AllowAny]

    def published_page(self, request):
        """The paginator and one cursor page of published verdicts, filtered as asked."""
        paginator = PublishedCursorPagination()
        verdicts = verdicts_published(params=request.query_params)
        rows = paginator.paginate_queryset(verdicts, request, view=self)
        page = with_public_versions([public_verdict(row) for row in rows])
        # A published version never changes (a correction is a new version), so the newest one
        # dates the page; the ETag covers everything else (a renamed claimant, say).
        self.last_modified = max((v.published_at for v in page), default=None)
        return paginator, page

    def get(self, request):
        """A page of the list, the same for every client: kept in the shared cache."""
        return self.shared_page(lambda: public_page_key(request.build_absolute_uri()), lambda: self.build(request))


FILTER_PARAMETERS = [
    OpenApiParameter("rating", str, many=True, enum=Rating.values),
    OpenApiParameter("claimant", str, description="Claimant name or alias"),
    OpenApiParameter("tag", str),
    OpenApiParameter("language", str),
    OpenApiParameter("published_after", OpenApiTypes.DATETIME),
    OpenApiParameter("published_before", OpenApiTypes.DATETIME),
    OpenApiParameter("modified_since", OpenApiTypes.DATETIME),
    OpenApiParameter("q", str, description="Full-text search"),
    *PAGE_PARAMETERS,
]


@extend_schema_view(
    get=extend_schema(
        operation_id="verdicts_list", parameters=FILTER_PARAMETERS, responses=cursor_page(VerdictOutput, "VerdictPage")
    )
)
class VerdictListApi(PublicApi):
    """Published verdicts, newest first, filtered and paged by cursor."""

    filterset_class = PublishedVerdictFilter

    def build(self, request):
        # The database writes each verdict's JSON (verdicts.public_json): the same as verdict_json's.
        paginator = PublishedCursorPagination()
        rows = paginator.paginate_queryset(verdicts_published_json(params=request.query_params), request, view=self)
        self.last_modified = max((row["published_at"] for row in rows), default=None)
        return cursor_page_json(paginator, [row["json"] for row in rows])


class VerdictDetailApi(PublicApi):
    @extend_schema(responses=VerdictOutput)
    def get(self, request, verdict_id: int):
        verdict = _published_or_404(verdict_id)
        self.last_modified = verdict.published_at
        return Response(verdict_json(verdict))


class ClaimReviewApi(PublicApi):
    """The verdict as schema.org ClaimReview (JSON-LD)."""

    @extend_schema(responses={200: OpenApiTypes.OBJECT})
    def get(self, request, verdict_id: int):
        verdict = _published_or_404(verdict_id)
        self.last_modified = verdict.published_at
        return Response(claimreview.claim_review(verdict, first_published=first_published(verdict)))


@extend_schema_view(get=extend_schema(parameters=FILTER_PARAMETERS, responses={200: OpenApiTypes.OBJECT}))
class ClaimReviewFeedApi(PublicApi):
    """Every published verdict as ClaimReview, in a schema.org DataFeed, paged by cursor."""

    def build(self, request):
        paginator, page = self.published_page(request)
        publisher = publisher_current()
        elements = [claimreview.claim_review(v, first_published=first_published(v), publisher=publisher) for v in page]
        head = audit_head_latest()
        return Response(
            {
                "@context": "https://schema.org",
                "@type": "DataFeed",
                "dataFeedElement": elements,
                "next": paginator.get_next_link(),
                "previous": paginator.get_previous_link(),
                # The audit chain's head as last recorded (as GET /api/v1/audit/head/ gives it).
                "auditHead": head.as_json() if head else None,
            }
        )


class VerificationRecordApi(PublicApi):
    """What anyone needs to verify a published (or superseded) verdict: the copy pinned at
    publication, each pinned capture with its SHA-256 and download links, and the audit chain from
    its submission to its publication and the head recorded after it (other work's events by their
    number and hashes only), with the captures' receipts. `scripts/verify_record.py` checks it."""

    @extend_schema(operation_id="verdict_verification", responses={200: OpenApiTypes.OBJECT})
    def get(self, request, verdict_id: int):
        return self.shared_page(lambda: public_page_key(request.build_absolute_uri()), lambda: self.build(verdict_id))

    def build(self, verdict_id: int):
        record = verdict_verification_record(verdict_id=verdict_id)
        if record is None:
            raise Http404
        self.last_modified = datetime.fromisoformat(record["published_copy"]["published_at"])
        return Response(record)


def _published_or_404(verdict_id: int):
    verdict = verdict_public(verdict_id=verdict_id)
    if verdict is None or verdict.status != "published":
        raise Http404
    return verdict
