"""Fixtures for the production shape: a runtime-only virtualenv, `.env.example`'s settings, a
database of its own migrated by the Procfile's release step, and a private Redis."""

import pytest

from tests.deploy.stack import ScratchDatabase, procfile, production_environment, run, runtime_python
from tests.pgbouncer import PgBouncer
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
def release_step(production_database, production_redis, tmp_path_factory):
    """The Procfile's release step (migrate, groups, the app's database role, static files), run
    as the tables' owner straight to PostgreSQL, as migrations need a session of their own."""
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
    return workdir


@pytest.fixture(scope="session")
def production_pooler(production_database, release_step, tmp_path_factory):
    """Debian's PgBouncer with the deployment's settings (transaction pool mode) in front of the
    production database, for the app's role with its SCRAM secret as PostgreSQL keeps it, and
    fewer server connections than the processes have clients, so that they take turns."""
    database = production_database
    secret = database.password_secret(database.app_role)
    pooler = PgBouncer(
        database.app_url, [database.name], {database.app_role: secret}, tmp_path_factory.mktemp("pgbouncer"),
        pool_size=3,
    ).start()  # fmt: skip
    yield pooler
    pooler.stop()


@pytest.fixture(scope="session")
def released(production_database, production_redis, release_step, production_pooler):
    """The production environment after the release step. Every other process gets the app's role,
    which owns nothing, and never the owner's credentials, and connects through PgBouncer."""
    env = production_environment(
        production_pooler.url(production_database.app_url), production_redis.url, release_step,
        DATABASE_APP_ROLE=production_database.app_role, DATABASE_POOLER="transaction",
    )  # fmt: skip
    return env, release_step
