import logging

from celery import shared_task

from factcheck.audit import audit_verify_chain

logger = logging.getLogger(__name__)


@shared_task(name="factcheck.tasks.verify_audit_chain")
def verify_audit_chain() -> dict:
    """Periodic check of the audit chain; a break is logged as an error."""
    report = audit_verify_chain()
    if report.problem:
        logger.error("Audit chain broken: %s", report.problem)
    else:
        logger.info("Audit chain intact: %s events", report.checked)
    return {"checked": report.checked, "head": report.head_seq, "problem": report.problem}
