import logging

from celery import shared_task

from factcheck.audit import audit_verify_chain
from factcheck.audit_heads import audit_head_record, audit_heads_recorded

logger = logging.getLogger(__name__)


@shared_task(name="factcheck.tasks.verify_audit_chain")
def verify_audit_chain() -> dict:
    """Periodic check of the audit chain against itself and every head recorded; a break is
    logged as an error, naming the first row or the recorded head that no longer matches."""
    heads, unreadable, log = audit_heads_recorded()
    report = audit_verify_chain(heads=heads)
    if unreadable:
        logger.warning("Audit head log %s: could not read %s", log, ", ".join(unreadable))
    if report.problem:
        logger.error("Audit chain broken: %s", report.problem)
    else:
        logger.info("Audit chain intact: %s events, %s recorded heads on it", report.checked, report.heads_checked)
    return {
        "checked": report.checked,
        "head": report.head_seq,
        "heads": report.heads_checked,
        "problem": report.problem,
    }


@shared_task(name="factcheck.tasks.record_audit_head")
def record_audit_head() -> dict:
    """Append the chain's head to the head log (beat, every AUDIT_HEAD_INTERVAL seconds)."""
    head = audit_head_record(by="schedule")
    return head.as_json() if head else {}
