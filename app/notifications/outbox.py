"""Reading the outbox: the most recent emails first (the local mail viewer and
`notifications show`)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.config import local_configuration
from app.notifications.models import OutboxEmail


def viewer_enabled(config: Any) -> bool:
    """No mail server is set and the installation is a local one: the outbox may be shown."""
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
