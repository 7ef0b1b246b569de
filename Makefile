# Curriculum Mapper — `make help` lists the targets.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 5000

.PHONY: help run serve worker check test mutation lint lock install install-test clean translations

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-14s %s\n", $$1, $$2}'

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

install: $(BIN)/python ## Install the app into .venv
	$(BIN)/pip install --quiet -e .

install-test: $(BIN)/python ## Install the app, the locked test requirements and axe-core (npm, when present)
	$(BIN)/pip install --quiet --require-hashes -r requirements.lock
	$(BIN)/pip install --quiet --no-deps -e .
	@if [ -f node_modules/axe-core/axe.min.js ]; then :; \
	elif command -v npm >/dev/null 2>&1; then npm ci --no-audit --no-fund --loglevel=error; \
	else echo "npm is not installed: the browser tests will be skipped (they need axe-core)"; fi

lock: $(BIN)/python ## Recompute requirements.lock from pyproject.toml (after changing a dependency)
	$(BIN)/pip install --quiet pip-tools
	$(BIN)/pip-compile --quiet --extra test --generate-hashes --strip-extras --no-emit-index-url --no-emit-find-links --output-file requirements.lock pyproject.toml

check: install-test ## Everyday check, no root needed: lint and the whole suite on SQLite with coverage
	VENV=$(VENV) bash scripts/check.sh

run: install ## Install, migrate the SQLite database, load demo data and serve on localhost with gunicorn
	$(BIN)/flask --app wsgi db upgrade
	$(BIN)/flask --app wsgi demo load --demo
	$(BIN)/gunicorn --workers 2 --bind $(HOST):$(PORT) wsgi:app

serve: install ## Production: migrate the database named by DATABASE_URL and serve (no demo data)
	@test -n "$$SECRET_KEY" || { echo "Set SECRET_KEY (see README: Running in production)"; exit 2; }
	$(BIN)/flask --app wsgi db upgrade
	$(BIN)/gunicorn --workers $${WORKERS:-2} --bind $${BIND:-127.0.0.1:8000} wsgi:app

worker: install ## Production: send the outbox and queue the daily reminders (as many as you like)
	@test -n "$$SECRET_KEY" || { echo "Set SECRET_KEY (see README: Running in production)"; exit 2; }
	$(BIN)/flask --app wsgi worker

test: ## Install the test requirements (Python, Chromium, PostgreSQL, axe-core) and run lint and the whole suite
	bash scripts/test.sh

mutation: install-test ## Nightly, slow: mutmut on the pure cores, each module against its tests and kill-rate floor
	VENV=$(VENV) bash scripts/mutation.sh

lint: install-test ## Lint and check formatting
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

translations: $(BIN)/python ## Extract the marked text, update the Spanish catalogue, compile it
	$(BIN)/pybabel extract -F babel.cfg -k _l -k N_ -k Message --no-location --no-wrap --sort-output -o app/translations/messages.pot .
	$(BIN)/pybabel update --no-wrap --no-fuzzy-matching -i app/translations/messages.pot -d app/translations
	$(BIN)/pybabel compile -d app/translations

clean: ## Remove the virtualenv and caches
	rm -rf $(VENV) .pytest_cache .ruff_cache
