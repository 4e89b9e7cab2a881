from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VerdictsConfig(AppConfig):
    name = "verdicts"
    verbose_name = _("Verdicts and publishing")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from claims.freeze import claim_hold_register
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
        from verdicts.selectors import verdict_holding_claim
        from verdicts.signals import verdict_published

        # A verdict under review freezes its claim and evidence (claims.freeze).
        claim_hold_register(verdict_holding_claim)

        source_changed.connect(flag_verdicts_on_source_change, dispatch_uid="verdicts-flag-changed-evidence")
        snapshot_failed.connect(notify_failed_capture, dispatch_uid="verdicts-webhook-snapshot-failed")
        # The public reads only the copies pinned on published verdicts: a claim or a claimant
        # changed afterwards changes no public page.
        for signal in (post_save, post_delete):
            signal.connect(retire_public_pages, sender=Verdict, dispatch_uid="verdicts-retire-pages-Verdict")
        post_save.connect(notify_people, sender=AuditEvent, dispatch_uid="verdicts-notify-people")
        verdict_published.connect(record_chain_head, dispatch_uid="verdicts-record-chain-head")
