from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ClaimsConfig(AppConfig):
    name = "claims"
    verbose_name = _("Claims and research")

    def ready(self):
        from claims.receivers import check_quotes_on_capture
        from sources.signals import snapshot_captured

        snapshot_captured.connect(check_quotes_on_capture, dispatch_uid="claims-check-quotes")
