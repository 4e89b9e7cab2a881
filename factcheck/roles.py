"""The newsroom's roles as Django groups, kept in step with this table."""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission
from django.db import transaction

JOURNALIST = "journalist"
EDITOR = "editor"
ADMIN = "admin"

_JOURNALIST_PERMISSIONS = [
    "claims.view_claimant",
    "claims.add_claimant",
    "claims.change_claimant",
    "claims.view_claim",
    "claims.add_claim",
    "claims.change_claim",
    "claims.view_citation",
    "claims.add_citation",
    "claims.change_citation",
    "claims.delete_citation",
    "sources.view_source",
    "sources.add_source",
    "sources.view_snapshot",
    "verdicts.view_verdict",
    "verdicts.add_verdict",
    "verdicts.change_verdict",
    "verdicts.view_verdicttranslation",
    "verdicts.add_verdicttranslation",
    "verdicts.change_verdicttranslation",
    "factcheck.view_auditevent",
]
_EDITOR_PERMISSIONS = [
    *_JOURNALIST_PERMISSIONS,
    "claims.triage_claim",
    "claims.rename_claimant",
    "verdicts.review_verdict",
    "verdicts.publish_verdict",
    "verdicts.correct_verdict",
    "verdicts.export_casefile",
    "verdicts.review_verdicttranslation",
    "verdicts.publish_verdicttranslation",
    # The verification checklist's steps (deactivated, never deleted: claims keep their ticks).
    "claims.view_checkliststep",
    "claims.add_checkliststep",
    "claims.change_checkliststep",
    # Who publishes (name, logo, about, contact), as the public site and ClaimReview show it.
    "verdicts.view_publisher",
    "verdicts.add_publisher",
    "verdicts.change_publisher",
]
ROLE_PERMISSIONS = {JOURNALIST: _JOURNALIST_PERMISSIONS, EDITOR: _EDITOR_PERMISSIONS}


def _permissions(codes: list[str]) -> list[Permission]:
    wanted = {tuple(code.split(".", 1)) for code in codes}
    found = [
        p for p in Permission.objects.select_related("content_type") if (p.content_type.app_label, p.codename) in wanted
    ]
    missing = wanted - {(p.content_type.app_label, p.codename) for p in found}
    if missing:
        raise LookupError(f"Unknown permissions: {sorted('.'.join(m) for m in missing)}")
    return found


def sync_roles() -> dict[str, int]:
    """Create or update the groups so each holds exactly its permissions."""
    for app_config in global_apps.get_app_configs():
        create_permissions(app_config, verbosity=0)
    counts = {}
    with transaction.atomic():
        for name, codes in ROLE_PERMISSIONS.items():
            group, _ = Group.objects.get_or_create(name=name)
            group.permissions.set(_permissions(codes))
            counts[name] = len(codes)
        admin, _ = Group.objects.get_or_create(name=ADMIN)
        admin.permissions.set(Permission.objects.all())
        counts[ADMIN] = admin.permissions.count()
    return counts


def sync_roles_after_migrate(sender, using="default", plan=None, **kwargs):
    sync_roles()
