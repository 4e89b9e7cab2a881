# The two commands: `make run` and `make test`. Everything else is plumbing.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
# The production shape: requirements.txt alone, rebuilt from scratch whenever it changes, so that a
# package only the tests install can never hide a missing runtime one (tests/deploy use it).
RUNTIME_VENV := .venv-runtime
RUNTIME_STAMP := $(RUNTIME_VENV)/.installed-stamp

.PHONY: help run test lint fmt clean backup restore audit replay messages

help: ## List the targets
	@grep -E '^[a-z]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-6s %s\n", $$1, $$2}'

$(STAMP): requirements.txt requirements-dev.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	@touch $@

$(RUNTIME_STAMP): requirements.txt
	rm -rf $(RUNTIME_VENV)
	$(PYTHON) -m venv $(RUNTIME_VENV)
	$(RUNTIME_VENV)/bin/python -m pip install --quiet -r requirements.txt
	@touch $@

replay: ## Fetch the pinned ReplayWeb.page (npm) and put its ui.js and sw.js in var/replay/
	$(PYTHON) scripts/replay_assets.py

run: $(STAMP) replay ## Serve the app with a worker and beat on http://127.0.0.1:8000 (PORT overrides)
	$(PY) scripts/launch.py run

test: $(STAMP) $(RUNTIME_STAMP) replay ## Run the whole suite against real PostgreSQL (and Redis when REDIS_URL is set)
	$(PY) -m ruff check .
	$(PY) scripts/launch.py test $(ARGS)

backup: $(STAMP) ## Back up the database and captures into var/backups/ (TO=dir overrides)
	$(PY) scripts/launch.py manage backup $(if $(TO),--to $(TO))

restore: $(STAMP) ## Restore FROM=var/backups/backup-… into DATABASE_URL, then verify it (REPLACE=1 drops it first)
	@test -n "$(FROM)" || (echo "usage: make restore FROM=var/backups/backup-YYYYmmddTHHMMSSZ [REPLACE=1]" && exit 2)
	$(PY) scripts/launch.py manage restore $(FROM) $(if $(REPLACE),--replace)

audit: $(STAMP) ## Check the pinned requirements against known vulnerabilities (needs network)
	$(PY) -m pip_audit -r requirements.txt -r requirements-dev.txt

messages: $(STAMP) ## Gather the strings to translate into locale/*/LC_MESSAGES/django.po and compile them
	$(PY) scripts/launch.py manage messages

lint: $(STAMP) ## Lint
	$(PY) -m ruff check .

fmt: $(STAMP) ## Fix what the linter can
	$(PY) -m ruff check --fix .

clean: ## Remove the virtualenv and local data (var/)
	rm -rf $(VENV) $(RUNTIME_VENV) var
