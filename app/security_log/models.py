"""The security event: one row per sign-in, refusal, download or account change."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from app.dbtypes import UTCDateTime, utcnow
from app.extensions import db


class SecurityEvent(db.Model):
    """Who (user, or the address typed), what, when (UTC), from where, outcome."""

    __tablename__ = "security_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)
    event: Mapped[str] = mapped_column(String(40), index=True)  # e.g. "login", "download"
    outcome: Mapped[str] = mapped_column(String(20))  # "success", "failure", "locked", "denied"…
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"), index=True)
    identifier: Mapped[str] = mapped_column(String(254), default="")  # the email typed, if any
    address: Mapped[str] = mapped_column(String(64), default="")
    user_agent: Mapped[str] = mapped_column(String(300), default="")
    path: Mapped[str] = mapped_column(String(300), default="")
    details: Mapped[dict] = mapped_column(JSON, default=dict)
