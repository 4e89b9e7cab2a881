"""Reactions to events of the evidence archive, which knows nothing about claims."""

import logging

from claims.services import citations_check_quotes

logger = logging.getLogger(__name__)


def check_quotes_on_capture(sender, snapshot, **kwargs):
    """A capture finished: the passages quoted from its page can now be looked for. A failure
    here is logged and leaves the citations waiting; it never undoes the capture."""
    try:
        citations_check_quotes(snapshot=snapshot)
    except Exception:
        logger.exception("Checking the quoted passages against capture %s failed", snapshot.pk)
