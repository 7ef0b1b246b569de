"""Outbox of emails, and the daily jobs the workers share."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.dbtypes import UTCDateTime, utcnow
from app.extensions import db


class OutboxEmail(db.Model):
    """An email to send; kept after sending as the record of what was said to whom."""

    __tablename__ = "outbox_email"

    id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)
    recipient: Mapped[str] = mapped_column(String(254))
    subject: Mapped[str] = mapped_column(String(300))
    body: Mapped[str] = mapped_column(Text)
    category: Mapped[str] = mapped_column(String(60))  # e.g. "decision", "deadline", "audit"
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    error: Mapped[str] = mapped_column(Text, default="")  # why the last attempt failed
    attempts: Mapped[int] = mapped_column(default=0)
    # Set when the email is given up (refused outright, or too many attempts): never retried.
    failed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # Sending: a worker claims the email (committed) before it talks to the mail server, and
    # no other worker takes it before ``lease_until``; the Message-ID is fixed at the first
    # claim, so a retry after a crash carries the same one (a mail system can drop the copy).
    claimed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    lease_until: Mapped[datetime | None] = mapped_column(UTCDateTime())
    message_id: Mapped[str | None] = mapped_column(String(255))


class ScheduledJob(db.Model):
    """A job a worker runs once a day (the reminders): its row is the lock several workers take
    with ``SELECT … FOR UPDATE SKIP LOCKED``, and ``last_day`` says it is done for that day."""

    __tablename__ = "scheduled_job"

    name: Mapped[str] = mapped_column(String(60), primary_key=True)
    last_day: Mapped[date | None] = mapped_column(Date)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
