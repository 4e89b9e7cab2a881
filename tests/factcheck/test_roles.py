from django.contrib.auth.models import Group
from django.core.management import call_command

from factcheck.roles import ROLE_PERMISSIONS


def permission_sets():
    return {
        g.name: sorted(f"{p.content_type.app_label}.{p.codename}" for p in g.permissions.select_related("content_type"))
        for g in Group.objects.all()
    }


def test_roles_are_created_on_migrate_and_again_changes_nothing(db):
    first = permission_sets()
    assert set(first) == {"journalist", "editor", "admin"}
    assert first["journalist"] == sorted(ROLE_PERMISSIONS["journalist"])
    assert "verdicts.review_verdict" in first["editor"] and "verdicts.review_verdict" not in first["journalist"]
    call_command("create_roles")
    call_command("create_roles")
    assert permission_sets() == first
    assert Group.objects.count() == 3


def test_create_roles_repairs_a_group_edited_by_hand(db):
    editor = Group.objects.get(name="editor")
    editor.permissions.clear()
    call_command("create_roles")
    assert permission_sets()["editor"] == sorted(ROLE_PERMISSIONS["editor"])
