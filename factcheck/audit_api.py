"""The audit chain's latest recorded head, public: anyone may keep a copy, and a copy kept
elsewhere is what later proves the chain was not cut or rewritten."""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.exceptions import NotFound
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from factcheck.api import ConditionalGetMixin
from factcheck.audit_heads import audit_head_latest


class AuditHeadOutput(serializers.Serializer):
    seq = serializers.IntegerField(help_text="The number of the audit event at the head of the chain.")
    hash = serializers.CharField(help_text="That event's SHA-256, which covers every event before it.")
    recorded_at = serializers.DateTimeField(help_text="When this head was recorded outside the database.")


class AuditHeadApi(ConditionalGetMixin, APIView):
    """The head of the audit chain as last recorded (at a publication, or on the schedule)."""

    permission_classes = [AllowAny]

    @extend_schema(operation_id="audit_head", responses=AuditHeadOutput)
    def get(self, request):
        head = audit_head_latest()
        if head is None:
            raise NotFound("No head of the audit chain has been recorded yet.")
        self.last_modified = head.recorded_at
        return Response(head.as_json())
