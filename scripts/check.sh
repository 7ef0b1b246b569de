#!/usr/bin/env bash
# Everyday check, no root needed: lint, then the whole suite on SQLite with branch coverage,
# holding the pure cores to a floor. Used by `make check` and by scripts/test.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${VENV:-.venv}/bin

# The pure cores and their coverage groups are listed once, in scripts/pure-cores.txt (which
# tests/test_boundaries.py reads too).
cores() { awk -v group="$1" '!/^#/ && $2 == group { printf "%s%s", sep, $1; sep = "," }' scripts/pure-cores.txt; }
PURE_CORES=$(cores core)
PURE_CORE_FLOOR=${PURE_CORE_FLOOR:-95}
SYLLABUS_CORE=$(cores syllabus)
SYLLABUS_CORE_FLOOR=${SYLLABUS_CORE_FLOOR:-93}

section() { printf '\n=== %s ===\n' "$*"; }

section "Lint"
"$BIN/ruff" check .
"$BIN/ruff" format --check .

section "Tests on SQLite, with branch coverage"
# pytest's exit code 5 (no tests collected) is a failure here, like any other non-zero code.
"$BIN/python" -m pytest -q -p no:cacheprovider --cov=app --cov-branch --cov-report=term:skip-covered "$@"

section "Coverage of the syllabus core (floor ${SYLLABUS_CORE_FLOOR}%)"
"$BIN/coverage" report --include="$SYLLABUS_CORE" --fail-under="$SYLLABUS_CORE_FLOOR"

section "Coverage of the other pure cores (floor ${PURE_CORE_FLOOR}%)"
"$BIN/coverage" report --include="$PURE_CORES" --fail-under="$PURE_CORE_FLOOR"

section "Summary"
echo "Lint, tests and coverage floors passed."
printf 'Browser tests: '
"$BIN/python" -m tests.browser.tools
