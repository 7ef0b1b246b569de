"""The local mail viewer: with no mail server configured, on a local installation, an
administrator reads the outbox (each email with its links) at /admin/outbox.

On a server that sends mail, or one configured as in production, the page does not exist: the
emails hold single-use links meant for their recipients only."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, render_template, request

from app.auth.access import roles_required
from app.auth.models import Role
from app.extensions import db
from app.notifications.outbox import outbox_size, recent_emails, viewer_enabled
from app.notifications.text_links import split_links

bp = Blueprint("mail", __name__)

PAGE_SIZE = 25


@bp.app_context_processor
def _mail_viewer() -> dict[str, bool]:
    return {"mail_viewer_enabled": viewer_enabled(current_app.config)}


@bp.get("/admin/outbox")
@roles_required(Role.ADMIN)
def outbox():
    """The emails the app has queued, newest first, each link clickable."""
    if not viewer_enabled(current_app.config):
        abort(404)
    page = min(max(request.args.get("page", 1, type=int) or 1, 1), 1_000_000)
    emails = recent_emails(db.session, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE)
    total = outbox_size(db.session)
    return render_template(
        "notifications/outbox.html",
        emails=[(email, split_links(email.body)) for email in emails],
        page=page,
        pages=max(1, -(-total // PAGE_SIZE)),
        total=total,
    )
