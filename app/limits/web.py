"""Per-address rate limits on chosen endpoints, counted in the database (one hook, no view edits).

``RATE_LIMITS`` maps an endpoint to ``(limit, seconds)``: at most ``limit`` POSTs from one
address in each window of ``seconds`` (``RATE_LIMITS_GET`` the same for GETs, e.g. public
look-ups). A request over the limit answers 429 with Retry-After.
"""

from __future__ import annotations

from datetime import timedelta

from flask import Flask, current_app, make_response, request

from app.dbtypes import utcnow
from app.errors import error_response
from app.extensions import db
from app.limits import counters
from app.security_log.hooks import log_request_event


def client_address() -> str:
    """The client's address (behind a proxy, ProxyFix has already put the forwarded one here)."""
    return request.remote_addr or "unknown"


def init_rate_limits(app: Flask) -> None:
    @app.before_request
    def _rate_limit():
        if request.method not in ("POST", "GET"):
            return None
        table = "RATE_LIMITS" if request.method == "POST" else "RATE_LIMITS_GET"
        rule = current_app.config.get(table, {}).get(request.endpoint or "")
        if not rule:
            return None
        limit, seconds = rule
        key = f"rate:{request.endpoint}:{client_address()}"
        taken = counters.take(
            db.session, key, limit=int(limit), window=timedelta(seconds=int(seconds)), now=utcnow()
        )
        if taken.allowed:
            db.session.commit()
            return None

        log_request_event("rate_limit", "limited", details={"endpoint": request.endpoint})
        db.session.commit()
        response = make_response(
            error_response(429, "Too many requests from your address; wait a little and try again.")
        )
        response.headers["Retry-After"] = str(taken.retry_after)
        return response
