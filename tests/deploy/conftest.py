"""Fixtures for the production shape: a runtime-only virtualenv, `.env.example`'s settings, a
database of its own migrated by the Procfile's release step, and a private Redis."""

import pytest

from tests.deploy.stack import ScratchDatabase, procfile, production_environment, run, runtime_python
from tests.workers import Broker

pytestmark = pytest.mark.integration


@pytest.fixture(scope="session")
def production_database():
    database = ScratchDatabase("production").create()
    yield database
    database.drop()


@pytest.fixture(scope="session")
def production_redis(tmp_path_factory):
    broker = Broker(tmp_path_factory.mktemp("redis"))
    broker.start()
    yield broker
    broker.stop()


@pytest.fixture(scope="session")
def released(production_database, production_redis, tmp_path_factory):
    """The production environment after the Procfile's release step (migrate, groups, the app's
    database role, static files), run as the tables' owner. Every other process gets the app's
    role, which owns nothing, and never the owner's credentials."""
    runtime_python()
    workdir = tmp_path_factory.mktemp("production")
    database, app_role = production_database, production_database.app_role
    release_env = production_environment(
        database.url, production_redis.url, workdir,
        DATABASE_APP_ROLE=app_role, DATABASE_APP_PASSWORD=database.app_password,
    )  # fmt: skip
    result = run(procfile()["release"], release_env)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert f"Role {app_role} created." in result.stdout, result.stdout[-3000:]
    env = production_environment(database.app_url, production_redis.url, workdir, DATABASE_APP_ROLE=app_role)
    return env, workdir
