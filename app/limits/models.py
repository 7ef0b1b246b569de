"""One row per counted key: attempts in the current window and the lock, if any."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from app.dbtypes import UTCDateTime
from app.extensions import db


class AttemptCounter(db.Model):
    """Attempts counted under ``key`` (e.g. an account and address) since ``window_started_at``."""

    __tablename__ = "attempt_counter"

    key: Mapped[str] = mapped_column(String(120), primary_key=True)
    attempts: Mapped[int] = mapped_column(default=0)
    window_started_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # Locks in a row without a success in between: each doubles the next (sign-in only).
    lockouts: Mapped[int] = mapped_column(default=0)
