"""The language switch: a POST (with CSRF) that remembers the choice."""

from __future__ import annotations

from flask import Blueprint, current_app, redirect, request, url_for
from flask_login import current_user

from app.audit import services as audit
from app.extensions import db
from app.i18n.locale import COOKIE, COOKIE_MAX_AGE, LOCALES
from app.redirects import safe_next as _safe_next

bp = Blueprint("i18n", __name__)


def _remembered(locale: str, next_page: str | None):
    """Back to ``next_page`` (same site only) with the ``locale`` cookie set for a year."""

    response = redirect(_safe_next(next_page) or url_for("main.index"))
    if locale in LOCALES:
        secure = current_app.config.get("SESSION_COOKIE_SECURE", False) or request.is_secure
        response.set_cookie(
            COOKIE, locale, max_age=COOKIE_MAX_AGE, samesite="Lax", secure=secure, httponly=True
        )
    return response


@bp.get("/language/<locale>")
def remember(locale: str):
    """The switch as a link, for visitors who are not signed in: it only sets the cookie, so a
    public page needs no session (and stays cacheable); signed-in people get the form below."""
    return _remembered(locale, request.args.get("next"))


@bp.post("/language")
def switch():
    """Set the interface language: a cookie for everyone, a saved preference when signed in."""
    locale = request.form.get("locale", "")
    response = _remembered(locale, request.form.get("next"))
    if locale not in LOCALES:
        return response
    if current_user.is_authenticated and current_user.locale != locale:
        previous = current_user.locale
        current_user.locale = locale
        audit.record_by(
            db.session,
            current_user,
            "user",
            current_user.id,
            "language_changed",
            from_state=previous,
            to_state=locale,
        )
        db.session.flush()
    return response
