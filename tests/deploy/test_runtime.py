"""The runtime requirements are complete: with `requirements.txt` alone and the settings of
`.env.example`, every module imports, the deployment check is clean, a page is captured and an
article's claims are extracted. A package that only the tests install cannot hide a missing one."""

import json
import shlex
import subprocess

import pytest

from tests.deploy.stack import ROOT, RUNTIME_BIN, run, runtime_python
from tests.sources.webserver import ARTICLE, WebServer

pytestmark = pytest.mark.integration

IMPORT_EVERY_MODULE = """
import importlib, os, pkgutil, sys
from pathlib import Path
import django
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factcheck.settings")  # as manage.py and wsgi.py do
django.setup()
from django.apps import apps
from django.conf import settings
root = Path(settings.BASE_DIR).resolve()
def in_project(path):  # the project's own folders, not a virtualenv kept inside the checkout
    path = Path(path).resolve()
    return path.is_relative_to(root) and not path.relative_to(root).parts[0].startswith(".")
ours = [a for a in apps.get_app_configs() if in_project(a.path)]
names, failed = [], []
for app in ours:
    package = importlib.import_module(app.module.__name__)
    names.append(package.__name__)
    for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
        names.append(info.name)
        try:
            importlib.import_module(info.name)
        except Exception as exc:
            failed.append(f"{info.name}: {type(exc).__name__}: {exc}")
print("\\n".join(failed), file=sys.stderr)
print(len(ours), len(names))
sys.exit(1 if failed else 0)
"""


def test_the_runtime_virtualenv_holds_exactly_consistent_requirements():
    runtime_python()
    result = subprocess.run([str(RUNTIME_BIN / "python"), "-m", "pip", "check"], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    # Nothing from the test requirements is there to hide a missing runtime package.
    frozen = subprocess.run([str(RUNTIME_BIN / "python"), "-m", "pip", "freeze"], capture_output=True, text=True)
    installed = {line.split("==")[0].lower() for line in frozen.stdout.splitlines()}
    assert not installed & {"pytest", "extruct", "moto", "schemathesis", "hypothesis", "html-text"}
    # Browser captures are part of the product: their driver is a runtime requirement.
    assert "playwright" in installed


def test_every_module_of_every_app_imports_under_production_settings(released):
    env, _ = released
    result = run(f"python -c {shlex.quote(IMPORT_EVERY_MODULE)}", env)
    assert result.returncode == 0, result.stderr[-4000:]
    apps, modules = map(int, result.stdout.split())
    assert apps >= 4 and modules > 100, result.stdout


def test_the_deployment_check_is_clean_with_env_example(released):
    env, _ = released
    result = run("python manage.py check --deploy --fail-level WARNING", env)
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_local_page_is_captured_inline_with_its_text(released):
    """The plain capture, then the browser capture in Chromium: Playwright, the WACZ packager and
    Pillow all come from requirements.txt."""
    env, _ = released
    web = WebServer()
    web.page("/article", ARTICLE)
    try:
        url = web.url("/article")
        allowed = {**env, "CAPTURE_ALLOWED_PRIVATE": f"127.0.0.1:{web.port}"}
        result = run(f"python manage.py capture --inline --browser --json {url}", allowed)
    finally:
        web.stop()
    assert result.returncode == 0, result.stdout + result.stderr
    captured = json.loads(result.stdout.splitlines()[-1])
    assert captured["status"] == "succeeded", captured
    assert "about 100,000 soldiers were deployed near the border" in captured["text"]  # trafilatura ran
    assert captured["title"] == "Troops massed near the border"
    assert captured["warc"] and len(captured["sha256"]) == 64
    assert captured["browser_status"] == "succeeded" and captured["complete"] is True
    assert captured["screenshot"].endswith(".png") and captured["wacz"].endswith(".wacz")


def test_claims_are_extracted_from_the_seed_article(released):
    env, _ = released
    article = ROOT / "seeds" / "putin-biden-sanctions-2021-12-31.txt"
    result = run(f"python manage.py extract_claims {article} --date 2021-12-31 --outlet NV --json", env)
    assert result.returncode == 0, result.stderr
    proposals = json.loads(result.stdout)
    assert len(proposals) >= 10
    assert set(proposals[0]) == {"text", "claimant", "said_on", "medium", "cited_source", "sentence", "score"}
    assert any("100,000" in p["text"] and p["claimant"] == "Oleksiy Reznikov" for p in proposals)
