"""The staff API for claims: the same services as the admin, over HTTP."""

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import parsers, serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from claims.intake import article_keep
from claims.models import Citation, Claim, Claimant
from claims.selectors import claimants_search, claims_for_staff
from claims.services import (
    EDITABLE_FIELDS,
    citation_create,
    citation_delete,
    citation_evidence_upload,
    citation_update,
    claim_create,
    claim_transition,
    claim_update,
    claimant_create,
    claimant_merge,
    claimant_update,
)
from claims.workflow import CLAIM_WORKFLOW
from factcheck.api import PAGE_PARAMETERS, cursor_page, staff_page
from factcheck.apikeys import StaffRead
from factcheck.errors import InvalidInput
from factcheck.guards import require_permission
from sources.models import Source


class ClaimOutput(serializers.ModelSerializer):
    claimant = serializers.SerializerMethodField()
    assignee = serializers.SerializerMethodField()
    revision = serializers.IntegerField(
        source="lock_version", help_text="The claim's revision: send it back as expected_version."
    )
    version = serializers.IntegerField(source="lock_version", help_text="The same as revision (kept for old clients).")
    actions = serializers.SerializerMethodField(help_text="The workflow actions you may take now.")

    class Meta:
        model = Claim
        fields = [
            "id", "text", "claimant", "said_on", "said_on_precision", "medium", "cited_source", "sentence",
            "language", "tags", "status", "assignee", "priority", "checkworthiness", "duplicate_of",
            "status_reason", "revision", "version", "created_at", "updated_at", "actions",
        ]  # fmt: skip

    def get_claimant(self, claim) -> str | None:
        return claim.claimant.name if claim.claimant_id else None

    def get_assignee(self, claim) -> str | None:
        return claim.assignee.get_username() if claim.assignee_id else None

    def get_actions(self, claim) -> list[str]:
        user = self.context["request"].user
        return [t.action for t in CLAIM_WORKFLOW.available(claim, user)]


class ClaimInput(serializers.ModelSerializer):
    class Meta:
        model = Claim
        fields = list(EDITABLE_FIELDS)
        extra_kwargs = {name: {"required": False} for name in EDITABLE_FIELDS if name != "text"}


class ClaimUpdateInput(ClaimInput):
    expected_version = serializers.IntegerField()

    class Meta(ClaimInput.Meta):
        fields = [*EDITABLE_FIELDS, "expected_version"]
        extra_kwargs = {name: {"required": False} for name in EDITABLE_FIELDS}


def _needed_by(name: str) -> str:
    return "Needed by: " + ", ".join(t.action for t in CLAIM_WORKFLOW.transitions if name in t.inputs) + "."


class TransitionInput(serializers.Serializer):
    expected_version = serializers.IntegerField(help_text="The claim's revision as you read it.")
    comment = serializers.CharField(required=False, allow_blank=True, max_length=10_000, default="")
    assignee = serializers.IntegerField(required=False, allow_null=True, default=None, help_text=_needed_by("assignee"))
    duplicate_of = serializers.IntegerField(
        required=False, allow_null=True, default=None, help_text=_needed_by("duplicate_of")
    )


class CitationInput(serializers.Serializer):
    url = serializers.CharField(max_length=2048)
    stance = serializers.ChoiceField(choices=Citation.Stance.choices, default=Citation.Stance.CONTEXT)
    quote = serializers.CharField(required=False, allow_blank=True, max_length=20_000, default="")
    note = serializers.CharField(required=False, allow_blank=True, max_length=20_000, default="")


class CitationUpdateInput(serializers.Serializer):
    stance = serializers.ChoiceField(choices=Citation.Stance.choices, required=False)
    quote = serializers.CharField(required=False, allow_blank=True, max_length=20_000)
    note = serializers.CharField(required=False, allow_blank=True, max_length=20_000)


class QuoteCheckOutput(serializers.Serializer):
    status = serializers.ChoiceField(
        source="quote_status",
        choices=Citation.QuoteStatus.choices,
        help_text="none: nothing quoted; pending: no capture yet; found; not_found: not in the captured page.",
    )
    message = serializers.CharField(source="quote_message", help_text="The result in words.")
    snapshot = serializers.IntegerField(
        source="quote_snapshot_id", allow_null=True, help_text="The capture the passage was looked for in."
    )
    start = serializers.IntegerField(
        source="quote_start", allow_null=True, help_text="Where the passage begins in that capture's text."
    )
    end = serializers.IntegerField(source="quote_end", allow_null=True, help_text="Where it ends (exclusive).")


class CitationOutput(serializers.ModelSerializer):
    source_url = serializers.CharField(source="source.normalized_url")
    quote_check = QuoteCheckOutput(source="*", read_only=True, help_text="Whether the quote is in the captured page.")

    class Meta:
        model = Citation
        fields = [
            "id", "claim", "source", "source_url", "stance", "quote", "quote_check", "note", "snapshot", "created_at",
        ]  # fmt: skip


def _claim_response(request, claim, code=status.HTTP_200_OK):
    claim = claims_for_staff().get(pk=claim.pk)
    return Response(ClaimOutput(claim, context={"request": request}).data, status=code)


class ClaimListApi(APIView):
    permission_classes = [StaffRead]

    @extend_schema(
        operation_id="claims_list", parameters=PAGE_PARAMETERS, responses=cursor_page(ClaimOutput, "ClaimPage")
    )
    def get(self, request):
        require_permission(request.user, "claims.view_claim", "see claims")
        claims = claims_for_staff(params=request.query_params, user=request.user)
        return staff_page(self, request, claims, ClaimOutput)

    @extend_schema(request=ClaimInput, responses={201: ClaimOutput})
    def post(self, request):
        data = ClaimInput(data=request.data)
        data.is_valid(raise_exception=True)
        fields = dict(data.validated_data)
        claim = claim_create(actor=request.user, text=fields.pop("text"), **fields)
        return _claim_response(request, claim, status.HTTP_201_CREATED)


class ClaimDetailApi(APIView):
    permission_classes = [StaffRead]

    @extend_schema(responses=ClaimOutput)
    def get(self, request, claim_id: int):
        require_permission(request.user, "claims.view_claim", "see claims")
        return _claim_response(request, claims_for_staff().get(pk=claim_id))

    @extend_schema(request=ClaimUpdateInput, responses=ClaimOutput)
    def patch(self, request, claim_id: int):
        data = ClaimUpdateInput(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        changes = dict(data.validated_data)
        expected = changes.pop("expected_version", None)
        claim = claim_update(claim_id=claim_id, actor=request.user, expected_version=expected, **changes)
        return _claim_response(request, claim)


class ClaimActionApi(APIView):
    """Take a workflow action (accept, pick_up, reassign, dismiss, mark_duplicate, reopen); each
    reads only the inputs its transition declares."""

    permission_classes = [StaffRead]

    @extend_schema(request=TransitionInput, responses=ClaimOutput)
    def post(self, request, claim_id: int, action: str):
        data = TransitionInput(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        inputs = {f"{name}_id": values[name] for name in CLAIM_WORKFLOW.get(action).inputs}
        claim = claim_transition(
            claim_id=claim_id,
            action=action,
            actor=request.user,
            expected_version=values["expected_version"],
            comment=values["comment"],
            **inputs,
        )
        return _claim_response(request, claim)


class ClaimCitationApi(APIView):
    permission_classes = [StaffRead]

    @extend_schema(operation_id="claim_citations_list", responses=CitationOutput(many=True))
    def get(self, request, claim_id: int):
        require_permission(request.user, "claims.view_citation", "see citations")
        citations = Citation.objects.filter(claim_id=claim_id).select_related("source").order_by("id")
        return Response(CitationOutput(citations, many=True).data)

    @extend_schema(request=CitationInput, responses={201: CitationOutput})
    def post(self, request, claim_id: int):
        data = CitationInput(data=request.data)
        data.is_valid(raise_exception=True)
        citation = citation_create(actor=request.user, claim_id=claim_id, **data.validated_data)
        return Response(CitationOutput(citation).data, status=status.HTTP_201_CREATED)


class ClaimCitationDetailApi(APIView):
    """One citation: change its stance, passage or note, or withdraw it, while the claim is
    researched. While a verdict on the claim is under review, 409 (only the note may change)."""

    permission_classes = [StaffRead]

    def _citation(self, claim_id: int, citation_id: int) -> Citation:
        return get_object_or_404(Citation.objects.select_related("source"), pk=citation_id, claim_id=claim_id)

    @extend_schema(responses=CitationOutput)
    def get(self, request, claim_id: int, citation_id: int):
        require_permission(request.user, "claims.view_citation", "see citations")
        return Response(CitationOutput(self._citation(claim_id, citation_id)).data)

    @extend_schema(request=CitationUpdateInput, responses=CitationOutput)
    def patch(self, request, claim_id: int, citation_id: int):
        data = CitationUpdateInput(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        citation = self._citation(claim_id, citation_id)
        citation = citation_update(citation_id=citation.pk, actor=request.user, **data.validated_data)
        return Response(CitationOutput(citation).data)

    @extend_schema(responses={204: None})
    def delete(self, request, claim_id: int, citation_id: int):
        citation = self._citation(claim_id, citation_id)
        citation_delete(citation_id=citation.pk, actor=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


class EvidenceUploadInput(serializers.Serializer):
    file = serializers.FileField(
        allow_empty_file=False,
        help_text="A screenshot (PNG, JPEG, WebP), a PDF, a video (MP4, WebM) or a web archive (WARC, WACZ); "
        "the kind is read from the content.",
    )
    origin = serializers.CharField(max_length=500, help_text="Where it came from (an address, a person).")
    method = serializers.CharField(max_length=500, help_text="How it was made.")
    obtained_at = serializers.DateTimeField(help_text="When it was obtained.")


class EvidenceOutput(serializers.Serializer):
    id = serializers.IntegerField()
    citation = serializers.IntegerField()
    method = serializers.CharField()
    status = serializers.CharField()
    content_type = serializers.CharField()
    size = serializers.IntegerField()
    payload_sha256 = serializers.CharField()
    screenshot_sha256 = serializers.CharField()
    uploaded_by = serializers.CharField()
    provenance_origin = serializers.CharField()
    provenance_method = serializers.CharField()
    provenance_obtained_at = serializers.DateTimeField()


class ClaimCitationEvidenceApi(APIView):
    """Upload evidence for a citation (multipart): it becomes the capture the citation relies on.
    400 if the file is refused (kind, size, damaged image), 409 while a verdict on the claim is under review."""

    permission_classes = [StaffRead]
    parser_classes = [parsers.MultiPartParser]

    @extend_schema(request={"multipart/form-data": EvidenceUploadInput}, responses={201: EvidenceOutput})
    def post(self, request, claim_id: int, citation_id: int):
        citation = get_object_or_404(Citation, pk=citation_id, claim_id=claim_id)
        data = EvidenceUploadInput(data=request.data)
        data.is_valid(raise_exception=True)
        snapshot = citation_evidence_upload(citation_id=citation.pk, actor=request.user, **data.validated_data)
        out = {
            **{f: getattr(snapshot, f) for f in EvidenceOutput().fields if hasattr(snapshot, f)},
            "citation": citation.pk,
            "uploaded_by": request.user.get_username(),
        }
        return Response(EvidenceOutput(out).data, status=status.HTTP_201_CREATED)


class ClaimantOutput(serializers.ModelSerializer):
    class Meta:
        model = Claimant
        fields = ["id", "name", "kind", "aliases", "description"]


class ClaimantInput(serializers.ModelSerializer):
    class Meta:
        model = Claimant
        fields = ["name", "kind", "aliases", "description"]
        extra_kwargs = {"name": {"validators": []}}  # the service says when the name is taken


class ClaimantListApi(APIView):
    """Claimants (people and organisations), searchable by `q` in names and aliases."""

    permission_classes = [StaffRead]

    @extend_schema(
        operation_id="claimants_list", parameters=PAGE_PARAMETERS, responses=cursor_page(ClaimantOutput, "ClaimantPage")
    )
    def get(self, request):
        require_permission(request.user, "claims.view_claimant", "see claimants")
        return staff_page(self, request, claimants_search(q=request.query_params.get("q", "")), ClaimantOutput)

    @extend_schema(request=ClaimantInput, responses={201: ClaimantOutput})
    def post(self, request):
        data = ClaimantInput(data=request.data)
        data.is_valid(raise_exception=True)
        claimant = claimant_create(actor=request.user, **data.validated_data)
        return Response(ClaimantOutput(claimant).data, status=status.HTTP_201_CREATED)


class ClaimantDetailApi(APIView):
    """One claimant. Renaming (a new `name`) is an editor's action; published verdicts keep the
    claimant as they named it."""

    permission_classes = [StaffRead]

    @extend_schema(responses=ClaimantOutput)
    def get(self, request, claimant_id: int):
        require_permission(request.user, "claims.view_claimant", "see claimants")
        return Response(ClaimantOutput(get_object_or_404(Claimant, pk=claimant_id)).data)

    @extend_schema(request=ClaimantInput, responses=ClaimantOutput)
    def patch(self, request, claimant_id: int):
        data = ClaimantInput(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        get_object_or_404(Claimant, pk=claimant_id)
        claimant = claimant_update(claimant_id=claimant_id, actor=request.user, **data.validated_data)
        return Response(ClaimantOutput(claimant).data)


class MergeInput(serializers.Serializer):
    into = serializers.IntegerField(help_text="The claimant to keep; this one's claims and names move to it.")


class ClaimantMergeApi(APIView):
    """Merge this claimant into another (an editor's action): its claims move, its names become
    aliases, and it is removed. Answers with the claimant kept."""

    permission_classes = [StaffRead]

    @extend_schema(operation_id="claimant_merge", request=MergeInput, responses=ClaimantOutput)
    def post(self, request, claimant_id: int):
        data = MergeInput(data=request.data)
        data.is_valid(raise_exception=True)
        get_object_or_404(Claimant, pk=claimant_id)
        kept = claimant_merge(source_id=claimant_id, target_id=data.validated_data["into"], actor=request.user)
        return Response(ClaimantOutput(kept).data)


class ProposalInput(serializers.Serializer):
    text = serializers.CharField(max_length=2000)
    claimant = serializers.CharField(max_length=200, required=False, allow_blank=True, allow_null=True)
    said_on = serializers.RegexField(
        r"^\d{4}(-\d{2}(-\d{2})?)?$",
        required=False,
        allow_blank=True,
        allow_null=True,
        help_text="YYYY-MM-DD, YYYY-MM or YYYY.",
    )
    medium = serializers.CharField(max_length=200, required=False, allow_blank=True, allow_null=True)
    cited_source = serializers.CharField(max_length=300, required=False, allow_blank=True, allow_null=True)
    sentence = serializers.CharField(max_length=10_000, required=False, allow_blank=True, default="")
    score = serializers.FloatField(min_value=0, max_value=1, required=False, allow_null=True)


class KeepInput(serializers.Serializer):
    proposals = serializers.ListField(child=ProposalInput(), allow_empty=False, max_length=200)
    source = serializers.IntegerField(required=False, allow_null=True, help_text="The article's Source, if captured.")


class IntakeClaimsApi(APIView):
    """Keep the proposed claims a journalist ticked: they become `new` claims, all or none."""

    permission_classes = [StaffRead]

    @extend_schema(operation_id="intake_keep", request=KeepInput, responses={201: ClaimOutput(many=True)})
    def post(self, request):
        data = KeepInput(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        origin = None
        if values.get("source") is not None:
            origin = Source.objects.filter(pk=values["source"]).first()
            if origin is None:
                raise InvalidInput(f"There is no source #{values['source']}.")
        kept = article_keep(actor=request.user, proposals=values["proposals"], origin=origin)
        claims = claims_for_staff().filter(pk__in=[claim.pk for claim in kept]).order_by("id")
        return Response(
            ClaimOutput(claims, many=True, context={"request": request}).data, status=status.HTTP_201_CREATED
        )
