"""Writing and reading the audit log."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.audit.models import AuditEvent


def record(
    session: Session,
    *,
    actor_id: int | None,
    subject_type: str,
    subject_id: int,
    action: str,
    from_state: str | None = None,
    to_state: str | None = None,
    reason: str = "",
    details: dict[str, Any] | None = None,
) -> AuditEvent:
    """Add an audit event to ``session`` (the caller commits it with the change it describes)."""
    event = AuditEvent(
        actor_id=actor_id,
        subject_type=subject_type,
        subject_id=subject_id,
        action=action,
        from_state=from_state,
        to_state=to_state,
        reason=reason or "",
        details=details or {},
    )
    session.add(event)
    return event


def events_for(session: Session, subject_type: str, subject_id: int) -> list[AuditEvent]:
    """The events of one subject, oldest first."""
    query = (
        select(AuditEvent)
        .where(AuditEvent.subject_type == subject_type, AuditEvent.subject_id == subject_id)
        .order_by(AuditEvent.at, AuditEvent.id)
    )
    return list(session.scalars(query))
