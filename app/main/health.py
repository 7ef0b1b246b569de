"""Probes for a load balancer or an orchestrator: /healthz (the process answers) and /readyz
(the database and the file store answer too). Both work over plain HTTP, set no cookie and say
nothing about the installation beyond "ok" or "unavailable" per part."""

from __future__ import annotations

from flask import Blueprint, current_app, jsonify
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

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

    Nothing is cached: when the store or the database comes back, the next probe says so."""
    parts = {"database": _database_ok(), "storage": _storage_ok()}
    ready = all(parts.values())
    body = {name: "ok" if ok else "unavailable" for name, ok in parts.items()}
    return jsonify(status="ok" if ready else "unavailable", **body), 200 if ready else 503


def _database_ok() -> bool:
    try:
        db.session.execute(text("SELECT 1"))
    except SQLAlchemyError:
        db.session.rollback()
        return False
    db.session.rollback()
    return True


def _storage_ok() -> bool:
    try:
        storage_for(current_app.config["UPLOAD_DIR"]).check()
    except StorageUnavailable:
        return False
    return True
