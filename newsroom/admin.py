"""A person's newsroom preferences, on their page in the admin; people's and roles' permissions
listed in the reader's language."""

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group
from django.utils.translation import gettext, gettext_noop

from newsroom.models import Preferences

# Django names the permissions it makes for each model in English when it makes them ("Can add
# claim"): they are said again from their code name, with the model's name in the reader's language.
_DEFAULT_PERMISSIONS = {
    "add": gettext_noop("Can add %(model)s"),
    "change": gettext_noop("Can change %(model)s"),
    "delete": gettext_noop("Can delete %(model)s"),
    "view": gettext_noop("Can view %(model)s"),
}


def permission_label(permission) -> str:
    """“App | model | what it allows”, in the reader's language. The project's own permissions are
    translated by their English name (marked where the models declare them)."""
    model = permission.content_type.model_class()
    if model is None:  # a model no longer installed
        return str(permission)
    opts = model._meta
    action = permission.codename.split("_", 1)[0]
    if permission.codename == f"{action}_{opts.model_name}" and action in _DEFAULT_PERMISSIONS:
        allows = gettext(_DEFAULT_PERMISSIONS[action]) % {"model": opts.verbose_name}
    else:
        allows = gettext(permission.name)
    return f"{opts.app_config.verbose_name} | {opts.verbose_name} | {allows}"


class PermissionsInLanguage:
    """For the people's and the roles' admin: their permissions listed with `permission_label`."""

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        field = super().formfield_for_manytomany(db_field, request, **kwargs)
        if db_field.name in ("permissions", "user_permissions"):
            field.label_from_instance = permission_label
        return field


class PreferencesInline(admin.StackedInline):
    model = Preferences
    can_delete = False
    fields = ["language"]


class PersonAdmin(PermissionsInLanguage, UserAdmin):
    """Django's user admin, with the person's newsroom preferences below."""

    inlines = [*UserAdmin.inlines, PreferencesInline]


class RoleAdmin(PermissionsInLanguage, GroupAdmin):
    """Django's group admin: a role and its permissions."""


User = get_user_model()
admin.site.unregister(User)
admin.site.register(User, PersonAdmin)
admin.site.unregister(Group)
admin.site.register(Group, RoleAdmin)
