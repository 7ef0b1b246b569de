"""Writing and reading security events (takes the session; no Flask)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.security_log.models import SecurityEvent

OUTCOMES = ("success", "failure", "locked", "denied", "limited", "info")


@dataclass(frozen=True)
class Origin:
    """Where a request came from."""

    address: str = ""
    user_agent: str = ""
    path: str = ""


def _clean(text: str | None, limit: int) -> str:
    text = "".join(ch if ch.isprintable() else " " for ch in (text or ""))
    return text[:limit]


def log_event(
    session: Session,
    event: str,
    outcome: str,
    *,
    origin: Origin | None = None,
    user_id: int | None = None,
    identifier: str = "",
    details: dict[str, Any] | None = None,
) -> SecurityEvent:
    """Add a security event to ``session``; the caller commits it."""
    if outcome not in OUTCOMES:
        raise ValueError(f"unknown outcome {outcome!r}")
    origin = origin or Origin()
    entry = SecurityEvent(
        event=event,
        outcome=outcome,
        user_id=user_id,
        identifier=_clean(identifier, 254),
        address=_clean(origin.address, 64),
        user_agent=_clean(origin.user_agent, 300),
        path=_clean(origin.path, 300),
        details=details or {},
    )
    session.add(entry)
    return entry


def filtered(event: str = "", outcome: str = "", user_id: int | None = None):
    """A query of events, newest first, narrowed by the filters given."""
    query = select(SecurityEvent)
    if event:
        query = query.where(SecurityEvent.event == event)
    if outcome:
        query = query.where(SecurityEvent.outcome == outcome)
    if user_id is not None:
        query = query.where(SecurityEvent.user_id == user_id)
    return query.order_by(SecurityEvent.id.desc())


def page_of(
    session: Session, *, page: int, per_page: int, **filters: Any
) -> tuple[list[SecurityEvent], int]:
    """One page of events and the number of events matching the filters (two queries)."""
    query = filtered(**filters)
    total = session.scalar(select(func.count()).select_from(query.order_by(None).subquery()))
    rows = session.scalars(query.limit(per_page).offset((page - 1) * per_page)).all()
    return list(rows), int(total or 0)
