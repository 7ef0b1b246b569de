"""What a provider says about where and how an approved course is given (all optional)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from app.dbtypes import UTCDateTime, utcnow
from app.extensions import db
from app.i18n.data import N_

# Shown through the ``translated`` filter or ``lazy_gettext`` (the forms).
FORMATS = {"in_person": N_("In person"), "online": N_("Online"), "hybrid": N_("Hybrid")}


class CourseListing(db.Model):
    """A curriculum's entry in the public directory: format, county and place, contact."""

    __tablename__ = "course_listing"

    curriculum_id: Mapped[int] = mapped_column(ForeignKey("curriculum.id"), primary_key=True)
    delivery_format: Mapped[str] = mapped_column(String(20), default="", index=True)
    county: Mapped[str] = mapped_column(String(60), default="", index=True)
    place: Mapped[str] = mapped_column(String(120), default="")  # city or venue
    contact: Mapped[str] = mapped_column(String(254), default="")  # email, phone or web page
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
