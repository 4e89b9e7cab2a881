"""The staff API for translations: start one, read and edit its draft, take its review actions.
The rules are the services' (verdicts.translations.services), as on the newsroom's pages."""

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from factcheck.apikeys import StaffRead
from factcheck.guards import require_permission
from verdicts.models import VerdictTranslation
from verdicts.translations.selectors import translation_for_staff
from verdicts.translations.services import translation_start, translation_transition, translation_update
from verdicts.translations.workflow import TRANSLATION_WORKFLOW

VIEW = ("verdicts.view_verdicttranslation", "see translations")


class StaffTranslationOutput(serializers.ModelSerializer):
    translator = serializers.CharField(source="translator.get_username")
    approver = serializers.SerializerMethodField()
    revision = serializers.IntegerField(
        source="lock_version", help_text="This translation's revision: send it back as expected_version."
    )
    actions = serializers.SerializerMethodField(help_text="The workflow actions you may take now.")

    class Meta:
        model = VerdictTranslation
        fields = [
            "id", "verdict", "language", "status", "headline", "summary", "explanation", "correction_note",
            "translator", "approver", "approved_at", "published_at", "based_on", "review_digest", "approved_digest",
            "revision", "created_at", "updated_at", "actions",
        ]  # fmt: skip

    def get_approver(self, translation) -> str | None:
        return translation.approver.get_username() if translation.approver_id else None

    def get_actions(self, translation) -> list[str]:
        return [t.action for t in TRANSLATION_WORKFLOW.available(translation, self.context["request"].user)]


class StartInput(serializers.Serializer):
    verdict = serializers.IntegerField(help_text="A published verdict.")
    language = serializers.CharField(
        max_length=35, help_text="One of the readers' site's languages other than the verdict's own."
    )


class TextInput(serializers.Serializer):
    headline = serializers.CharField(required=False, allow_blank=True, max_length=300)
    summary = serializers.CharField(required=False, allow_blank=True, max_length=5000)
    explanation = serializers.CharField(required=False, allow_blank=True, max_length=100_000)
    correction_note = serializers.CharField(
        required=False, allow_blank=True, max_length=20_000, help_text="A correction's note, in this language."
    )
    expected_version = serializers.IntegerField(help_text="The translation's revision as you read it.")


class TranslationActionInput(serializers.Serializer):
    expected_version = serializers.IntegerField(help_text="The translation's revision as you read it.")
    comment = serializers.CharField(required=False, allow_blank=True, max_length=10_000, default="")


def _valid(serializer_class, request) -> dict:
    data = serializer_class(data=request.data)
    data.is_valid(raise_exception=True)
    return dict(data.validated_data)


def _respond(request, translation, code=status.HTTP_200_OK):
    found = translation_for_staff(translation_id=translation.pk)
    return Response(StaffTranslationOutput(found, context={"request": request}).data, status=code)


class StaffTranslationListApi(APIView):
    permission_classes = [StaffRead]

    @extend_schema(
        operation_id="staff_translations_list",
        parameters=[OpenApiParameter("verdict", int, required=True, description="The verdict translated.")],
        responses=StaffTranslationOutput(many=True),
    )
    def get(self, request):
        """Every translation of one verdict version, in every state."""
        require_permission(request.user, *VIEW)
        verdict = serializers.IntegerField().run_validation(request.query_params.get("verdict"))
        rows = VerdictTranslation.objects.filter(verdict_id=verdict).select_related("translator", "approver")
        context = {"request": request}
        return Response(StaffTranslationOutput(rows.order_by("language", "-id"), many=True, context=context).data)

    @extend_schema(request=StartInput, responses={201: StaffTranslationOutput})
    def post(self, request):
        """Start a draft translation of a published verdict."""
        values = _valid(StartInput, request)
        translation = translation_start(actor=request.user, verdict_id=values["verdict"], language=values["language"])
        return _respond(request, translation, status.HTTP_201_CREATED)


class StaffTranslationDetailApi(APIView):
    permission_classes = [StaffRead]

    @extend_schema(responses=StaffTranslationOutput)
    def get(self, request, translation_id: int):
        require_permission(request.user, *VIEW)
        return _respond(request, VerdictTranslation.objects.get(pk=translation_id))

    @extend_schema(request=TextInput, responses=StaffTranslationOutput)
    def patch(self, request, translation_id: int):
        """Edit the draft: its translator, while it is a draft."""
        values = _valid(TextInput, request)
        expected = values.pop("expected_version")
        translation = translation_update(
            translation_id=translation_id, actor=request.user, expected_version=expected, **values
        )
        return _respond(request, translation)


class StaffTranslationActionApi(APIView):
    """Take a review action: submit, request_changes, revise, approve, publish, withdraw."""

    permission_classes = [StaffRead]

    @extend_schema(request=TranslationActionInput, responses=StaffTranslationOutput)
    def post(self, request, translation_id: int, action: str):
        values = _valid(TranslationActionInput, request)
        translation = translation_transition(
            translation_id=translation_id,
            action=action,
            actor=request.user,
            expected_version=values["expected_version"],
            comment=values["comment"],
        )
        return _respond(request, translation)
