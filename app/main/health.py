"""Probes for a load balancer or an orchestrator: /healthz (the process answers) and /readyz
(the database and the file store answer too). Both work over plain HTTP, set no cookie and say
nothing about the installation beyond "ok" or "unavailable" per part."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor, wait

from flask import Blueprint, current_app, jsonify
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from app import serving
from app.extensions import db
from app.storage import StorageUnavailable, storage_for

bp = Blueprint("health", __name__)


@bp.get("/healthz")
def healthz():
    """The process is up and serving requests; nothing else is asked."""
    return jsonify(status="ok")


@bp.get("/readyz")
def readyz():
    """Ready to serve: the database answers a query and the file store answers; 503 otherwise.

    Both are asked at once, each in its own thread, and the answer comes within
    READY_BUDGET_SECONDS whatever they do: a part that has not answered by then is
    unavailable (a load balancer's probe times out in a second or two). Nothing is cached:
    when the store or the database comes back, the next probe says so."""
    engine, store = db.engine, storage_for(current_app.config["UPLOAD_DIR"])
    pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="readyz")
    futures = {
        "database": pool.submit(_database_ok, engine),
        "storage": pool.submit(_storage_ok, store),
    }
    pool.shutdown(wait=False)  # a part still hanging finishes on its own time limits
    done, _ = wait(futures.values(), timeout=serving.READY_BUDGET_SECONDS)
    parts = {name: future in done and future.result() for name, future in futures.items()}
    ready = all(parts.values())
    body = {name: "ok" if ok else "unavailable" for name, ok in parts.items()}
    return jsonify(status="ok" if ready else "unavailable", **body), 200 if ready else 503


def _database_ok(engine) -> bool:
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    except SQLAlchemyError:
        return False
    return True


def _storage_ok(store) -> bool:
    try:
        store.check()
    except StorageUnavailable:
        return False
    return True
