"""Starting a signed-in session, shared by the password, second-factor and confirmation pages:
where to go next (same-site paths only) and the fresh session itself."""

from __future__ import annotations

from flask import session, url_for
from flask_login import login_user
from flask_wtf.csrf import generate_csrf

from app.auth.models import User
from app.redirects import safe_next

__all__ = ["home_url", "safe_next", "start_session"]


def home_url() -> str:
    """Where a person lands after signing in: their inbox of what waits for them, whatever the
    role (each role's own pages are one click away in the navigation)."""
    return url_for("main.index")


def start_session(user: User) -> None:
    """A fresh session for ``user``: the old one is cleared, the CSRF token renewed."""
    session.clear()
    login_user(user)
    session.pop("csrf_token", None)
    generate_csrf()
