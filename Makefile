# The two commands: `make run` and `make test`. Everything else is plumbing.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp

.PHONY: help run test lint fmt clean

help: ## List the targets
	@grep -E '^[a-z]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-6s %s\n", $$1, $$2}'

$(STAMP): requirements.txt requirements-dev.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	@touch $@

run: $(STAMP) ## Serve the app with a worker and beat on http://127.0.0.1:8000 (PORT overrides)
	$(PY) scripts/launch.py run

test: $(STAMP) ## Run the whole suite against real PostgreSQL (and Redis when REDIS_URL is set)
	$(PY) -m ruff check .
	$(PY) scripts/launch.py test $(ARGS)

lint: $(STAMP) ## Lint
	$(PY) -m ruff check .

fmt: $(STAMP) ## Fix what the linter can
	$(PY) -m ruff check --fix .

clean: ## Remove the virtualenv and local data (var/)
	rm -rf $(VENV) var
