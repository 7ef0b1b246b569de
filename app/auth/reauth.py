"""Re-authentication before sensitive actions (changing the second factor, inviting reviewers):
the password, and the code when the account has a second factor, within the last few minutes."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from flask import current_app, redirect, request, session, url_for

from app.auth.session_policy import AUTH_AT, now

REAUTH_AT = "_reauth_at"


def mark_fresh() -> None:
    session[REAUTH_AT] = int(now())


def is_fresh() -> bool:
    window = int(current_app.config["REAUTH_MINUTES"]) * 60
    moments = [session.get(AUTH_AT), session.get(REAUTH_AT)]
    latest = max((m for m in moments if isinstance(m, int)), default=None)
    return latest is not None and now() - latest <= window


def reauth_required(view: Callable) -> Callable:
    """Send the user to confirm their password first unless they did so (or signed in) lately."""

    @wraps(view)
    def wrapped(*args: Any, **kwargs: Any):
        if not is_fresh():
            target = request.full_path.rstrip("?") if request.method == "GET" else request.path
            return redirect(url_for("mfa.confirm", next=target))
        return view(*args, **kwargs)

    return wrapped
