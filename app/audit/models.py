"""The audit record: who did what, when (UTC), from which state to which, and why."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import JSON, ForeignKey, Index, String, Text, event
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.dbtypes import UTCDateTime, utcnow
from app.extensions import db

if TYPE_CHECKING:  # the audit log knows users only by table: it imports no domain
    from app.auth.models import User


class AuditEvent(db.Model):
    """One entry of the append-only, hash-chained log; rows are never updated or deleted."""

    __tablename__ = "audit_event"
    # The admin page filters by subject, newest first, and counts the filtered records.
    __table_args__ = (Index("ix_audit_event_subject_type_seq", "subject_type", "seq"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    subject_type: Mapped[str] = mapped_column(String(40))  # e.g. "submission", "ce_audit"
    subject_id: Mapped[int] = mapped_column(index=True)
    action: Mapped[str] = mapped_column(String(60))
    from_state: Mapped[str | None] = mapped_column(String(40))
    to_state: Mapped[str | None] = mapped_column(String(40))
    reason: Mapped[str] = mapped_column(Text, default="")
    details: Mapped[dict] = mapped_column(JSON, default=dict)
    # Position in the chain, the previous record's hash and this record's (app/audit/chain.py).
    seq: Mapped[int] = mapped_column(unique=True)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))

    actor: Mapped[User | None] = relationship("User")


class AuditChainHead(db.Model):
    """The single row holding the chain's length and last hash; appending locks it first, so
    records are chained one at a time across processes."""

    __tablename__ = "audit_chain_head"

    id: Mapped[int] = mapped_column(primary_key=True)
    seq: Mapped[int] = mapped_column(default=0)
    hash: Mapped[str] = mapped_column(String(64))


@event.listens_for(AuditEvent, "before_update")
def _refuse_update(mapper, connection, target) -> None:
    raise RuntimeError("audit events are append-only")


@event.listens_for(AuditEvent, "before_delete")
def _refuse_delete(mapper, connection, target) -> None:
    raise RuntimeError("audit events are append-only")


# Tables whose ids the audit log (subject_id, and ids inside details) and the pages built from it
# refer to. SQLite reuses the largest id after a delete unless a table is AUTOINCREMENT, and a new
# row would then inherit the deleted one's history; PostgreSQL's sequences never reuse an id.
NEVER_REUSED_IDS = (
    "applicant_record",
    "appeal",
    "approval_renewal",
    "ce_audit",
    "ce_entry",
    "certification_record",
    "comment_thread",
    "complaint",
    "curriculum",
    "curriculum_change",
    "curriculum_version",
    "invitation",
    "organization",
    "peer_profile",
    "renewal_application",
    "thread_message",
    "user",
)


@event.listens_for(db.metadata, "before_create")
def _never_reuse_ids(metadata, connection, **kw) -> None:
    """Mark those tables AUTOINCREMENT on SQLite before they are created."""
    for name in NEVER_REUSED_IDS:
        table = metadata.tables.get(name)
        if table is not None:
            table.dialect_kwargs["sqlite_autoincrement"] = True
