#!/usr/bin/env bash
# Runs lint and the whole test suite. Used by `make test` and, through it, by .ci/run.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${VENV:-.venv}/bin

"$BIN/ruff" check .
"$BIN/ruff" format --check .
"$BIN/python" -m pytest -q "$@"
