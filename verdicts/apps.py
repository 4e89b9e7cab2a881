from django.apps import AppConfig


class VerdictsConfig(AppConfig):
    name = "verdicts"
    verbose_name = "Verdicts and publishing"

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from claims.models import Claim, Claimant
        from factcheck.models import AuditEvent
        from sources.signals import snapshot_failed, source_changed
        from verdicts.models import Verdict
        from verdicts.receivers import (
            flag_verdicts_on_source_change,
            notify_failed_capture,
            notify_people,
            record_chain_head,
            retire_public_pages,
        )
        from verdicts.signals import verdict_published

        source_changed.connect(flag_verdicts_on_source_change, dispatch_uid="verdicts-flag-changed-evidence")
        snapshot_failed.connect(notify_failed_capture, dispatch_uid="verdicts-webhook-snapshot-failed")
        for model in (Verdict, Claim, Claimant):
            for signal in (post_save, post_delete):
                uid = f"verdicts-retire-pages-{model.__name__}"
                signal.connect(retire_public_pages, sender=model, dispatch_uid=uid)
        post_save.connect(notify_people, sender=AuditEvent, dispatch_uid="verdicts-notify-people")
        verdict_published.connect(record_chain_head, dispatch_uid="verdicts-record-chain-head")
