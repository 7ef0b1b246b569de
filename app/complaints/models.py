"""Complaints with the fields of the complaints log (§806.4 A–K), their documents and the
confidentiality-names list (§806.1.D)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.auth.models import Organization, User
from app.ce.models import PeerProfile
from app.complaints.states import ComplaintState
from app.dbtypes import UTCDateTime, utcnow
from app.extensions import db
from app.stored_files import StoredFileColumns


class Complaint(db.Model):
    """A complaint against a certified peer or an approved training provider."""

    __tablename__ = "complaint"

    id: Mapped[int] = mapped_column(primary_key=True)
    # Given to the complainant and used in the respondent's links: random, never sequential.
    reference: Mapped[str] = mapped_column(String(20), unique=True)
    state: Mapped[ComplaintState] = mapped_column(
        String(20), default=ComplaintState.RECEIVED, index=True
    )
    lock_version: Mapped[int] = mapped_column(default=1)
    received_on: Mapped[date] = mapped_column(index=True)  # A: date submitted
    respondent_type: Mapped[str] = mapped_column(String(20), index=True)
    organization_id: Mapped[int | None] = mapped_column(ForeignKey("organization.id"), index=True)
    peer_profile_id: Mapped[int | None] = mapped_column(ForeignKey("peer_profile.id"), index=True)
    respondent_name: Mapped[str] = mapped_column(String(200))  # B: certificant or provider
    # The name the complainant typed for the peer, kept as typed: the number's holder is only the
    # respondent once staff confirm it (identity_confirmed_at), side by side when they differ.
    respondent_typed_name: Mapped[str] = mapped_column(String(200), default="", server_default="")
    identity_confirmed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    identity_confirmed_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    identity_note: Mapped[str] = mapped_column(Text, default="", server_default="")
    employer_name: Mapped[str] = mapped_column(String(200), default="")  # C
    complainant_name: Mapped[str] = mapped_column(String(200), default="")  # D (as applicable)
    complainant_contact: Mapped[str] = mapped_column(String(300), default="")  # E
    nature: Mapped[str] = mapped_column(Text)  # F: nature of the allegations
    activities: Mapped[list] = mapped_column(JSON, default=list)  # G: each {on, what}
    disposition_on: Mapped[date | None]  # H
    outcome: Mapped[str] = mapped_column(String(30), default="")
    disposition: Mapped[str] = mapped_column(Text, default="")  # I
    letter_sent_on: Mapped[date | None]  # J
    registry_updated_at: Mapped[datetime | None] = mapped_column(UTCDateTime())  # K
    extended_days: Mapped[int] = mapped_column(default=0)  # §805.7.A
    extension_notice_on: Mapped[date | None]  # §805.7.B
    extension_reason: Mapped[str] = mapped_column(Text, default="")
    investigator_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    filed_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))  # None: public form
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    organization: Mapped[Organization | None] = relationship()
    peer_profile: Mapped[PeerProfile | None] = relationship()
    investigator: Mapped[User | None] = relationship(foreign_keys=[investigator_id])
    documents: Mapped[list[ComplaintDocument]] = relationship(
        order_by="ComplaintDocument.id", cascade="all, delete-orphan"
    )
    names: Mapped[list[ConfidentialName]] = relationship(
        order_by="ConfidentialName.number", cascade="all, delete-orphan"
    )

    __mapper_args__ = {"version_id_col": lock_version}  # noqa: RUF012 (SQLAlchemy reads it once)


class ComplaintDocument(StoredFileColumns, db.Model):
    """A complaint form or supporting document, stored under a generated name (§806.1.B)."""

    __tablename__ = "complaint_document"

    id: Mapped[int] = mapped_column(primary_key=True)
    complaint_id: Mapped[int] = mapped_column(ForeignKey("complaint.id"), index=True)
    uploaded_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))


class ConfidentialName(db.Model):
    """A care recipient named in the evidence and the reference number used for them (§806.1.D.3–4)."""

    __tablename__ = "confidential_name"

    id: Mapped[int] = mapped_column(primary_key=True)
    complaint_id: Mapped[int] = mapped_column(ForeignKey("complaint.id"), index=True)
    number: Mapped[int]
    name: Mapped[str] = mapped_column(String(200))
    added_by_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    added_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    @property
    def reference(self) -> str:
        return f"R{self.complaint_id}-{self.number}"
