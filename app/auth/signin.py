"""Starting a signed-in session, shared by the password, second-factor and confirmation pages:
where to go next (same-site paths only) and the fresh session itself."""

from __future__ import annotations

from flask import session, url_for
from flask_login import login_user
from flask_wtf.csrf import generate_csrf

from app.auth.models import Role, User
from app.redirects import safe_next

__all__ = ["home_for", "safe_next", "start_session"]


def home_for(user: User) -> str:
    endpoints = {
        Role.PROVIDER: "submissions.dashboard",
        Role.REVIEWER: "submissions.queue",
        Role.PEER: "ce.dashboard",
        Role.ADMIN: "auth.admin",
    }
    return url_for(endpoints[user.role])


def start_session(user: User) -> None:
    """A fresh session for ``user``: the old one is cleared, the CSRF token renewed."""
    session.clear()
    login_user(user)
    session.pop("csrf_token", None)
    generate_csrf()
