"""Time limits in the right order: every call a request makes gives up before gunicorn kills
the worker, so a frozen store or a stuck database ends in the 503 page (with the security
headers); /readyz answers within its budget whatever the parts do."""

from __future__ import annotations

import io
import runpy
import socket
import threading
from pathlib import Path

import pytest
from sqlalchemy.exc import OperationalError

from app import serving
from app.auth.models import Role
from app.config import load_config
from app.extensions import db as _db
from app.security import SECURITY_HEADERS
from app.storage import forget_clients, storage_for
from tests.factories import login, make_user

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def frozen_store(monkeypatch):
    """An S3 endpoint that accepts connections and never says a word."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        listener.settimeout(0.2)
        while not stop.is_set():
            try:
                held.append(listener.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    port = listener.getsockname()[1]
    monkeypatch.setenv("STORAGE_ENDPOINT_URL", f"http://127.0.0.1:{port}")
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "frozen")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "frozen-secret")
    forget_clients()
    yield "s3://frozen-bucket"
    stop.set()
    thread.join(5)
    for connection in held:
        connection.close()
    listener.close()
    forget_clients()


def _gunicorn_settings() -> dict:
    return runpy.run_path(str(ROOT / "gunicorn.conf.py"))


def test_every_limit_ends_before_gunicorn_kills_the_worker():
    settings = _gunicorn_settings()
    assert settings["timeout"] == serving.SERVER_TIMEOUT_SECONDS
    # A request stuck once on the store and once on the database still ends in time.
    for database in (
        serving.DATABASE_STATEMENT_TIMEOUT_SECONDS,
        serving.SQLITE_BUSY_TIMEOUT_SECONDS,
        serving.DATABASE_POOL_TIMEOUT_SECONDS + serving.DATABASE_CONNECT_TIMEOUT_SECONDS,
    ):
        assert serving.storage_call_limit() + database < serving.SERVER_TIMEOUT_SECONDS
    assert serving.READY_BUDGET_SECONDS < 1
    postgres = load_config({"SQLALCHEMY_DATABASE_URI": "postgresql://u@db.internal/c"})
    options = postgres["SQLALCHEMY_ENGINE_OPTIONS"]
    assert "statement_timeout=10000" in options["connect_args"]["options"]
    assert options["connect_args"]["connect_timeout"] == serving.DATABASE_CONNECT_TIMEOUT_SECONDS
    assert options["pool_timeout"] == serving.DATABASE_POOL_TIMEOUT_SECONDS
    sqlite = load_config({"SQLALCHEMY_DATABASE_URI": "sqlite:///x.sqlite3"})
    assert sqlite["SQLALCHEMY_ENGINE_OPTIONS"]["connect_args"]["timeout"] == (
        serving.SQLITE_BUSY_TIMEOUT_SECONDS
    )
    off = load_config(
        {"SQLALCHEMY_DATABASE_URI": "postgresql://u@h/c", "DATABASE_STATEMENT_TIMEOUT": 0}
    )
    assert "options" not in off["SQLALCHEMY_ENGINE_OPTIONS"]["connect_args"]


def test_the_store_clients_carry_the_limits(frozen_store):
    store = storage_for(frozen_store)
    config = store.client.meta.config
    assert (config.connect_timeout, config.read_timeout) == (
        serving.STORAGE_CONNECT_TIMEOUT_SECONDS,
        serving.STORAGE_READ_TIMEOUT_SECONDS,
    )
    assert config.retries["total_max_attempts"] == serving.STORAGE_ATTEMPTS
    probe = store.probe.meta.config
    assert probe.connect_timeout <= 0.5 and probe.read_timeout <= 0.5
    assert probe.retries["total_max_attempts"] == 1


def test_an_upload_to_a_frozen_store_ends_in_the_503_page_with_the_form(app, db, frozen_store):
    app.config["UPLOAD_DIR"] = frozen_store
    client = app.test_client()
    login(client, make_user(Role.PROVIDER))
    response = client.post(
        "/provider/curricula/new",
        data={
            "program": "core",
            "title": "Frozen store course",
            "language": "English",
            "upload": (io.BytesIO(b"## Ethics (4 hours) [core-11]\n"), "syllabus.md"),
        },
        content_type="multipart/form-data",
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 503
    assert "file store cannot be reached" in page and 'value="Frozen store course"' in page
    for name in SECURITY_HEADERS:
        assert name in response.headers


def test_readyz_says_unavailable_for_a_frozen_store(app, db, frozen_store):
    app.config["UPLOAD_DIR"] = frozen_store
    response = app.test_client().get("/readyz")
    assert response.status_code == 503
    assert response.get_json() == {
        "status": "unavailable",
        "database": "ok",
        "storage": "unavailable",
    }


def test_a_commit_that_times_out_answers_503_with_the_security_headers(app, db, monkeypatch):
    """SQLite waits for another writer at COMMIT; PostgreSQL may cancel it. Either way the answer
    is the 503 page, not a 500, and it carries the headers every page carries."""
    client = app.test_client()
    login(client, make_user(Role.PROVIDER))

    def timed_out():
        raise OperationalError("COMMIT", {}, Exception("database is locked"))

    monkeypatch.setattr(_db.session, "commit", timed_out)
    response = client.post(
        "/provider/curricula/new",
        data={"program": "core", "title": "T", "language": "English", "text": "## A (1 hour)"},
    )
    assert response.status_code == 503 and response.headers["Retry-After"]
    for name in SECURITY_HEADERS:
        assert name in response.headers
