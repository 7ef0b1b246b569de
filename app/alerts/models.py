"""A reviewer's choice of how new work is emailed, and the items waiting for the daily digest."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from app.dbtypes import UTCDateTime, utcnow
from app.extensions import db
from app.i18n.data import N_

IMMEDIATELY = "immediately"
DAILY_DIGEST = "daily"
DELIVERIES = {
    IMMEDIATELY: N_("One email for each item, as it arrives"),
    DAILY_DIGEST: N_("One email a day listing the new items"),
}


class EmailDelivery(db.Model):
    """How a reviewer hears of new work; no row means ``IMMEDIATELY``."""

    __tablename__ = "email_delivery"

    user_id: Mapped[int] = mapped_column(ForeignKey("user.id"), primary_key=True)
    delivery: Mapped[str] = mapped_column(String(20), default=IMMEDIATELY)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)


class DigestItem(db.Model):
    """One piece of new work held for a reviewer's daily digest; ``sent_at`` once listed."""

    __tablename__ = "digest_item"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    subject: Mapped[str] = mapped_column(String(300))
    link: Mapped[str] = mapped_column(String(500))
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), index=True)
