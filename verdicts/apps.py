from django.apps import AppConfig


class VerdictsConfig(AppConfig):
    name = "verdicts"
    verbose_name = "Verdicts and publishing"

    def ready(self):
        from sources.signals import snapshot_failed, source_changed
        from verdicts.receivers import flag_verdicts_on_source_change, notify_failed_capture

        source_changed.connect(flag_verdicts_on_source_change, dispatch_uid="verdicts-flag-changed-evidence")
        snapshot_failed.connect(notify_failed_capture, dispatch_uid="verdicts-webhook-snapshot-failed")
