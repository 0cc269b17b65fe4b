# Meedenken: the two commands a newcomer needs are `make demo` and `make test`.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
PG_URL ?= postgres://postgres@127.0.0.1:5432/test

.PHONY: install demo serve worker test test-sqlite test-postgres lint format migrate messages clean

$(STAMP): pyproject.toml requirements.lock frontend/package.json frontend/package-lock.json scripts/vendor_assets.py
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	cd frontend && npm ci --no-audit --no-fund --loglevel=error
	$(BIN)/python scripts/vendor_assets.py
	touch $(STAMP)

install: $(STAMP) messages

# Compiled catalogues (.mo) are build output, made from the committed .po files.
messages: $(STAMP)
	@if ls meedenken/locale/*/LC_MESSAGES/django.po >/dev/null 2>&1; then \
		$(BIN)/meedenken compilemessages --ignore=.venv --ignore=frontend --ignore=var -v 0; \
	fi

migrate: install
	$(BIN)/meedenken migrate --noinput -v 0

demo: migrate
	$(BIN)/meedenken loaddemo
	$(BIN)/meedenken demoserver --host $(HOST) --port $(PORT)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache
	$(BIN)/mypy
	$(BIN)/meedenken openapi --output var/openapi.json  # the API by the NL GOV rules (issue 16)
	frontend/node_modules/.bin/spectral lint --quiet -r meedenken/api/lint/nlgov-adr.spectral.yaml var/openapi.json

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# SQLite runs everything; PostgreSQL runs the platform tests again when reachable (always in CI).
# The browser tests (tests/e2e, a few minutes) run once: on PostgreSQL when reachable, else SQLite.
test: install lint
	$(BIN)/meedenken makemigrations --check --dry-run -v 1
	@if [ -n "$$DATABASE_URL" ] || $(BIN)/python scripts/pg_reachable.py "$(PG_URL)"; then \
		$(MAKE) --no-print-directory test-sqlite PYTEST_ARGS=--ignore=tests/e2e && \
		$(MAKE) --no-print-directory test-postgres; \
	else \
		$(MAKE) --no-print-directory test-sqlite && \
		echo "!!! PostgreSQL not reachable at $(PG_URL): platform tests ran on SQLite only"; \
	fi

test-sqlite: install
	env -u DATABASE_URL $(BIN)/pytest -q -p no:cacheprovider $(PYTEST_ARGS)

test-postgres: install
	DATABASE_URL=$${DATABASE_URL:-$(PG_URL)} $(BIN)/pytest -q -p no:cacheprovider tests/platform $$( [ -d tests/e2e ] && echo tests/e2e )

clean:
	rm -rf $(VENV) var frontend/node_modules meedenken/core/static/vendor
