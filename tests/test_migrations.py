"""The migrations describe the models as they are: a change to a model (a field, a constraint, a
name shown in the admin) comes with its migration."""

from io import StringIO

import pytest
from django.core.management import call_command


@pytest.mark.django_db
def test_no_model_change_is_left_without_its_migration():
    said = StringIO()
    try:
        call_command("makemigrations", "--check", "--dry-run", stdout=said, stderr=said)
    except SystemExit:
        pytest.fail(f"Models changed without a migration; run `manage.py makemigrations`:\n{said.getvalue()}")
    assert "No changes detected" in said.getvalue()
