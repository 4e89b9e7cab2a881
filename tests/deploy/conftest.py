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
    """The production environment after the Procfile's release step (migrate, roles, static files)."""
    runtime_python()
    workdir = tmp_path_factory.mktemp("production")
    env = production_environment(production_database.url, production_redis.url, workdir)
    result = run(procfile()["release"], env)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return env, workdir
