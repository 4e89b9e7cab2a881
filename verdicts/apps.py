from django.apps import AppConfig


class VerdictsConfig(AppConfig):
    name = "verdicts"
    verbose_name = "Verdicts and publishing"

    def ready(self):
        from sources.signals import source_changed
        from verdicts.receivers import flag_verdicts_on_source_change

        source_changed.connect(flag_verdicts_on_source_change, dispatch_uid="verdicts-flag-changed-evidence")
