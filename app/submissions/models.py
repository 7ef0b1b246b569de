"""Curricula submitted for approval, their versions and the reviewers' records."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.appeals.models import Appeal as Appeal  # the record lives below curricula and complaints
from app.auth.models import Organization, User
from app.dbtypes import UTCDateTime, utcnow
from app.extensions import db
from app.stored_files import StoredFileColumns
from app.submissions.states import ChangeState, SubmissionState


class Curriculum(db.Model):
    """A provider's application for one program: a series of versions and a state."""

    __tablename__ = "curriculum"

    id: Mapped[int] = mapped_column(primary_key=True)
    organization_id: Mapped[int] = mapped_column(ForeignKey("organization.id"), index=True)
    program: Mapped[str] = mapped_column(String(20))
    title: Mapped[str] = mapped_column(String(300))
    language: Mapped[str] = mapped_column(String(60), default="English")
    state: Mapped[SubmissionState] = mapped_column(
        String(30), default=SubmissionState.DRAFT, index=True
    )
    # Optimistic locking: every update checks and bumps it, so a stale decision is refused.
    lock_version: Mapped[int] = mapped_column(default=1)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    approved_on: Mapped[date | None]
    expires_on: Mapped[date | None]
    decision_reason: Mapped[str] = mapped_column(Text, default="")
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    fee_paid: Mapped[bool] = mapped_column(default=False)
    fee_confirmed_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    fee_confirmed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # A fee waived by a reviewer counts as recorded; the reason is kept (§601).
    fee_waived_reason: Mapped[str] = mapped_column(Text, default="")
    # The version the approval stands on; a substantive change swaps it when approved (§803.5).
    approved_version_number: Mapped[int | None]
    assigned_to_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    # Kept by every transition so the queue sorts and pages in SQL: whether the item waits on
    # someone, and the day its running 90-day clock (its own or its open change's) ends.
    is_open: Mapped[bool] = mapped_column(default=False)
    due_on: Mapped[date | None]
    # The queue's order in one indexed number: a running deadline's day number, then open items
    # without a clock, then closed ones, then drafts (see queue_key_of).
    queue_key: Mapped[int] = mapped_column(default=30_000_000)

    organization: Mapped[Organization] = relationship()
    assigned_to: Mapped[User | None] = relationship(foreign_keys=[assigned_to_id])
    changes: Mapped[list[CurriculumChange]] = relationship(
        back_populates="curriculum",
        order_by="CurriculumChange.id",
        cascade="all, delete-orphan",
        foreign_keys="CurriculumChange.curriculum_id",
    )
    versions: Mapped[list[CurriculumVersion]] = relationship(
        back_populates="curriculum",
        order_by="CurriculumVersion.number",
        cascade="all, delete-orphan",
    )

    files: Mapped[list[SupportingFile]] = relationship(
        order_by="SupportingFile.uploaded_at", cascade="all, delete-orphan"
    )

    __mapper_args__ = {"version_id_col": lock_version}  # noqa: RUF012 (SQLAlchemy reads it once)
    __table_args__ = (
        Index("ix_curriculum_queue", "queue_key", "id"),
        Index("ix_curriculum_assigned_queue", "assigned_to_id", "queue_key"),
    )

    @property
    def latest(self) -> CurriculumVersion | None:
        return self.versions[-1] if self.versions else None

    @property
    def fee_recorded(self) -> bool:
        return self.fee_paid or bool(self.fee_waived_reason)

    @property
    def approved_version(self) -> CurriculumVersion | None:
        """The version the approval stands on (the latest for an approval without a change)."""
        if self.approved_version_number is None:
            return None
        return next((v for v in self.versions if v.number == self.approved_version_number), None)

    @property
    def open_change(self) -> CurriculumChange | None:
        return next(
            (c for c in reversed(self.changes) if c.state in ("submitted", "revisions_requested")),
            None,
        )

    @property
    def current_version(self) -> CurriculumVersion | None:
        """The version under review: an open change's, else the approved one, else the latest."""
        change = self.open_change
        if change is not None:
            return change.version
        return self.approved_version or self.latest


class CurriculumChange(db.Model):
    """A substantive change to an approved curriculum: its own version, notice, clock and
    decision (§803.5). Its audit events have subject type ``curriculum_change``."""

    __tablename__ = "curriculum_change"

    id: Mapped[int] = mapped_column(primary_key=True)
    curriculum_id: Mapped[int] = mapped_column(ForeignKey("curriculum.id"), index=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("curriculum_version.id"))
    state: Mapped[ChangeState] = mapped_column(String(30), default=ChangeState.SUBMITTED)
    intended_use_on: Mapped[date]
    note: Mapped[str] = mapped_column(Text, default="")
    submitted_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    decision_reason: Mapped[str] = mapped_column(Text, default="")
    lock_version: Mapped[int] = mapped_column(default=1)

    curriculum: Mapped[Curriculum] = relationship(
        back_populates="changes", foreign_keys=[curriculum_id]
    )
    version: Mapped[CurriculumVersion] = relationship(foreign_keys=[version_id])

    __mapper_args__ = {"version_id_col": lock_version}  # noqa: RUF012 (SQLAlchemy reads it once)

    @property
    def is_open(self) -> bool:
        return self.state in (ChangeState.SUBMITTED, ChangeState.REVISIONS_REQUESTED)


class FindingOverride(db.Model):
    """A reviewer sets aside one error of a version's checker report, with the reason."""

    __tablename__ = "finding_override"

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("curriculum_version.id"), index=True)
    finding_index: Mapped[int]  # position in the version's report (a report never changes)
    code: Mapped[str] = mapped_column(String(60))
    reason: Mapped[str] = mapped_column(Text)
    reviewer_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class CurriculumVersion(db.Model):
    """One version of a curriculum: the syllabus as submitted and the checker's report of it."""

    __tablename__ = "curriculum_version"

    id: Mapped[int] = mapped_column(primary_key=True)
    curriculum_id: Mapped[int] = mapped_column(ForeignKey("curriculum.id"), index=True)
    number: Mapped[int]
    syllabus_text: Mapped[str] = mapped_column(Text)
    original_name: Mapped[str] = mapped_column(String(200), default="")
    stored_name: Mapped[str] = mapped_column(String(80), default="")
    report: Mapped[dict] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    note: Mapped[str] = mapped_column(Text, default="")
    is_substantive_change: Mapped[bool] = mapped_column(default=False)
    intended_use_on: Mapped[date | None]

    curriculum: Mapped[Curriculum] = relationship(back_populates="versions")
    created_by: Mapped[User | None] = relationship()
    reading_corrections: Mapped[list[ReadingCorrection]] = relationship(
        back_populates="version", cascade="all, delete-orphan", order_by="ReadingCorrection.id"
    )


class CompetencyReview(db.Model):
    """A reviewer's confirmation or override of the checker for one competency."""

    __tablename__ = "competency_review"

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("curriculum_version.id"), index=True)
    competency_id: Mapped[str] = mapped_column(String(20))
    covered: Mapped[bool]
    checker_said: Mapped[bool]
    note: Mapped[str] = mapped_column(Text, default="")
    reviewer_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    @property
    def is_override(self) -> bool:
        return self.covered != self.checker_said


class SupportingFile(StoredFileColumns, db.Model):
    """A file a provider attaches to a curriculum (handouts, slides, assessments)."""

    __tablename__ = "supporting_file"

    id: Mapped[int] = mapped_column(primary_key=True)
    curriculum_id: Mapped[int] = mapped_column(ForeignKey("curriculum.id"), index=True)


class ReviewComment(db.Model):
    """A reviewer's comment on one module or one competency of a version."""

    __tablename__ = "review_comment"

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("curriculum_version.id"), index=True)
    target: Mapped[str] = mapped_column(
        String(320)
    )  # "competency core-6" or "module line 12: title"
    text: Mapped[str] = mapped_column(Text)
    reviewer_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    # Set when the revision request carrying it goes out; the provider sees it from then on.
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class ReadingCorrection(db.Model):
    """A provider's correction of what the checker read on one line of a version's syllabus:
    what the machine read, what the provider says, who and when; a reviewer accepts or rejects it
    (a rejected correction no longer counts: the version's report is recomputed without it)."""

    __tablename__ = "reading_correction"

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("curriculum_version.id"), index=True)
    line: Mapped[int]
    field: Mapped[str] = mapped_column(String(20))
    value: Mapped[dict] = mapped_column(JSON)  # the correction as JSON (reading.correction_to_dict)
    machine_read: Mapped[str] = mapped_column(Text, default="")
    provider_says: Mapped[str] = mapped_column(Text, default="")
    source_line: Mapped[str] = mapped_column(Text, default="")
    created_by_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    status: Mapped[str] = mapped_column(String(20), default="proposed")  # accepted | rejected
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    decision_note: Mapped[str] = mapped_column(Text, default="")

    version: Mapped[CurriculumVersion] = relationship(back_populates="reading_corrections")
    created_by: Mapped[User] = relationship(foreign_keys=[created_by_id])
    decided_by: Mapped[User | None] = relationship(foreign_keys=[decided_by_id])
