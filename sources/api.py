from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.reverse import reverse
from rest_framework.views import APIView

from factcheck.apikeys import StaffRead
from factcheck.errors import ActionForbidden
from sources.selectors import source_with_snapshots
from sources.services import source_submit

# A capture's links: {name: (route, what it leads to)}, each given only when the capture has it.
LINKS = {
    "capture": ("capture-detail", "the capture's page"),
    "warc": ("capture-warc", "its WARC file"),
    "screenshot": ("capture-screenshot", "its screenshot, a PNG (a browser capture's, or an uploaded image's)"),
    "wacz": ("capture-wacz", "a browser capture's WACZ package"),
    "evidence": ("capture-evidence", "the file uploaded as evidence, as it was uploaded"),
}


class SnapshotOutput(serializers.Serializer):
    id = serializers.IntegerField()
    method = serializers.CharField(help_text="http, browser or upload")
    follows = serializers.IntegerField(source="follows_id", allow_null=True)
    status = serializers.CharField()
    complete = serializers.BooleanField(
        allow_null=True, help_text="Whether its text is the page's whole text (null: not judged yet)"
    )
    rendered_text_length = serializers.IntegerField(allow_null=True)
    screenshot = serializers.CharField(
        source="screenshot.name", help_text="storage name of the PNG (to download it: links.screenshot)"
    )
    wacz = serializers.CharField(
        source="wacz.name", help_text="storage name of the WACZ package (to download it: links.wacz)"
    )
    attempt = serializers.IntegerField()
    requested_at = serializers.DateTimeField()
    finished_at = serializers.DateTimeField(allow_null=True)
    http_status = serializers.IntegerField(allow_null=True)
    final_url = serializers.CharField()
    content_type = serializers.CharField()
    size = serializers.IntegerField(allow_null=True)
    truncated = serializers.BooleanField()
    sha256 = serializers.CharField(source="payload_sha256")
    text_sha256 = serializers.CharField()
    title = serializers.CharField(source="page_title")
    text_changed = serializers.BooleanField()
    error_code = serializers.CharField()
    error = serializers.CharField(source="error_message")
    links = serializers.SerializerMethodField()

    @extend_schema_field(
        {
            "type": "object",
            "properties": {
                name: {"type": "string", "format": "uri", "description": text} for name, (_, text) in LINKS.items()
            },
            "required": ["capture"],
            "additionalProperties": False,
        }
    )
    def get_links(self, snapshot) -> dict:
        """Where to fetch the capture and each file it has (read from the row alone: no query)."""
        request = self.context.get("request")
        has = {
            "capture": True,
            "warc": bool(snapshot.warc),
            "screenshot": bool(snapshot.screenshot),
            "wacz": bool(snapshot.wacz),
            "evidence": snapshot.uploaded_file,
        }
        return {
            name: reverse(route, args=[snapshot.pk], request=request) for name, (route, _) in LINKS.items() if has[name]
        }


class SourceOutput(serializers.Serializer):
    id = serializers.IntegerField()
    url = serializers.CharField()
    normalized_url = serializers.CharField()
    domain = serializers.CharField()
    title = serializers.CharField()
    publisher = serializers.CharField()
    kind = serializers.CharField()
    first_seen_at = serializers.DateTimeField()
    last_checked_at = serializers.DateTimeField(allow_null=True)
    changed_at = serializers.DateTimeField(allow_null=True)
    missing_since = serializers.DateTimeField(allow_null=True)


class SourceSubmitOutput(serializers.Serializer):
    source = SourceOutput()
    snapshot = SnapshotOutput()


class SourceDetailOutput(SourceOutput):
    snapshots = SnapshotOutput(many=True, source="recent_snapshots")


class SourceCreateApi(APIView):
    """POST {"url": ...}: the source (new or already archived) and its capture."""

    permission_classes = [StaffRead]

    class Input(serializers.Serializer):
        url = serializers.CharField(max_length=2048, trim_whitespace=True)

    @extend_schema(request=Input, responses={201: SourceSubmitOutput, 200: SourceSubmitOutput})
    def post(self, request):
        data = self.Input(data=request.data)
        data.is_valid(raise_exception=True)
        source, snapshot, created = source_submit(url=data.validated_data["url"], actor=request.user)
        body = SourceSubmitOutput({"source": source, "snapshot": snapshot}, context={"request": request}).data
        return Response(body, status=status.HTTP_201_CREATED if created else status.HTTP_200_OK)


class SourceDetailApi(APIView):
    """GET: the source and its captures, newest first, with their status."""

    permission_classes = [StaffRead]

    @extend_schema(responses=SourceDetailOutput)
    def get(self, request, source_id: int):
        if not request.user.has_perm("sources.view_source"):
            raise ActionForbidden("You do not have permission to see sources.")
        source = source_with_snapshots(source_id=source_id)
        return Response(SourceDetailOutput(source, context={"request": request}).data)
