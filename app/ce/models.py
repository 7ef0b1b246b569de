"""Peers' certification profiles and continuing-education entries."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.auth.models import User
from app.ce.rules import CertificationStatus
from app.dbtypes import UTCDateTime, utcnow
from app.extensions import db


class PeerProfile(db.Model):
    """A certified peer's registry facts (§500.2): legal name, number, issue date, status."""

    __tablename__ = "peer_profile"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id"), unique=True)
    legal_name: Mapped[str] = mapped_column(String(200))
    certification_number: Mapped[str] = mapped_column(String(20), unique=True)
    issued_on: Mapped[date] = mapped_column(index=True)
    status: Mapped[CertificationStatus] = mapped_column(
        String(20), default=CertificationStatus.ACTIVE
    )
    specializations: Mapped[list] = mapped_column(JSON, default=list)
    # The registry record this profile follows (claimed with an emailed code); None: not linked.
    record_id: Mapped[int | None] = mapped_column(
        ForeignKey("certification_record.id"), unique=True
    )

    user: Mapped[User] = relationship()
    entries: Mapped[list[CEEntryRecord]] = relationship(
        back_populates="profile", order_by="CEEntryRecord.start_date", cascade="all, delete-orphan"
    )


class CEEntryRecord(db.Model):
    """One continuing-education course a peer completed."""

    __tablename__ = "ce_entry"

    id: Mapped[int] = mapped_column(primary_key=True)
    profile_id: Mapped[int] = mapped_column(ForeignKey("peer_profile.id"), index=True)
    title: Mapped[str] = mapped_column(String(300))
    provider: Mapped[str] = mapped_column(String(300))
    start_date: Mapped[date]
    end_date: Mapped[date | None]
    format: Mapped[str] = mapped_column(String(20))
    hours: Mapped[float | None]
    units: Mapped[float | None]
    source: Mapped[str] = mapped_column(String(40))
    law_ethics: Mapped[bool] = mapped_column(default=False)
    law_ethics_topics: Mapped[list] = mapped_column(JSON, default=list)
    evidence: Mapped[list] = mapped_column(JSON, default=list)  # names of evidence documents kept
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)
    # Kept but no longer counted: its provider's report was withdrawn after the peer disputed it
    # (app.ce.disputes); the reason is shown with it.
    withdrawn_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    withdrawn_reason: Mapped[str] = mapped_column(String(2000), default="")

    profile: Mapped[PeerProfile] = relationship(back_populates="entries")
    files: Mapped[list[EvidenceFile]] = relationship(
        order_by="EvidenceFile.uploaded_at", cascade="all, delete-orphan"
    )


class EvidenceFile(db.Model):
    """A certificate, agenda or transcript kept for a CE entry (App. C 6)."""

    __tablename__ = "ce_evidence_file"

    id: Mapped[int] = mapped_column(primary_key=True)
    entry_id: Mapped[int] = mapped_column(ForeignKey("ce_entry.id", ondelete="CASCADE"), index=True)
    stored_name: Mapped[str] = mapped_column(String(80), unique=True)
    original_name: Mapped[str] = mapped_column(String(200))
    uploaded_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class CEAudit(db.Model):
    """A random records review (§207.11–12, §802.4): who drew it, from which population, with which seed."""

    __tablename__ = "ce_audit"

    id: Mapped[int] = mapped_column(primary_key=True)
    drawn_by_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    drawn_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    window_start: Mapped[date]
    window_end: Mapped[date]
    method: Mapped[str] = mapped_column(String(10))  # count or percent
    amount: Mapped[float]
    seed: Mapped[int]
    population: Mapped[list] = mapped_column(JSON)  # profile ids, sorted
    selected: Mapped[list] = mapped_column(JSON)  # profile ids drawn

    selections: Mapped[list[CEAuditSelection]] = relationship(
        back_populates="audit", cascade="all, delete-orphan"
    )


class CEAuditSelection(db.Model):
    """One peer drawn in an audit: notified, due in 10 days, responded, reviewed."""

    __tablename__ = "ce_audit_selection"

    id: Mapped[int] = mapped_column(primary_key=True)
    audit_id: Mapped[int] = mapped_column(ForeignKey("ce_audit.id"), index=True)
    profile_id: Mapped[int] = mapped_column(ForeignKey("peer_profile.id"), index=True)
    notified_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    due_on: Mapped[date]
    responded_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # The certification period under review: entries completed in [period_start, period_end).
    period_start: Mapped[date | None]
    period_end: Mapped[date | None]
    # The review ends with an outcome (compliant, not compliant, referred); entries stay frozen.
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    closed_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    outcome: Mapped[str | None] = mapped_column(String(20))
    outcome_note: Mapped[str] = mapped_column(String(2000), default="")
    # Bumped by every UPDATE: two people changing the row at once, the second is refused (409).
    lock_version: Mapped[int] = mapped_column(default=1)

    audit: Mapped[CEAudit] = relationship(back_populates="selections")
    profile: Mapped[PeerProfile] = relationship()
    reviews: Mapped[list[CEAuditEntryReview]] = relationship(
        order_by="CEAuditEntryReview.id", cascade="all, delete-orphan"
    )

    __mapper_args__ = {"version_id_col": lock_version}  # noqa: RUF012 (SQLAlchemy reads it once)


class CEAuditEntryReview(db.Model):
    """A reviewer's acceptance or rejection of one entry's proof."""

    __tablename__ = "ce_audit_entry_review"

    id: Mapped[int] = mapped_column(primary_key=True)
    selection_id: Mapped[int] = mapped_column(ForeignKey("ce_audit_selection.id"), index=True)
    entry_id: Mapped[int] = mapped_column(ForeignKey("ce_entry.id", ondelete="CASCADE"))
    decision: Mapped[str] = mapped_column(String(10))  # accepted or rejected
    note: Mapped[str] = mapped_column(String(2000), default="")
    reviewer_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
