"""Completions a provider reports from a roster onto peers' CE records, and peers' disputes."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.ce.models import CEEntryRecord
from app.dbtypes import UTCDateTime, utcnow
from app.extensions import db
from app.submissions.models import Curriculum


class RosterPosting(db.Model):
    """A completion roster read for one approved course: previewed first, then posted once.

    ``lines`` keeps each row as read and judged at the preview (number, name, date, hours,
    outcome, reason); posting checks the chosen rows again against the records of that moment."""

    __tablename__ = "roster_posting"

    id: Mapped[int] = mapped_column(primary_key=True)
    curriculum_id: Mapped[int] = mapped_column(ForeignKey("curriculum.id"), index=True)
    stored_name: Mapped[str] = mapped_column(String(80), unique=True)
    original_name: Mapped[str] = mapped_column(String(200))
    lines: Mapped[list] = mapped_column(JSON, default=list)
    uploaded_by_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    uploaded_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    posted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    posted_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    # The DHCS roster (App. E) the posted rows were also counted in.
    roster_id: Mapped[int | None] = mapped_column(ForeignKey("completion_roster.id"))

    curriculum: Mapped[Curriculum] = relationship()
    reported: Mapped[list[ReportedCompletion]] = relationship(
        back_populates="posting", order_by="ReportedCompletion.line"
    )


class ReportedCompletion(db.Model):
    """A CE entry reported by the provider of an approved course; the peer may dispute it."""

    __tablename__ = "ce_reported_completion"

    id: Mapped[int] = mapped_column(primary_key=True)
    entry_id: Mapped[int] = mapped_column(
        ForeignKey("ce_entry.id", ondelete="CASCADE"), unique=True
    )
    posting_id: Mapped[int] = mapped_column(ForeignKey("roster_posting.id"), index=True)
    curriculum_id: Mapped[int] = mapped_column(ForeignKey("curriculum.id"), index=True)
    line: Mapped[int]
    # The peer had typed this course already: that entry now carries the provider's report,
    # and what the peer had typed is kept here.
    peer_values: Mapped[dict | None] = mapped_column(JSON)
    disputed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    dispute_reason: Mapped[str] = mapped_column(String(2000), default="")
    # How a dispute ended (app.ce.disputes): upheld or rejected by staff, or withdrawn by the
    # provider; None while it is open or when there is none.
    resolution: Mapped[str | None] = mapped_column(String(20))
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    resolved_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    resolution_reason: Mapped[str] = mapped_column(String(2000), default="")

    entry: Mapped[CEEntryRecord] = relationship()
    posting: Mapped[RosterPosting] = relationship(back_populates="reported")
