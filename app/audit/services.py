"""Writing, reading and verifying the audit log."""

from __future__ import annotations

from datetime import UTC
from typing import Any

from sqlalchemy import func, insert, select, update
from sqlalchemy.orm import Session, selectinload

from app.audit.chain import GENESIS, Break, first_break, link_hash
from app.audit.models import AuditChainHead, AuditEvent
from app.dbtypes import utcnow

_HEAD = AuditChainHead.__table__


def _take_head(session: Session) -> tuple[int, str]:
    """Lock the chain head (an UPDATE waits for any other appender) and return its position
    after this record and the previous hash."""
    statement = (
        update(_HEAD)
        .where(_HEAD.c.id == 1)
        .values(seq=_HEAD.c.seq + 1)
        .returning(_HEAD.c.seq, _HEAD.c.hash)
    )
    row = session.execute(statement).one_or_none()
    if row is None:  # a database made with create_all: the migration adds the row otherwise
        session.execute(insert(_HEAD).values(id=1, seq=0, hash=GENESIS))
        row = session.execute(statement).one()
    return row.seq, row.hash


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
    """Append an audit event to ``session`` (the caller commits it with the change it describes).

    The chain's statements run without autoflush: the caller's pending change (e.g. a
    version-checked UPDATE) reaches the database at the caller's own flush, where a lost race
    is turned into a 409, not inside this function. Taking the head first also orders the
    locks the same way in every transaction that audits a change."""
    with session.no_autoflush:
        return _append(
            session,
            actor_id=actor_id,
            subject_type=subject_type,
            subject_id=subject_id,
            action=action,
            from_state=from_state,
            to_state=to_state,
            reason=reason,
            details=details,
        )


def record_by(
    session: Session, actor: Any, subject_type: str, subject_id: int, action: str, **fields: Any
) -> AuditEvent:
    """``record`` what a signed-in ``actor`` did to one subject (``fields``: the states, the
    reason, the details)."""
    return record(
        session,
        actor_id=actor.id,
        subject_type=subject_type,
        subject_id=subject_id,
        action=action,
        **fields,
    )


def _append(session: Session, **given: Any) -> AuditEvent:
    seq, prev_hash = _take_head(session)
    fields = {
        "seq": seq,
        "at": utcnow(),
        **given,
        "reason": given["reason"] or "",
        "details": given["details"] or {},
    }
    digest = link_hash(prev_hash, fields)
    event = AuditEvent(**fields, prev_hash=prev_hash, hash=digest)
    session.add(event)
    session.execute(update(_HEAD).where(_HEAD.c.id == 1).values(hash=digest))
    return event


def record_many(session: Session, entries: list[dict[str, Any]]) -> int:
    """Append many audit events at once: one UPDATE takes their places in the chain, one
    INSERT writes them and one UPDATE moves the head (for imports of thousands of rows).

    Each entry has the keyword arguments of ``record``; returns how many were written."""
    if not entries:
        return 0
    statement = (
        update(_HEAD)
        .where(_HEAD.c.id == 1)
        .values(seq=_HEAD.c.seq + len(entries))
        .returning(_HEAD.c.seq, _HEAD.c.hash)
    )
    row = session.execute(statement).one_or_none()
    if row is None:  # a database made with create_all: the migration adds the row otherwise
        session.execute(insert(_HEAD).values(id=1, seq=0, hash=GENESIS))
        row = session.execute(statement).one()
    seq, prev_hash = row.seq - len(entries), row.hash
    at = utcnow()
    rows = []
    for entry in entries:
        seq += 1
        fields = {
            "seq": seq,
            "at": at,
            "actor_id": entry.get("actor_id"),
            "subject_type": entry["subject_type"],
            "subject_id": entry["subject_id"],
            "action": entry["action"],
            "from_state": entry.get("from_state"),
            "to_state": entry.get("to_state"),
            "reason": entry.get("reason") or "",
            "details": entry.get("details") or {},
        }
        digest = link_hash(prev_hash, fields)
        rows.append({**fields, "prev_hash": prev_hash, "hash": digest})
        prev_hash = digest
    session.execute(insert(AuditEvent), rows)
    session.execute(update(_HEAD).where(_HEAD.c.id == 1).values(hash=prev_hash))
    return len(rows)


def record_move(
    session: Session,
    subject: Any,
    subject_type: str,
    target: str,
    *,
    actor_id: int | None,
    action: str,
    reason: str = "",
    details: dict[str, Any] | None = None,
) -> AuditEvent:
    """Move ``subject`` (anything with ``id`` and ``state``) to ``target`` and audit the move."""
    previous, subject.state = subject.state, target
    return record(
        session,
        actor_id=actor_id,
        subject_type=subject_type,
        subject_id=subject.id,
        action=action,
        from_state=str(previous),
        to_state=str(target),
        reason=reason,
        details=details,
    )


def events_for(session: Session, subject_type: str, subject_id: int) -> list[AuditEvent]:
    """The events of one subject, oldest first."""
    query = (
        select(AuditEvent)
        .where(AuditEvent.subject_type == subject_type, AuditEvent.subject_id == subject_id)
        .order_by(AuditEvent.at, AuditEvent.id)
    )
    return list(session.scalars(query))


def verify(session: Session) -> tuple[Break | None, int]:
    """Recompute the chain from the database: the first broken link (or None) and the count."""
    table = AuditEvent.__table__
    rows = session.execute(select(table).order_by(table.c.seq)).mappings()
    head = session.execute(select(_HEAD.c.seq, _HEAD.c.hash).where(_HEAD.c.id == 1)).one_or_none()
    head_seq, head_hash = (head.seq, head.hash) if head is not None else (0, GENESIS)
    return first_break((_read(row) for row in rows), head_seq=head_seq, head_hash=head_hash)


def _read(row) -> dict[str, Any]:
    record = dict(row)
    at = record["at"]
    if at is not None and at.tzinfo is None:  # SQLite returns the stored UTC time naive
        record["at"] = at.replace(tzinfo=UTC)
    return record


def filtered(subject_type: str = ""):
    query = select(AuditEvent)
    if subject_type:
        query = query.where(AuditEvent.subject_type == subject_type)
    return query.order_by(AuditEvent.seq.desc())


def page_of(
    session: Session, *, page: int, per_page: int, subject_type: str = ""
) -> tuple[list[AuditEvent], int]:
    query = filtered(subject_type)
    if subject_type:
        total = session.scalar(select(func.count()).select_from(query.order_by(None).subquery()))
        query = query.offset((page - 1) * per_page)
    else:  # records are only ever appended: the chain's length is their number (no scan),
        # and their sequence numbers run 1..length, so a page is a range of the seq index
        # whatever its depth (no OFFSET walking the newer records)
        total = session.scalar(select(_HEAD.c.seq).where(_HEAD.c.id == 1))
        query = query.where(AuditEvent.seq <= int(total or 0) - (page - 1) * per_page)
    rows = session.scalars(query.options(selectinload(AuditEvent.actor)).limit(per_page))
    return list(rows), int(total or 0)
