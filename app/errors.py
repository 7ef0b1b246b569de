"""Domain errors mapped to HTTP responses in one place: HTML for pages, JSON under /api/."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from flask import Flask, current_app, flash, jsonify, make_response, request
from flask_babel import gettext as _
from sqlalchemy.exc import InterfaceError, OperationalError, SQLAlchemyError
from sqlalchemy.exc import TimeoutError as SQLAlchemyTimeoutError
from sqlalchemy.orm.exc import StaleDataError
from werkzeug.exceptions import HTTPException

from app.extensions import db
from app.i18n.messages import translated
from app.messages import Message
from app.posted import uploaded

logger = logging.getLogger(__name__)
RETRY_AFTER_SECONDS = 30


class DomainError(Exception):
    """Base of the errors services raise; ``status`` is the HTTP status it maps to."""

    status = 400

    def __init__(self, message: str, *, status: int | None = None):
        super().__init__(message)
        self.message = message
        if status is not None:
            self.status = status


class NotFound(DomainError):
    status = 404


class Forbidden(DomainError):
    status = 403


class Conflict(DomainError):
    """The object changed since the client read it (optimistic locking) or the move is not allowed now."""

    status = 409


# What a person is told when someone else changed the same record between their reading it and
# their change reaching the database (a version-checked UPDATE matched no row).
CHANGED_MEANWHILE = (
    "Someone else changed this at the same time; what you sent was not saved. "
    "Look at the current state below and send it again if it still applies."
)


def conflict_of(error: Exception) -> DomainError | None:
    """The DomainError a service's failure stands for: itself, or a 409 for a lost race."""
    if isinstance(error, DomainError):
        return error
    if isinstance(error, StaleDataError):
        return Conflict(CHANGED_MEANWHILE)
    return None


def wants_json() -> bool:
    return request.path.startswith("/api/")


def error_response(status: int, message: str):
    """One error format: JSON ``{"error": {"status", "message"}}`` for the API, a page otherwise."""
    if wants_json():
        return jsonify(error={"status": status, "message": message}), status
    template = f"errors/{status}.html" if status in (403, 404, 503) else "errors/generic.html"
    # Rendered without the context processors: Flask-Login's would load the signed-in user,
    # so an error page would need the database (the very thing that may be failing).
    page = current_app.jinja_env.get_template(template).render(status=status, message=message)
    return page, status


def init_errors(app: Flask) -> None:
    """Register the handlers for HTTP errors and domain errors."""

    @app.errorhandler(DomainError)
    def _domain_error(error: DomainError):
        db.session.rollback()
        message = error.message
        if isinstance(message, Message) and not wants_json():  # the API answers in English
            message = translated(message)
        response, status = error_response(error.status, message)
        retry_after = getattr(error, "retry_after", None)
        if retry_after:
            response = make_response(response, status)
            response.headers["Retry-After"] = str(retry_after)
        return response, status

    @app.errorhandler(StaleDataError)
    def _changed_meanwhile(error: StaleDataError):
        """A version-checked write lost a race outside ``attempt``: 409, never 500."""
        return _domain_error(Conflict(CHANGED_MEANWHILE))

    @app.errorhandler(HTTPException)
    def _http_error(error: HTTPException):
        db.session.rollback()
        return error_response(error.code or 500, error.description or error.name)

    @app.errorhandler(OperationalError)
    @app.errorhandler(InterfaceError)
    @app.errorhandler(SQLAlchemyTimeoutError)
    def _database_unavailable(error: Exception):
        """The database is down, unreachable or busy: 503 with Retry-After, a page without it."""
        logger.error("database unavailable: %s", error.__class__.__name__)
        try:
            db.session.rollback()
        except SQLAlchemyError:
            logger.debug("rollback failed as well", exc_info=True)
        response = make_response(
            error_response(503, "The service cannot reach its database right now.")
        )
        response.headers["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response


def committed_failure(error: Exception):
    """The answer when the request's final commit fails: nothing it did was saved."""
    try:
        db.session.rollback()
    except SQLAlchemyError:
        logger.debug("rollback failed as well", exc_info=True)
    if isinstance(error, StaleDataError):
        return make_response(error_response(409, CHANGED_MEANWHILE))
    logger.error("commit failed: %s", error.__class__.__name__)
    response = make_response(
        error_response(503, "The service cannot reach its database right now.")
    )
    response.headers["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


@dataclass(frozen=True)
class Outcome:
    """What ``attempt`` gives back: the service's result, or the domain error that refused it."""

    value: Any = None
    error: DomainError | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


def refusal_status(outcome: Outcome | None, default: int = 422) -> int:
    """The status of a form shown again: 409 when the service refused because the thing changed
    meanwhile (a stale form, a lost race), ``default`` for a form that needs fixing."""
    if outcome is not None and isinstance(outcome.error, Conflict):
        return 409
    return default


def attempt(
    call: Callable[[], Any],
    *,
    success: str = "",
    errors: list[str] | None = None,
    cleanup: Callable[[], None] | None = None,
) -> Outcome:
    """Call a service for a page. On a DomainError (or a lost race, as a 409 Conflict): roll back,
    run ``cleanup``, and show the message (appended to a form field's ``errors`` when given,
    flashed otherwise). ``success`` is flashed when the call went through."""
    try:
        value = call()
    except (DomainError, StaleDataError) as raised:
        error = conflict_of(raised)
        db.session.rollback()
        if cleanup is not None:
            cleanup()
        if errors is not None:
            errors.append(translated(error.message))
        else:
            flash(translated(error.message), "error")
        return Outcome(error=error)
    if success:
        flash(success, "success")
    return Outcome(value=value)


def say_what_was_kept(outcome: Outcome | None, typed: str = "") -> None:
    """After a lost race the form may no longer be shown (the record moved on): flash why the
    change was refused and repeat what the person typed, so nothing they wrote is lost."""
    if refusal_status(outcome) != 409:
        return
    if outcome.error.message not in (typed, ""):
        flash(translated(outcome.error.message), "error")
    if typed.strip():
        flash(_("What you typed, not saved: “%(text)s”", text=typed.strip()), "error")


def attach_posted_file(form, store: Callable[[tuple[bytes, str], str, int], Any]) -> None:
    """Check ``form`` and the posted ``file``, keep it through ``store(upload, upload_dir, limit)``,
    and say what happened; a refused file leaves nothing behind (the services see to that)."""
    limit = current_app.config["MAX_CONTENT_LENGTH"]
    upload = uploaded("file", limit)
    if not form.validate_on_submit() or upload is None:
        flash(_("Choose a file to upload."), "error")
        return
    attached = attempt(lambda: store(upload, current_app.config["UPLOAD_DIR"], limit))
    if attached.ok:
        flash(_("%(name)s is attached.", name=attached.value.original_name), "success")
