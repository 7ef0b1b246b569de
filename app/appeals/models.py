"""The appeal record of the appeals log (§807.1.D), its evidence files (§702.2.A) and the date
its receipt was acknowledged (§805.5). The curriculum and the complaint are named by table, so
this package imports neither domain."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import JSON, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.stored_files import StoredFileColumns

if TYPE_CHECKING:
    from app.auth.models import User
    from app.complaints.models import Complaint
    from app.submissions.models import Curriculum


class Appeal(db.Model):
    """An appeal of a curriculum's denial or of a complaint's suspension or revocation
    (§807.1.B), with the fields of the appeals log (§807.1.D). Exactly one of ``curriculum_id``
    and ``complaint_id`` is set."""

    __tablename__ = "appeal"

    id: Mapped[int] = mapped_column(primary_key=True)
    curriculum_id: Mapped[int | None] = mapped_column(ForeignKey("curriculum.id"), index=True)
    complaint_id: Mapped[int | None] = mapped_column(ForeignKey("complaint.id"), index=True)
    requested_on: Mapped[date]  # date of request
    appeal_type: Mapped[str] = mapped_column(
        String(80), default="Training provider curriculum denial"
    )  # type
    requester_id: Mapped[int] = mapped_column(ForeignKey("user.id"))  # requester
    contact: Mapped[str] = mapped_column(String(300))  # requester's contact
    nature: Mapped[str] = mapped_column(Text)  # nature of the appeal
    activities: Mapped[list] = mapped_column(JSON, default=list)  # activities, each {on, what}
    disposition_on: Mapped[date | None]  # date of final disposition
    disposition: Mapped[str] = mapped_column(Text, default="")  # final disposition
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    letter_sent_on: Mapped[date | None]  # letter sent: entered by staff, never assumed
    letter_recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    # The review is completed within 90 days of receipt, extendable once by up to 30 (§805.6–7).
    extended_days: Mapped[int] = mapped_column(default=0, server_default="0")
    extension_notice_on: Mapped[date | None]
    # The day receipt was acknowledged to the appellant (§805.5); set once.
    acknowledged_on: Mapped[date | None]

    curriculum: Mapped[Curriculum | None] = relationship("Curriculum")
    complaint: Mapped[Complaint | None] = relationship("Complaint")
    requester: Mapped[User] = relationship("User", foreign_keys=[requester_id])
    decided_by: Mapped[User | None] = relationship("User", foreign_keys=[decided_by_id])
    files: Mapped[list[AppealFile]] = relationship(
        "AppealFile", order_by="AppealFile.id", back_populates="appeal"
    )


class AppealFile(StoredFileColumns, db.Model):
    """A file the appellant sent with the appeal, or added while it was open (§702.2.A): stored
    under a generated name outside the static files, served only to those who may see the appeal."""

    __tablename__ = "appeal_file"

    id: Mapped[int] = mapped_column(primary_key=True)
    appeal_id: Mapped[int] = mapped_column(ForeignKey("appeal.id"), index=True)

    appeal: Mapped[Appeal] = relationship(back_populates="files")
    uploaded_by: Mapped[User] = relationship("User")
