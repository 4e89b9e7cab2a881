"""Property-based: requests generated from our OpenAPI schema never get a server error
or an answer that breaks the schema (schemathesis, against the real app and database)."""

import pytest
import schemathesis
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from factcheck.apikeys import api_key_create
from factcheck.wsgi import application


@pytest.fixture
def keep_connection():
    """Like Django's test client: requests must not close the test's database connection."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.mark.integration
@pytest.mark.django_db
@pytest.mark.parametrize("who", ["anonymous", "editor key"])
def test_the_api_keeps_its_schema(who, keep_connection):
    call_command("load_demo", verbosity=0)
    users = get_user_model().objects
    headers = {}
    if who == "editor key":
        _, key = api_key_create(actor=users.get(username="admin"), name="fuzz", owner=users.get(username="editor"),
                                scope="write", rate="100000/min")  # fmt: skip
        headers["Authorization"] = f"Api-Key {key}"
    schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", application)
    failures = {}
    for result in schema.get_all_operations():
        operation = result.ok()

        @given(case=operation.as_strategy())
        @settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck), database=None)
        def check(case):
            # A random cursor or id is schema-valid yet rightly refused (400/404): that is
            # not a failure. Server errors and answers that break the schema are.
            case.call_and_validate(headers=headers, excluded_checks=[positive_data_acceptance])

        try:
            check()
        except Exception as exc:  # collect every operation's failure, then report them all
            failures[operation.label] = str(exc)[:1500]
    assert not failures, "\n\n".join(f"{label}:\n{text}" for label, text in failures.items())
