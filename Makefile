# planserv: `make run` serves the demo, `make test` runs every gate and every test;
# `make test-fast` runs every gate and, on SQLite, every test but the slow and browser ones.
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
export PYTHONPATH := $(CURDIR)/src
export DJANGO_SETTINGS_MODULE ?= planserv.config.settings.dev
PYTEST_ARGS ?=
# `make run DEMO_DATE=2020-01-15`: the demo loaded on an empty database is played to that date.
DEMO_DATE ?=
# Test processes per database pass (pytest-xdist); 0 runs in one process.
PYTEST_WORKERS ?= 2
# The fast lane leaves out the tests marked slow (REL-4 model, soak-sized crash and scale-out tests,
# schemathesis) and browser (Playwright); tests/conftest.py marks every test that opens the browser.
FAST_SELECTION := -m "not slow and not browser"

.PHONY: install run demo test lint format typecheck contracts migrations-check security pytest \
        pytest-sqlite pytest-postgres soak mutants bench clean

$(VENV)/.installed: pyproject.toml constraints.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -c constraints.txt -e '.[dev]'
	@touch $@

install: $(VENV)/.installed

run: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py demo --if-empty $(if $(DEMO_DATE),--date $(DEMO_DATE))
	$(PY) manage.py run

demo: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py demo $(if $(DEMO_DATE),--date $(DEMO_DATE))

test: install lint typecheck contracts migrations-check security pytest

.PHONY: test-fast
test-fast: install lint typecheck contracts migrations-check security
	$(MAKE) --no-print-directory pytest-sqlite PYTEST_ARGS='$(FAST_SELECTION) $(PYTEST_ARGS)'

lint: install
	$(VENV)/bin/ruff check src tests bench
	$(VENV)/bin/ruff format --check src tests bench

format: install
	$(VENV)/bin/ruff check --fix src tests bench
	$(VENV)/bin/ruff format src tests bench

typecheck: install
	$(VENV)/bin/mypy

contracts: install
	$(VENV)/bin/lint-imports

security: install
	$(VENV)/bin/bandit --quiet --recursive src --severity-level medium --confidence-level medium

migrations-check: install
	DJANGO_SETTINGS_MODULE=planserv.config.settings.test $(PY) manage.py makemigrations --check --dry-run

pytest: pytest-sqlite pytest-postgres

pytest-sqlite: install
	@echo "== pytest on SQLite (file database, WAL, IMMEDIATE transactions)"
	env -u PLANSERV_TEST_DATABASE_URL DJANGO_SETTINGS_MODULE=planserv.config.settings.test \
	  $(VENV)/bin/pytest -n $(PYTEST_WORKERS) $(PYTEST_ARGS)

pytest-postgres: install
	@if [ -z "$$PLANSERV_TEST_POSTGRES_URL" ]; then \
	  echo "== SKIPPED: pytest on PostgreSQL (set PLANSERV_TEST_POSTGRES_URL to run it)"; \
	else \
	  echo "== pytest on PostgreSQL"; \
	  PLANSERV_TEST_DATABASE_URL="$$PLANSERV_TEST_POSTGRES_URL" \
	  DJANGO_SETTINGS_MODULE=planserv.config.settings.test $(VENV)/bin/pytest -n $(PYTEST_WORKERS) $(PYTEST_ARGS); \
	fi

# REL-6 and REL-10 at a bigger size (PLANSERV_SOAK=1): the sweep crash test on 20,000 vouchers
# (both databases), the web-worker crash, and 2 gunicorn + 2 workers under 3,392 racing requests.
soak: install
	@if [ -z "$$PLANSERV_TEST_POSTGRES_URL" ]; then \
	  echo "make soak needs PostgreSQL: set PLANSERV_TEST_POSTGRES_URL (REL-10 is PostgreSQL only)"; \
	  exit 1; \
	fi
	@echo "== soak on SQLite (REL-6)"
	env -u PLANSERV_TEST_DATABASE_URL PLANSERV_SOAK=1 DJANGO_SETTINGS_MODULE=planserv.config.settings.test \
	  $(VENV)/bin/pytest -n 0 -s $(PYTEST_ARGS) tests/reliability tests/customers/test_removal_crash.py
	@echo "== soak on PostgreSQL (REL-6, REL-10)"
	PLANSERV_SOAK=1 PLANSERV_TEST_DATABASE_URL="$$PLANSERV_TEST_POSTGRES_URL" \
	  DJANGO_SETTINGS_MODULE=planserv.config.settings.test \
	  $(VENV)/bin/pytest -n 0 -s $(PYTEST_ARGS) tests/reliability tests/customers/test_removal_crash.py

# REL-4: plant each bug of tests/model/mutants.py and show which tests catch it (narrow tests and
# the REL-4 state machine; the skipped-lock bug needs PLANSERV_TEST_POSTGRES_URL). Report in
# var/mutants-report.txt. MUTANTS_ARGS="--quick" skips the state machine; names pick mutants.
MUTANTS_ARGS ?=
mutants: install
	DJANGO_SETTINGS_MODULE=planserv.config.settings.test $(PY) -m tests.model.run_mutants $(MUTANTS_ARGS)

bench: install
	$(PY) -m bench

clean:
	rm -rf $(VENV) var/*.sqlite3* var/static var/test-files-*
