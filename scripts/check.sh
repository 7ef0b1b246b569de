#!/usr/bin/env bash
# Everyday check, no root needed: lint, then the whole suite on SQLite with branch coverage,
# holding the pure cores to a floor. Used by `make check` and by scripts/test.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${VENV:-.venv}/bin

# The pure cores whose branch coverage may not fall below PURE_CORE_FLOOR percent.
PURE_CORES="app/policy.py,app/findings.py,app/dates.py,app/framework/models.py,app/framework/schema.py,app/framework/loader.py,app/framework/graph.py,app/framework/services.py,app/framework/citations.py,app/framework/derive.py,app/ce/rules.py,app/ce/csvio.py,app/ce/spreadsheet.py,app/registry/rules.py,app/submissions/states.py,app/submissions/clock.py,app/submissions/diff.py,app/complaints/states.py,app/complaints/clock.py,app/providers/standing.py,app/reports/dhcs.py,app/reports/roster.py,app/reports/xlsx.py"
PURE_CORE_FLOOR=${PURE_CORE_FLOOR:-95}
# The syllabus core (outline reader, durations, crediting, rules) has a floor of its own.
SYLLABUS_CORE_FLOOR=${SYLLABUS_CORE_FLOOR:-93}
SYLLABUS_CORE="app/syllabus/vocabulary.py,app/syllabus/parser.py,app/syllabus/outline.py,app/syllabus/durations.py,app/syllabus/references.py,app/syllabus/readers.py,app/syllabus/rules.py,app/syllabus/suggest.py,app/syllabus/report.py,app/syllabus/services.py"

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
