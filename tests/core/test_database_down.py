"""With the database down, every page answers 503 with Retry-After and a plain page that needs
no database, and the app recovers by itself when the database is back."""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

import pytest

from app import create_app
from app.auth.models import Role
from app.extensions import db as _db
from tests.conftest import server_config
from tests.factories import login, make_user


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _config(url: str) -> dict:
    return server_config(
        url,
        SQLALCHEMY_ENGINE_OPTIONS={"pool_pre_ping": True, "connect_args": {"connect_timeout": 2}}
        if url.startswith("postgresql")
        else {},
    )


def _assert_unavailable(response) -> None:
    assert response.status_code == 503
    assert response.headers["Retry-After"] == "30"
    page = response.get_data(as_text=True)
    assert "cannot reach its database" in page and "Traceback" not in page


def test_a_signed_in_user_gets_503_when_the_database_cannot_be_opened(tmp_path):
    working = create_app(_config(f"sqlite:///{tmp_path / 'db.sqlite3'}"))
    with working.app_context():
        _db.create_all()
        user = make_user(Role.PEER)
        client = working.test_client()
        login(client, user)
        cookie = client.get_cookie("session").value
        _db.engine.dispose()
    broken = create_app(_config(f"sqlite:///{tmp_path / 'missing' / 'db.sqlite3'}"))
    stranded = broken.test_client()
    stranded.set_cookie("session", cookie)
    _assert_unavailable(stranded.get("/account"))  # the error page itself asks nothing
    _assert_unavailable(stranded.get("/ce"))
    api = stranded.get("/api/v1/ce/summary")
    assert api.status_code == 503 and api.json["error"]["status"] == 503
    anonymous = broken.test_client()
    _assert_unavailable(anonymous.post("/login", data={"email": "a@b.org", "password": "x" * 12}))
    assert anonymous.get("/frameworks").status_code == 200  # pages without data still work
    with broken.app_context():
        _db.engine.dispose()


def _pg_bin() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"))
    return Path(found[-1]).parent if found else None


@pytest.fixture
def own_postgres():
    """A throwaway PostgreSQL server of our own, so the test can stop it."""
    bin_dir = _pg_bin()
    if bin_dir is None:
        if os.environ.get("CI"):
            pytest.fail("PostgreSQL is not installed")
        pytest.skip("PostgreSQL is not installed here")
    folder = Path(tempfile.mkdtemp(prefix="curriculum-pg-down."))
    folder.chmod(0o755)
    run_as: list[str] = []
    if os.getuid() == 0:  # PostgreSQL refuses to run as root
        shutil.chown(folder, "postgres")
        run_as = ["runuser", "-u", "postgres", "--"]
    port = _free_port()
    data = folder / "data"

    def pg(*args: str) -> None:
        subprocess.run([*run_as, *args], check=True, capture_output=True, timeout=60)

    pg(str(bin_dir / "initdb"), "-D", str(data), "-U", "postgres", "--auth=trust")
    options = f"-c listen_addresses=127.0.0.1 -p {port} -k {folder} -c fsync=off"

    def start() -> None:
        pg(
            str(bin_dir / "pg_ctl"),
            "-D",
            str(data),
            "-l",
            str(folder / "log"),
            "-w",
            "-o",
            options,
            "start",
        )

    def stop() -> None:
        pg(str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop")

    start()
    try:
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres", start, stop
    finally:
        subprocess.run(
            [*run_as, str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"],
            capture_output=True,
            timeout=60,
        )
        shutil.rmtree(folder, ignore_errors=True)


@pytest.mark.postgres
def test_503_while_postgresql_is_stopped_then_recovery(own_postgres):
    url, start, stop = own_postgres
    app = create_app(_config(url))
    with app.app_context():
        _db.create_all()
        user = make_user(Role.PEER)
        client = app.test_client()
        login(client, user)
    assert client.get("/account").status_code == 200
    stop()
    _assert_unavailable(client.get("/account"))
    _assert_unavailable(client.get("/admin"))
    start()
    assert client.get("/account").status_code == 200  # the pool reconnects by itself
    with app.app_context():
        _db.engine.dispose()
