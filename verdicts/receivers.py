"""Reactions to events from apps that must not know about verdicts."""

from verdicts.services import verdicts_flag_changed_evidence


def flag_verdicts_on_source_change(sender, source, snapshot, kind, **kwargs):
    verdicts_flag_changed_evidence(source=source, snapshot=snapshot, kind=kind)
