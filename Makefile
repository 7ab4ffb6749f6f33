# Run `make help` for the targets. Everything installs into .venv on first use.
.DEFAULT_GOAL := help
SHELL := /bin/bash

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
POSTGRES_URL ?= postgres://postgres@127.0.0.1:5432/advice
HOST_PORT ?= 127.0.0.1:8000

.PHONY: help install migrate demo run serve nginx test test-fast test-postgres lint format check bench clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | \
		awk 'BEGIN {FS = ":.*## "}; {printf "  make %-15s %s\n", $$1, $$2}'

$(VENV)/.installed: requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $@

install: $(VENV)/.installed ## Create .venv and install the pinned requirements

migrate: install ## Apply database migrations
	$(MANAGE) migrate --noinput

demo: migrate ## Load the demo columns, letters, answers and staff (idempotent), then `rerender`
	$(MANAGE) seed_demo
	$(MANAGE) rerender

run: demo ## From a fresh clone: install, migrate, load the demo, serve on 127.0.0.1:8000 with a task worker
	@echo
	@echo "Serving on http://$(HOST_PORT)/  (back office: http://$(HOST_PORT)/admin/)"
	@echo "Background tasks run in a worker beside the web server."
	@echo "Demo logins are listed above. Stop both with Ctrl-C."
	@echo
	$(MANAGE) serve $(HOST_PORT)

NGINX_PACKAGES := nginx libnginx-mod-http-brotli-static
serve: demo nginx ## As in production: bake, then nginx on 127.0.0.1:8080 in front of gunicorn, with a task worker
	$(MANAGE) serve_site

nginx: # nginx and its Brotli module from apt, when missing
	@(test -x /usr/sbin/nginx && test -e /usr/lib/nginx/modules/ngx_http_brotli_static_module.so) \
		|| (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(NGINX_PACKAGES) >/dev/null) \
		|| echo "nginx is missing and could not be installed (apt-get install $(NGINX_PACKAGES))"

test: install ## Lint, check migrations and run the whole suite (SQLite)
	$(BIN)/ruff check .
	$(MANAGE) makemigrations --check --dry-run
	$(BIN)/python -m pytest

test-fast: install ## The suite without the browser and Nu checker tests (no Chromium, no Java)
	$(BIN)/ruff check .
	$(MANAGE) makemigrations --check --dry-run
	$(BIN)/python -m pytest -m "not browser and not nu"

test-postgres: install ## The same suite on PostgreSQL (POSTGRES_URL, default local postgres)
	DATABASE_URL=$(POSTGRES_URL) $(MAKE) --no-print-directory test

lint: install ## ruff check and format check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install ## Format the code with ruff
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

check: lint ## Lint, deploy checks with production settings, migrations check, tests
	DEBUG=0 ALLOWED_HOSTS=advice.example.org \
		SECRET_KEY=$$($(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(64))') \
		$(MANAGE) check --deploy --fail-level WARNING
	$(MANAGE) makemigrations --check --dry-run
	$(BIN)/python -m pytest

BENCH_ARGS ?= --size full --database all
bench: install nginx ## Benchmarks: generate data, time pages, load over HTTP, bake, publish, nginx (BENCH_ARGS)
	@command -v wrk >/dev/null || (apt-get update -qq && apt-get install -y -qq wrk >/dev/null) \
		|| echo "wrk is missing and could not be installed: the HTTP figures will fail"
	$(BIN)/python -m bench.run $(BENCH_ARGS)

clean: ## Remove the virtualenv, the local database and caches
	rm -rf $(VENV) var .pytest_cache .ruff_cache .hypothesis test-artifacts
