"""Request-side helpers: where a request comes from, and the hook that logs refusals and
downloads for every route in one place."""

from __future__ import annotations

import logging
from typing import Any

from flask import Flask, Response, request
from flask_login import current_user
from sqlalchemy.exc import SQLAlchemyError

from app.extensions import db
from app.security_log.services import Origin, log_event

logger = logging.getLogger(__name__)


def request_origin() -> Origin:
    return Origin(
        address=request.remote_addr or "",
        user_agent=request.headers.get("User-Agent", ""),
        path=request.full_path.rstrip("?") if request else "",
    )


def _signed_in_user_id() -> int | None:
    try:
        return current_user.id if current_user.is_authenticated else None
    except SQLAlchemyError:  # the database is failing: log without the user
        return None


def log_request_event(
    event: str,
    outcome: str,
    *,
    user_id: int | None = None,
    identifier: str = "",
    details: dict[str, Any] | None = None,
) -> None:
    """Add an event about the current request (the signed-in user unless ``user_id`` is given)."""
    log_event(
        db.session,
        event,
        outcome,
        origin=request_origin(),
        user_id=user_id if user_id is not None else _signed_in_user_id(),
        identifier=identifier,
        details=details,
    )


def init_security_log(app: Flask) -> None:
    """Log every 403 and every file sent as an attachment (exports and uploads)."""

    @app.after_request
    def _log_refusals_and_downloads(response: Response) -> Response:
        denied = response.status_code == 403
        download = response.status_code == 200 and "attachment" in response.headers.get(
            "Content-Disposition", ""
        )
        if not (denied or download):
            return response
        try:
            if denied:
                db.session.rollback()  # nothing a refused request did may be kept
                log_request_event("access", "denied", details={"endpoint": request.endpoint})
            else:
                log_request_event("download", "success", details={"endpoint": request.endpoint})
            db.session.commit()
        except SQLAlchemyError:
            db.session.rollback()
            logger.exception("could not record a security event")
        return response
