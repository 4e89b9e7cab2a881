from axes.apps import AppConfig as AxesConfig
from django.apps import AppConfig
from django.contrib.admin.apps import AdminConfig
from django.utils.translation import gettext_lazy as _


class FactcheckConfig(AppConfig):
    name = "factcheck"
    verbose_name = _("Newsroom")

    def ready(self):
        from django.db.models.signals import post_migrate

        from factcheck import checks  # noqa: F401 (registers the system checks)
        from factcheck.roles import sync_roles_after_migrate

        post_migrate.connect(sync_roles_after_migrate, sender=self)


class WorkbenchAdminConfig(AdminConfig):
    """Django's admin, with the workbench's own site (factcheck.admin_site)."""

    default_site = "factcheck.admin_site.WorkbenchAdminSite"


class SignInAttemptsConfig(AxesConfig):
    """django-axes (sign-in attempts), named in the admin in the person's language; its other
    strings are translated through factcheck.admin_strings."""

    verbose_name = _("Sign-in attempts")
