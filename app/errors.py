"""Domain errors mapped to HTTP responses in one place: HTML for pages, JSON under /api/."""

from __future__ import annotations

from flask import Flask, jsonify, render_template, request
from werkzeug.exceptions import HTTPException


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


def wants_json() -> bool:
    return request.path.startswith("/api/")


def error_response(status: int, message: str):
    """One error format: JSON ``{"error": {"status", "message"}}`` for the API, a page otherwise."""
    if wants_json():
        return jsonify(error={"status": status, "message": message}), status
    template = f"errors/{status}.html" if status in (403, 404) else "errors/generic.html"
    return render_template(template, status=status, message=message), status


def init_errors(app: Flask) -> None:
    """Register the handlers for HTTP errors and domain errors."""

    @app.errorhandler(DomainError)
    def _domain_error(error: DomainError):
        return error_response(error.status, error.message)

    @app.errorhandler(HTTPException)
    def _http_error(error: HTTPException):
        return error_response(error.code or 500, error.description or error.name)
