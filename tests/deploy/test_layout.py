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
    assert set(units) == {"web", "worker", "capture-worker", "beat"}
    for name, unit in units.items():
        words = _unescaped(unit["Service"]["ExecStart"])
        words[0] = words[0].rsplit("/", 1)[1]  # the virtualenv's gunicorn or celery
        assert words == shlex.split(processes[name]), name


def test_the_web_unit_releases_as_the_procfile_does():
    pre = (ROOT / "deploy" / "systemd" / "factcheck-web.service").read_text().splitlines()
    steps = [shlex.split(line.split("=", 1)[1])[1:] for line in pre if line.startswith("ExecStartPre=")]
    release = [shlex.split(step) for step in procfile()["release"].split("&&")]
    assert steps == [words[1:] for words in release]
