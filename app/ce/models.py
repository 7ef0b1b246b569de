"""Peers' certification profiles and continuing-education entries."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.auth.models import User
from app.dbtypes import UTCDateTime, utcnow
from app.extensions import db


class PeerProfile(db.Model):
    """A certified peer's registry facts (§500.2): legal name, number, issue date, status."""

    __tablename__ = "peer_profile"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id"), unique=True)
    legal_name: Mapped[str] = mapped_column(String(200))
    certification_number: Mapped[str] = mapped_column(String(20), unique=True)
    issued_on: Mapped[date]
    status: Mapped[str] = mapped_column(
        String(20), default="active"
    )  # active, suspended, revoked, expired
    specializations: Mapped[list] = mapped_column(JSON, default=list)

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

    profile: Mapped[PeerProfile] = relationship(back_populates="entries")
