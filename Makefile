# Welzijn portal. `make help` lists the targets.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export DJANGO_SETTINGS_MODULE ?= welzijn.settings.local
# The benchmark's scale: country (about 12 min in all, 6.5 with the data there) or
# municipality (its load tests take as long; its data, seconds).
SCALE ?= country
WIJKEN ?= ../shared/data/cbs-wijken-2024-almere-amersfoort.geojson

.DEFAULT_GOAL := help
.PHONY: help run test install install-dev database static lint fmt messages bench

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

run: install database ## Install, load seed data, run the portal on http://127.0.0.1:8000 and its mail worker
	$(BIN)/python manage.py migrate --no-input
	@if [ -f "$(WIJKEN)" ]; then $(BIN)/python manage.py import_wijken "$(WIJKEN)"; \
	else echo "$(WIJKEN) not found: skipping the CBS wijken."; fi
	$(BIN)/python manage.py seed --demo
	bash scripts/run-with-worker.sh $(BIN)/python

test: install-dev database ## Install everything and run the whole test suite (unit, integration, e2e)
	bash scripts/ensure-debian-packages.sh
	$(BIN)/pytest

install: $(BIN)/.installed static ## Install the Python and front-end dependencies

install-dev: install $(BIN)/.installed-dev

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(BIN)/.installed: requirements.txt | $(VENV)/bin/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(BIN)/.installed-dev: requirements-dev.txt requirements.txt | $(VENV)/bin/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

static: node_modules/.package-lock.json ## Vendor front-end packages from npm into static/vendor
	npm run --silent vendor

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error

database: ## Make sure PostgreSQL runs and the database exists
	bash scripts/ensure-postgres.sh
	$(BIN)/python scripts/create_database.py

lint: install-dev ## Check the code with ruff
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

fmt: install-dev ## Format the code with ruff
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

messages: install ## Update and compile the translations (needs gettext)
	$(BIN)/python manage.py makemessages -l en --ignore=.venv --ignore=node_modules --ignore=staticfiles --ignore=bench/.staticfiles --no-obsolete
	$(BIN)/python manage.py compilemessages --ignore=.venv

bench: install-dev database ## Generate country-scale data, audit the queries, load test (bench/README.md)
	bash scripts/ensure-wrk.sh
	BENCH=1 $(BIN)/python -m bench --scale $(SCALE)
