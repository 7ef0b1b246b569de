"""The App. E data elements, each stored with the fiscal year it counts in (§808)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.auth.models import User
from app.dbtypes import UTCDateTime, utcnow
from app.extensions import db
from app.submissions.models import Curriculum


class ApplicantRecord(db.Model):
    """What a person seeking certification gives at application (App. E 1–7, 17–18) and what
    became of the application (8, 9, 12, 15, 16)."""

    __tablename__ = "applicant_record"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"), unique=True)
    applied_on: Mapped[date]
    fiscal_year: Mapped[int] = mapped_column(index=True)  # of the application
    age: Mapped[int | None]
    gender_identity: Mapped[str] = mapped_column(String(80), default="")
    race_ethnicity: Mapped[list] = mapped_column(JSON, default=list)
    languages: Mapped[list] = mapped_column(JSON, default=list)
    employment_status: Mapped[str] = mapped_column(String(60), default="")
    employer: Mapped[str] = mapped_column(String(200), default="")
    employer_county: Mapped[str] = mapped_column(String(60), default="")
    residence_county: Mapped[str] = mapped_column(String(60), default="")
    employed_in_peer_services: Mapped[bool] = mapped_column(default=False)
    route: Mapped[str] = mapped_column(String(20), default="standard")
    exam_registered_on: Mapped[date | None] = mapped_column(index=True)
    outcome: Mapped[str] = mapped_column(String(20), default="pending", index=True)
    outcome_on: Mapped[date | None]
    outcome_fiscal_year: Mapped[int | None] = mapped_column(index=True)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    user: Mapped[User | None] = relationship()


class CompletionRoster(db.Model):
    """A provider's roster of who registered for and completed one approved course (§808.2)."""

    __tablename__ = "completion_roster"

    id: Mapped[int] = mapped_column(primary_key=True)
    curriculum_id: Mapped[int] = mapped_column(ForeignKey("curriculum.id"), index=True)
    stored_name: Mapped[str] = mapped_column(String(80), unique=True)
    original_name: Mapped[str] = mapped_column(String(200))
    rows: Mapped[int]
    supervisor_training: Mapped[bool] = mapped_column(default=False)
    uploaded_by_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    uploaded_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    curriculum: Mapped[Curriculum] = relationship()


class TrainingRecord(db.Model):
    """One person on a roster: registered and, perhaps, completed (App. E 10, 11, 13, 14)."""

    __tablename__ = "training_record"

    id: Mapped[int] = mapped_column(primary_key=True)
    roster_id: Mapped[int] = mapped_column(ForeignKey("completion_roster.id"), index=True)
    curriculum_id: Mapped[int] = mapped_column(ForeignKey("curriculum.id"), index=True)
    program: Mapped[str] = mapped_column(String(20))
    person: Mapped[str] = mapped_column(String(254), index=True)  # email or MPSS number
    name: Mapped[str] = mapped_column(String(200), default="")
    registered_on: Mapped[date | None] = mapped_column(index=True)
    completed_on: Mapped[date | None]
    supervisor: Mapped[bool] = mapped_column(default=False)
    fiscal_year: Mapped[int] = mapped_column(index=True)  # of completion, else of registration


class CertificationRenewalRecord(db.Model):
    """A certification renewed (App. E 19); recorded when a renewal is granted."""

    __tablename__ = "certification_renewal_record"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"), index=True)
    renewed_on: Mapped[date]
    fiscal_year: Mapped[int] = mapped_column(index=True)
