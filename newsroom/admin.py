"""A person's newsroom preferences, on their page in the admin."""

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin

from newsroom.models import Preferences


class PreferencesInline(admin.StackedInline):
    model = Preferences
    can_delete = False
    fields = ["language"]


class PersonAdmin(UserAdmin):
    """Django's user admin, with the person's newsroom preferences below."""

    inlines = [*UserAdmin.inlines, PreferencesInline]


User = get_user_model()
admin.site.unregister(User)
admin.site.register(User, PersonAdmin)
