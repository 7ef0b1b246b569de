"""deploy/cluster.sh starts PostgreSQL, SeaweedFS, two app servers and the worker on one
machine, every server ready; `stop` leaves nothing running."""

from __future__ import annotations

import glob
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import urllib.request
from pathlib import Path

import pytest

from tests.test_cluster import _free_port

ROOT = Path(__file__).resolve().parents[1]

pytestmark = [pytest.mark.postgres, pytest.mark.cluster]


def _s3_port() -> int:
    """A free port whose gRPC twin (port + 10000) is free too, as SeaweedFS needs."""
    while True:
        port = _free_port()
        if port + 10000 > 65535:
            continue
        with socket.socket() as twin:
            try:
                twin.bind(("127.0.0.1", port + 10000))
            except OSError:
                continue
        return port


def _running(pid_file: Path) -> bool:
    try:
        os.kill(int(pid_file.read_text()), 0)
    except (OSError, ValueError):
        return False
    return True


def test_cluster_script_starts_every_part_and_stops_them():
    if not glob.glob("/usr/lib/postgresql/*/bin/initdb"):
        if os.environ.get("CI"):
            pytest.fail("PostgreSQL is not installed")
        pytest.skip("PostgreSQL is not installed here")
    folder = Path(tempfile.mkdtemp(prefix="curriculum-cluster."))
    app_ports = [_free_port(), _free_port()]
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("STORAGE_", "AWS_"))},
        "CLUSTER_DIR": str(folder),
        "APP_PORTS": " ".join(map(str, app_ports)),
        "PG_PORT": str(_free_port()),
        "S3_PORT": str(_s3_port()),
        "VENV": os.path.relpath(Path(sys.executable).parent.parent, ROOT),
        "INSTALL": "0",
        "WORKERS": "1",
    }
    script = [str(ROOT / "deploy" / "cluster.sh")]
    try:
        started = subprocess.run(
            ["bash", *script, "start"], env=env, capture_output=True, text=True, timeout=300
        )
        assert started.returncode == 0, started.stdout + started.stderr
        for port in app_ports:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/readyz", timeout=10) as answer:
                assert json.load(answer) == {"status": "ok", "database": "ok", "storage": "ok"}
        assert _running(folder / "worker.pid")
        status = subprocess.run(
            ["bash", *script, "status"], env=env, capture_output=True, text=True, timeout=60
        )
        assert status.stdout.count("200 ") == 2, status.stdout
        pids = [folder / f"app-{port}.pid" for port in app_ports] + [
            folder / "worker.pid",
            folder / "s3" / "weed.pid",
        ]
        recorded = {p: p.read_text() for p in pids}
    finally:
        stopped = subprocess.run(
            ["bash", *script, "stop"], env=env, capture_output=True, text=True, timeout=120
        )
    assert stopped.returncode == 0, stopped.stderr
    for path, pid in recorded.items():
        path.write_text(pid)
        assert not _running(path), f"{path.name} still runs"
    shutil.rmtree(folder, ignore_errors=True)
