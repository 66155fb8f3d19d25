# Kuzbas: the two commands a newcomer needs are `make demo` and `make test` (see README).
# The work happens in scripts/; each target is a thin, readable call.

SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help

VENV := .venv
BIN := $(VENV)/bin
# Extra arguments for `kuzbas demo`, e.g. make demo ARGS="--reset".
ARGS ?=
# Languages with a catalogue (English is the source language); each gets src/kuzbas/locale/<lang>/LC_MESSAGES/django.po.
LANGUAGES := ru
# What makemessages skips (relative to src/kuzbas); the same as tests/web/test_translations.py,
# which fails when the committed catalogue and the code disagree.
I18N_IGNORE := --ignore='static/*'

.PHONY: help demo test lint fmt messages vendor-static clean venv venv-dev

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

demo: venv ## run the built-in demo on SQLite (ARGS="--reset" and other `kuzbas demo` options pass through)
	$(BIN)/kuzbas demo $(ARGS)

test: ## install what is missing, then lint, check migrations, run the suite on SQLite and PostgreSQL
	scripts/test.sh

lint: venv-dev ## ruff check and ruff format --check, changing nothing
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests

fmt: venv-dev ## rewrite src and tests to the house format, fixing what ruff can fix
	$(BIN)/ruff check --fix src tests
	$(BIN)/ruff format src tests

# The compiled .mo files are committed, so `make demo` needs no gettext (`make test` installs it
# only so the catalogue test can run makemessages). Run this after changing translatable strings,
# translate the new entries, run it again to compile, then commit both the .po and the .mo files.
messages: venv ## refresh the en/ru .po catalogues from the code and compile them to .mo (needs gettext)
	scripts/ensure-system-packages.sh gettext
	cd src/kuzbas && KUZBAS_MODE=test DJANGO_SETTINGS_MODULE=kuzbas.web.settings \
		../../$(BIN)/django-admin makemessages $(addprefix -l ,$(LANGUAGES)) \
		--no-obsolete $(I18N_IGNORE)
	cd src/kuzbas && KUZBAS_MODE=test DJANGO_SETTINGS_MODULE=kuzbas.web.settings \
		../../$(BIN)/django-admin compilemessages $(addprefix -l ,$(LANGUAGES)) $(I18N_IGNORE)

vendor-static: ## re-copy htmx, Pico and Vega from npm into src/kuzbas/web/static/vendor (needs npm)
	scripts/vendor-static.sh

clean: ## delete the virtualenv, local data under var/, caches and build output
	rm -rf $(VENV) var node_modules build dist test-results .pytest_cache .ruff_cache .hypothesis
	find src tests -name '__pycache__' -type d -prune -exec rm -rf {} +
	find src -maxdepth 1 -name '*.egg-info' -type d -prune -exec rm -rf {} +

venv:
	@scripts/ensure-venv.sh

venv-dev:
	@scripts/ensure-venv.sh --dev
