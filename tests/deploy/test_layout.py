"""The deployment files keep gunicorn behind the proxy and say the same thing everywhere: the
compose file, the Procfile and the systemd units run the same commands."""

import configparser
import shlex

import yaml

from tests.deploy.stack import ROOT, env_example, procfile


def compose() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def test_only_the_proxy_is_published_and_only_it_shares_a_network_with_gunicorn():
    services = compose()["services"]
    assert [name for name, s in services.items() if s.get("ports")] == ["proxy"]
    edge = sorted(name for name, s in services.items() if "edge" in s.get("networks", []))
    assert edge == ["proxy", "web"]
    assert compose()["networks"]["backend"] == {"internal": True}
    for store in ("postgres", "redis"):
        assert services[store]["networks"] == ["backend"]


def test_the_proxy_forwards_to_where_gunicorn_listens():
    services = compose()["services"]
    upstream_port = services["proxy"]["environment"]["UPSTREAM"].split(":")[1]
    assert services["web"]["environment"]["GUNICORN_BIND"] == f"0.0.0.0:{upstream_port}"
    assert services["web"]["expose"] == [upstream_port]
    proxy_address = services["proxy"]["networks"]["edge"]["ipv4_address"]
    assert services["web"]["environment"]["TRUSTED_PROXY_ADDRESSES"] == proxy_address
    assert services["web"]["environment"]["FORWARDED_ALLOW_IPS"] == proxy_address
    mounted = [v.split(":")[0] for v in services["proxy"]["volumes"] if v.endswith("/etc/caddy/Caddyfile:ro")]
    assert mounted == ["./deploy/Caddyfile"] and (ROOT / "deploy" / "Caddyfile").exists()


def test_env_example_trusts_exactly_the_one_proxy_and_redirects_to_https():
    values = env_example()
    assert values["TRUSTED_PROXIES"] == "1"
    assert values["SECURE_SSL_REDIRECT"] == "true" and values["SECURE_COOKIES"] == "true"
    assert values["DEBUG"] == "false"


def _units() -> dict[str, configparser.ConfigParser]:
    units = {}
    for path in (ROOT / "deploy" / "systemd").glob("factcheck-*.service"):
        parser = configparser.ConfigParser(strict=False, interpolation=None)
        parser.optionxform = str
        parser.read_string(path.read_text())
        units[path.stem.removeprefix("factcheck-")] = parser
    return units


def _unescaped(command: str) -> list[str]:
    return shlex.split(command.replace("%%", "%"))


def test_each_systemd_unit_runs_what_the_procfile_runs():
    units, processes = _units(), procfile()
    assert set(units) == {"release", "web", "worker", "capture-worker@", "browser-worker", "beat"}
    for name, unit in units.items():
        if name == "release":
            continue  # several steps, below
        # A template's instances (one capture process a core) differ by their Celery node name alone.
        words = _unescaped(unit["Service"]["ExecStart"].replace("captures%i@", "captures@"))
        words[0] = words[0].rsplit("/", 1)[1]  # the virtualenv's gunicorn or celery
        assert words == shlex.split(processes[name.removesuffix("@")]), name
        assert "factcheck-release.service" in unit["Unit"]["Requires"]  # started once the release is done
        assert "/etc/factcheck/owner.env" not in unit["Service"].get("EnvironmentFile", "")


def test_the_target_starts_every_process_and_a_capture_process_a_core_on_two_cores():
    target = configparser.ConfigParser(strict=False, interpolation=None)
    target.read_string((ROOT / "deploy" / "systemd" / "factcheck.target").read_text())
    wanted = set(target["Unit"]["Wants"].split())
    assert wanted == {
        "factcheck-release.service", "factcheck-web.service", "factcheck-worker.service", "factcheck-beat.service",
        "factcheck-browser-worker.service", "factcheck-capture-worker@1.service", "factcheck-capture-worker@2.service",
    }  # fmt: skip
    for name in wanted:
        unit = name.removeprefix("factcheck-").removesuffix(".service")
        assert unit.split("@")[0] + ("@" if "@" in unit else "") in _units(), name


def test_the_release_unit_releases_as_the_procfile_does_and_alone_as_the_owner():
    text = (ROOT / "deploy" / "systemd" / "factcheck-release.service").read_text().splitlines()
    steps = [shlex.split(line.split("=", 1)[1])[1:] for line in text if line.startswith("ExecStart=")]
    release = [shlex.split(step) for step in procfile()["release"].split("&&")]
    assert steps == [words[1:] for words in release]
    assert ["manage.py", "create_app_role"] in steps
    files = [line.split("=", 1)[1] for line in text if line.startswith("EnvironmentFile=")]
    assert files == ["/etc/factcheck/env", "/etc/factcheck/owner.env"]  # the owner's settings win


def test_in_compose_only_the_release_and_postgres_see_the_owners_credentials():
    services = compose()["services"]
    sees_owner = sorted(name for name, s in services.items() if ".env.owner" in str(s.get("env_file", "")))
    assert sees_owner == ["postgres", "release"]
    assert services["release"]["env_file"] == [".env", ".env.owner"]  # the owner's DATABASE_URL wins
    assert "create_app_role" in services["release"]["command"] and "migrate" in services["release"]["command"]
    for name in ("web", "worker", "capture-worker", "browser-worker", "beat"):
        assert "migrate" not in str(services[name]["command"]), name
    assert services["web"]["depends_on"]["release"] == {"condition": "service_completed_successfully"}
    assert ".env.owner" in (ROOT / ".dockerignore").read_text().split()  # never baked into the image
    assert "POSTGRES_PASSWORD" not in env_example() and "DATABASE_APP_ROLE" in env_example()
