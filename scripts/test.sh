#!/usr/bin/env bash
# Everything `make test` does, in order; the first failing step fails the run.
#
#   1 Debian packages  postgresql, chromium and gettext, installed when missing (root or sudo);
#                      gettext only so the catalogue test can run makemessages: the .mo are committed;
#                      fonts-dejavu-core for the Cyrillic font the production report's PDF embeds
#   2 virtualenv       .venv with Kuzbas and its `dev` extra (skipped when pyproject.toml is unchanged)
#   3 ruff check       lint src and tests
#   4 ruff format      formatting of src and tests, checked, never rewritten
#     mypy statute     the pure statute engine type-checks under --strict
#   5 migrations       every model change has its migration (makemigrations --check --dry-run)
#   6 pytest SQLite    the whole suite, browser tests included, on the embedded default database;
#                      it holds the schemathesis run (tests/web/test_api_fuzz.py): every API
#                      operation as a colonist and a clerk, no 5xx, no answer off its schema
#   7 PostgreSQL       a throwaway cluster on a free loopback port, deleted on exit whatever happens
#   8 pytest Postgres  the suite minus browser tests, against that cluster
#
# PYTEST_ARGS is added to both pytest runs, e.g. PYTEST_ARGS="-x -k quorum" or PYTEST_ARGS="-n 4".
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
venv="$root/.venv"
# Parsed as shell words, so PYTEST_ARGS='-k "quorum and not appeal"' keeps its quotes.
eval "pytest_args=(${PYTEST_ARGS:-})"
# Two workers by default: the machines have two cores. PYTEST_WORKERS=0 runs in one process.
pytest_args=(-n "${PYTEST_WORKERS:-2}" "${pytest_args[@]}")

# The suite picks its database from DATABASE_URL; a developer's exported one must not leak in.
unset DATABASE_URL
export KUZBAS_MODE=test
export DJANGO_SETTINGS_MODULE=kuzbas.web.settings
export PYTHONUNBUFFERED=1
# CI has no stdin; nothing below may wait for an answer.
exec </dev/null

pg_dir=""
summary=()
run_started=$SECONDS

cleanup() {
    local status=$?
    if [[ -n "$pg_dir" ]]; then
        "$root/scripts/pg-throwaway.sh" stop "$pg_dir" || true
    fi
    echo
    echo "==== make test: summary"
    local line
    for line in "${summary[@]}"; do
        echo "  $line"
    done
    if [[ $status -eq 0 ]]; then
        echo "==== make test: PASSED in $((SECONDS - run_started))s"
    else
        echo "==== make test: FAILED (exit $status) after $((SECONDS - run_started))s"
    fi
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

step_number=0
# step NAME COMMAND...: run one step with a banner, record its time, stop the run if it fails.
step() {
    local name="$1"
    shift
    step_number=$((step_number + 1))
    local started=$SECONDS status=0
    echo
    echo "==== [$step_number] $name"
    "$@" || status=$?
    local took=$((SECONDS - started))
    if [[ $status -ne 0 ]]; then
        summary+=("$(printf '[%d] %-16s %-16s %5ss' "$step_number" "$name" "FAILED (exit $status)" "$took")")
        echo "==== [$step_number] $name: FAILED with exit $status after ${took}s"
        exit "$status"
    fi
    summary+=("$(printf '[%d] %-16s %-16s %5ss' "$step_number" "$name" "ok" "$took")")
    echo "==== [$step_number] $name: ok in ${took}s"
}

start_postgres() {
    local assignments
    assignments="$("$root/scripts/pg-throwaway.sh" start)" || return 1
    pg_dir="$(sed -n 's/^PG_THROWAWAY_DIR=//p' <<<"$assignments")"
    pg_url="$(sed -n 's/^DATABASE_URL=//p' <<<"$assignments")"
    [[ -n "$pg_dir" && -n "$pg_url" ]] || { echo "pg-throwaway.sh printed no DATABASE_URL" >&2; return 1; }
    echo "DATABASE_URL=${pg_url/:*@/:***@}"
}

step "Debian packages" "$root/scripts/ensure-system-packages.sh" postgresql chromium gettext \
    fonts-dejavu-core
step "virtualenv" "$root/scripts/ensure-venv.sh" --dev
step "ruff check" "$venv/bin/ruff" check src tests
step "ruff format" "$venv/bin/ruff" format --check src tests
# The statute engine is the colony's constitution: fully typed, checked strictly.
step "mypy statute" "$venv/bin/mypy" --strict src/kuzbas/statute
# An in-memory database: the check needs none, and a fresh clone has no var/ for the default file.
step "migrations" env DATABASE_URL=sqlite://:memory: \
    "$venv/bin/python" -m django makemigrations --check --dry-run
step "pytest SQLite" "$venv/bin/python" -m pytest "${pytest_args[@]}"
step "PostgreSQL" start_postgres
step "pytest Postgres" env DATABASE_URL="$pg_url" \
    "$venv/bin/python" -m pytest -m "not browser" "${pytest_args[@]}"
