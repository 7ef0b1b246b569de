"""The local mail viewer: with no mail server configured, on a local installation, an
administrator reads the outbox (each email with its links) at /admin/outbox.

On a server that sends mail, or one configured as in production, the page does not exist: the
emails hold single-use links meant for their recipients only."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, current_app, render_template, request
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.auth.access import roles_required
from app.auth.models import Role
from app.config import local_configuration
from app.extensions import db
from app.notifications.links import split_links
from app.notifications.models import OutboxEmail

bp = Blueprint("mail", __name__)

PAGE_SIZE = 25


def viewer_enabled(config: Any) -> bool:
    """No mail server is set and the installation is a local one."""
    return not config.get("MAIL_SERVER") and local_configuration(config)[0]


def recent_emails(session: Session, *, limit: int, offset: int = 0) -> list[OutboxEmail]:
    """The outbox, newest first."""
    return list(
        session.scalars(
            select(OutboxEmail)
            .order_by(OutboxEmail.created_at.desc(), OutboxEmail.id.desc())
            .limit(limit)
            .offset(offset)
        )
    )


def outbox_size(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(OutboxEmail)) or 0


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
