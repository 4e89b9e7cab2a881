"""A real Celery worker process, on the real broker, against the test database."""

import pytest

from factcheck.tasks import verify_audit_chain
from tests.workers import Worker, unique_queue


@pytest.mark.integration
@pytest.mark.django_db(transaction=True)
def test_a_worker_checks_the_audit_chain_of_this_database(tmp_path, make_claim):
    queue = unique_queue()
    worker = Worker(queue, tmp_path / "worker.log")
    try:
        for n in range(3):
            make_claim(text=f"Committed claim {n}.", claimant=None)
        verify_audit_chain.apply_async(queue=queue)
        worker.wait_for_log("Audit chain intact: 3 events")
    finally:
        worker.stop()
