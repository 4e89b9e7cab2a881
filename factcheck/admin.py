from django.contrib import admin

from factcheck.admin_tools import ReadOnlyAdmin
from factcheck.models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin):
    list_display = [
        "seq",
        "created_at",
        "actor_username",
        "action",
        "object_type",
        "object_id",
        "from_state",
        "to_state",
    ]
    list_filter = ["action", "object_type"]
    search_fields = ["object_id", "actor_username", "comment", "object_repr"]
    list_per_page = 100
    show_full_result_count = False
