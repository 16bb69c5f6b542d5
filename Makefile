# Maillage — the two set-up commands are `make run` and `make test` (see README).
# Everything else here is what they are made of. Re-running is idempotent and fast:
# each install step is skipped while its inputs are unchanged.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PG_URL ?= postgres://postgres@127.0.0.1:5432/maillage
HOST ?= 127.0.0.1
PORT ?= 8000

PY_STAMP := $(VENV)/.installed
JS_STAMP := node_modules/.installed
DIST_STAMP := maillage/static/dist/.built
FRONTEND_SOURCES := $(shell find frontend -type f 2>/dev/null)

.PHONY: run test install test-sqlite test-postgres lint format demo chromium pango postgres redis wrk gettext messages bench bench-load clean

## make run: install everything, migrate, load the demo data, serve on http://127.0.0.1:8000
run: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo
	$(PY) manage.py runserver $(HOST):$(PORT)

## make test: install everything, lint, run the whole suite on SQLite and on PostgreSQL, side by side
## (one suite per core; each suite's output is printed whole when it ends, the slower one last)
test: install chromium postgres redis gettext lint
	$(MAKE) --no-print-directory -j2 --output-sync=target test-sqlite test-postgres

install: pango $(PY_STAMP) $(JS_STAMP) $(DIST_STAMP)

$(PY):
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 ou plus récent est requis (PYTHON=python3.11 make …).")'
	$(PYTHON) -m venv $(VENV)

$(PY_STAMP): requirements/base.txt requirements/test.txt | $(PY)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements/test.txt
	@touch $@

$(JS_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

$(DIST_STAMP): $(JS_STAMP) $(FRONTEND_SOURCES)
	npm run --silent build
	@touch $@

chromium:
	@scripts/ensure-chromium.sh

pango:
	@scripts/ensure-pango.sh

postgres:
	@scripts/ensure-postgres.sh

redis:
	@scripts/ensure-redis.sh

gettext:
	@scripts/ensure-gettext.sh

## make messages: refresh the English catalogue from the code, then compile it, and the French plural catalogue (the .mo files are committed)
messages: $(PY_STAMP) gettext
	$(PY) manage.py makemessages -l en
	$(PY) manage.py compilemessages -l en
	$(PY) scripts/french_plurals.py

lint: $(PY_STAMP)
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) -m djlint maillage --lint

format: $(PY_STAMP)
	$(PY) -m ruff check --fix .
	$(PY) -m ruff format .

test-sqlite: install redis
	@echo "== Suite on SQLite"
	env -u DATABASE_URL PG_URL=$(PG_URL) $(PY) -m pytest $(PYTEST_ARGS)

test-postgres: install postgres redis
	@echo "== Suite on PostgreSQL ($(PG_URL))"
	DATABASE_URL=$(PG_URL) $(PY) -m pytest $(PYTEST_ARGS)

demo: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo

bench: install
	$(PY) bench/run_all.py

wrk:
	@scripts/ensure-wrk.sh

## make bench-load: the four main pages under gunicorn beside runserver (wrk, PostgreSQL demo, Redis)
bench-load: install postgres redis wrk
	$(PY) bench/load.py

clean:
	rm -rf $(VENV) node_modules maillage/static/dist staticfiles
