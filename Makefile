# Quick start: `make demo` (serve the example site) and `make test` (the whole suite).

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE = cd example_site && WAGTAILADMIN_BASE_URL=http://$(HOST):$(PORT) ../$(BIN)/python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
# The suite runs in parallel, one worker per core.
PYTEST_ARGS ?= -n auto

.PHONY: help install demo serve test test-postgres lint format messages check ci clean benchmark benchmark-registers benchmark-scale loadtest matrix security

help:
	@echo "make demo           install, migrate SQLite, load the five municipalities, serve on http://$(HOST):$(PORT)"
	@echo "make test           run the whole test suite (SQLite), also with a site's own base page model"
	@echo "make test-postgres  run the suite on PostgreSQL (DATABASE_URL, default the local 'test' database)"
	@echo "make benchmark      time the public pages and count their queries, small and large sections (BENCHMARK_ARGS)"
	@echo "make benchmark-registers  time the trip register in the admin with 500 and 50,000 trips (BENCHMARK_ARGS)"
	@echo "make benchmark-scale  public pages and registers with 290 municipalities against 5, on PostgreSQL (BENCHMARK_ARGS)"
	@echo "make loadtest       gunicorn + PostgreSQL + Redis under wrk, without and with the cache (LOADTEST_ARGS)"
	@echo "make matrix         checks and the suite on each supported Python, Django and Wagtail (MATRIX=name for one)"
	@echo "make security       bandit and pip-audit"
	@echo "make lint           ruff"
	@echo "make messages       update and compile the Swedish translation"
	@echo "make ci             what CI runs (.ci/run)"

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "Python 3.11 or newer is needed (PYTHON=$(PYTHON))"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/python setup.cfg pyproject.toml
	$(BIN)/python -m pip install --quiet -e ".[dev,production]"
	@touch $@

install: $(VENV)/.installed

demo: install
	$(MANAGE) migrate --no-input
	$(MANAGE) internationellt_demo --site-address $(HOST):$(PORT)
	$(MANAGE) internationellt_roles
	$(MANAGE) runserver $(HOST):$(PORT)

serve: install
	$(MANAGE) runserver $(HOST):$(PORT)

# The suite, then the tests that run under a site's own base page model (WAGTAIL_PAGE_MODEL).
CUSTOM_PAGE_TESTS = --ds=tests.settings_custom_page tests/test_custom_base_page.py tests/test_workflow.py tests/test_registers.py

test: install
	$(BIN)/pytest $(PYTEST_ARGS)
	$(BIN)/pytest $(PYTEST_ARGS) $(CUSTOM_PAGE_TESTS)

test-postgres: install
	DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/test} REQUIRE_POSTGRES=1 $(BIN)/pytest $(PYTEST_ARGS)
	DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/test} $(BIN)/pytest $(PYTEST_ARGS) $(CUSTOM_PAGE_TESTS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

messages: install
	cd wagtail_internationellt && ../$(BIN)/django-admin makemessages -l sv --no-obsolete --no-location
	cd wagtail_internationellt && ../$(BIN)/django-admin compilemessages -l sv
	cd example_site && ../$(BIN)/django-admin makemessages -l sv --no-obsolete --no-location
	cd example_site && ../$(BIN)/django-admin compilemessages -l sv

check: install
	$(MANAGE) check
	$(MANAGE) makemigrations --check --dry-run

# Options in the docstring of benchmarks/public_pages.py, e.g. BENCHMARK_ARGS="--requests 20".
benchmark: install
	$(BIN)/python benchmarks/public_pages.py $(BENCHMARK_ARGS)

# Options in the docstring of benchmarks/registers.py, e.g. BENCHMARK_ARGS="--large 5000".
benchmark-registers: install
	$(BIN)/python benchmarks/registers.py $(BENCHMARK_ARGS)

# Options in the docstring of benchmarks/scale.py, e.g. BENCHMARK_ARGS="--requests 10 --keep".
# Needs PostgreSQL (default postgres://postgres@127.0.0.1:5432/internationellt_scale, the
# stem of its two databases, NAME_small and NAME_large).
benchmark-scale: install
	$(BIN)/python benchmarks/scale.py $(BENCHMARK_ARGS)

# Options in the docstring of benchmarks/load.py, e.g. LOADTEST_ARGS="--seconds 10".
# Needs PostgreSQL, Redis and Debian's wrk (apt-get install wrk).
loadtest: install
	$(BIN)/python benchmarks/load.py $(LOADTEST_ARGS)

# The checks and the suite on each supported Python, Django and Wagtail, each in its own
# virtualenv under .matrix/ (scripts/matrix.sh --list). One: make matrix MATRIX=py313-django61-wagtail8
matrix:
	bash scripts/matrix.sh $(MATRIX)

security: install
	bash scripts/security_checks.sh

ci:
	bash .ci/run

clean:
	rm -rf $(VENV) example_site/db.sqlite3 example_site/media example_site/.cache .pytest_cache .ruff_cache
