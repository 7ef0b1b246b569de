"""A training provider's standing: suspended or revoked after a complaint, reinstated on review."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.auth.models import Organization
from app.dbtypes import UTCDateTime, utcnow
from app.extensions import db
from app.providers.standing import Standing
from app.submissions.models import Curriculum


class ProviderStanding(db.Model):
    """The standing of one provider organization; no row means good standing."""

    __tablename__ = "provider_standing"

    id: Mapped[int] = mapped_column(primary_key=True)
    organization_id: Mapped[int] = mapped_column(ForeignKey("organization.id"), unique=True)
    standing: Mapped[Standing] = mapped_column(String(20), default=Standing.GOOD, index=True)
    since: Mapped[date]
    reason: Mapped[str] = mapped_column(Text, default="")
    complaint_id: Mapped[int | None] = mapped_column(ForeignKey("complaint.id"))
    # A request to return to good standing, reviewed within 60 days (§806.5.A, F)
    reinstatement_requested_on: Mapped[date | None]
    reinstatement_evidence: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    organization: Mapped[Organization] = relationship()


class ApprovalRenewal(db.Model):
    """A provider's application to renew an approval before it expires (§803.4), with its fee (§601)."""

    __tablename__ = "approval_renewal"

    id: Mapped[int] = mapped_column(primary_key=True)
    curriculum_id: Mapped[int] = mapped_column(ForeignKey("curriculum.id"), index=True)
    requested_on: Mapped[date]
    requested_by_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    expires_on: Mapped[date]  # the expiry date being renewed
    fee: Mapped[int]  # the renewal fee in force when applying (§601)
    fee_paid: Mapped[bool] = mapped_column(default=False)
    state: Mapped[str] = mapped_column(String(20), default="pending", index=True)
    # Bumped by every UPDATE: two reviewers deciding at once, the second is refused (409).
    lock_version: Mapped[int] = mapped_column(default=1)
    decided_on: Mapped[date | None]
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    reason: Mapped[str] = mapped_column(Text, default="")

    curriculum: Mapped[Curriculum] = relationship()

    __mapper_args__ = {"version_id_col": lock_version}  # noqa: RUF012 (SQLAlchemy reads it once)
