from django.apps import AppConfig


class ClaimsConfig(AppConfig):
    name = "claims"
    verbose_name = "Claims and research"

    def ready(self):
        from claims.receivers import check_quotes_on_capture
        from sources.signals import snapshot_captured

        snapshot_captured.connect(check_quotes_on_capture, dispatch_uid="claims-check-quotes")
