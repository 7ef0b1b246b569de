"""Session rules: idle and absolute timeouts, and cookies fit for the address being served.

- A signed-in session ends after ``SESSION_IDLE_MINUTES`` without a request and, whatever the
  activity, ``SESSION_ABSOLUTE_HOURS`` after sign-in; a session cookie from before these rules
  (no sign-in time) is ended too, however long ago it was signed.
- Off localhost (``SECURE_COOKIES = "auto"``, the default) the session cookie is ``Secure`` and
  named with the ``__Host-`` prefix, every response carries HSTS, and plain-HTTP requests are sent
  to HTTPS. ``"always"`` and ``"never"`` force the choice.
"""

from __future__ import annotations

import time

from flask import (
    Flask,
    current_app,
    flash,
    has_request_context,
    redirect,
    request,
    session,
    url_for,
)
from flask.sessions import SecureCookieSessionInterface
from flask_babel import gettext as _
from flask_login import current_user, logout_user, user_logged_in

from app.errors import error_response
from app.extensions import db
from app.security_log.hooks import log_request_event

LOCAL_HOSTS = frozenset({"localhost", "127.0.0.1", "::1", "[::1]"})
AUTH_AT, SEEN_AT = "_auth_at", "_seen_at"
# Activity is written back to the cookie at most this often (seconds), not on every request.
_TOUCH_EVERY = 60


def now() -> float:
    return time.time()


def is_local_request() -> bool:
    host = (request.host or "").lower()
    host = host[: host.find("]") + 1] if host.startswith("[") else host.split(":")[0]
    return host in LOCAL_HOSTS or host.endswith(".localhost")


def secure_transport() -> bool:
    """Whether this request must use HTTPS and secure cookies."""
    mode = str(current_app.config.get("SECURE_COOKIES", "auto")).lower()
    if mode in ("always", "true", "1"):
        return True
    if mode in ("never", "false", "0"):
        return False
    return not is_local_request()


class SessionInterface(SecureCookieSessionInterface):
    """Flask's signed-cookie session, named ``__Host-session`` and ``Secure`` off localhost."""

    def get_cookie_name(self, app: Flask) -> str:
        name = app.config["SESSION_COOKIE_NAME"]
        return f"__Host-{name}" if _in_request() and secure_transport() else name

    def get_cookie_secure(self, app: Flask) -> bool:
        return (_in_request() and secure_transport()) or bool(app.config["SESSION_COOKIE_SECURE"])

    def get_cookie_domain(self, app: Flask) -> str | None:
        # __Host- cookies must not name a domain.
        return None if _in_request() and secure_transport() else super().get_cookie_domain(app)

    def get_cookie_path(self, app: Flask) -> str:
        return "/" if _in_request() and secure_transport() else super().get_cookie_path(app)


def _in_request() -> bool:

    return has_request_context()


def _require_https():
    # The probes of a load balancer reach the app server directly, over plain HTTP.
    if (request.blueprint or "") == "health":
        return None
    if secure_transport() and not request.is_secure:
        if request.method in ("GET", "HEAD"):
            return redirect(request.url.replace("http://", "https://", 1), code=308)

        return error_response(400, "Use the HTTPS address of this site.")
    return None


def init_session_policy(app: Flask) -> None:
    app.session_interface = SessionInterface()

    @user_logged_in.connect_via(app)
    def _stamp(sender, user, **extra) -> None:
        session[AUTH_AT] = session[SEEN_AT] = int(now())

    app.before_request(_require_https)

    @app.before_request
    def _expire_sessions():
        if request.endpoint == "static" or not current_user.is_authenticated:
            return None
        config, moment = current_app.config, now()
        auth_at, seen_at = session.get(AUTH_AT), session.get(SEEN_AT)
        idle = int(config["SESSION_IDLE_MINUTES"]) * 60
        absolute = int(config["SESSION_ABSOLUTE_HOURS"]) * 3600
        expired = (
            not isinstance(auth_at, int)
            or not isinstance(seen_at, int)
            or moment - seen_at > idle
            or moment - auth_at > absolute
        )
        if not expired:
            if moment - seen_at >= _TOUCH_EVERY:
                session[SEEN_AT] = int(moment)
            return None

        log_request_event("session_expired", "info")

        db.session.commit()
        logout_user()
        session.clear()
        if request.path.startswith("/api/"):
            return error_response(401, "Your session has ended; sign in again.")
        flash(_("Your session ended after a while; sign in again to continue."), "warning")
        return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))

    @app.after_request
    def _transport_headers(response):
        if _in_request() and secure_transport():
            seconds = int(current_app.config.get("HSTS_SECONDS", 31536000))
            response.headers.setdefault(
                "Strict-Transport-Security", f"max-age={seconds}; includeSubDomains"
            )
        return response
