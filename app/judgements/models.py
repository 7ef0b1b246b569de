"""The versions each judgement was made under, and the texts of those versions."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.dbtypes import UTCDateTime, utcnow
from app.extensions import db


class BasisSnapshot(db.Model):
    """A framework file or the policy as some judgement saw it, kept once per distinct digest,
    so a later version can be compared with it statement by statement."""

    __tablename__ = "basis_snapshot"
    __table_args__ = (UniqueConstraint("name", "digest"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120))  # "core.yaml", …, or "policy"
    digest: Mapped[str] = mapped_column(String(64))  # SHA-256 of the file / canonical values
    label: Mapped[str] = mapped_column(String(60), default="")  # the file's declared version
    content: Mapped[dict] = mapped_column(JSON)  # statement key -> text, or rule key -> value
    first_seen_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class JudgementBasis(db.Model):
    """What one report or decision was made under: each framework file's and the policy's digest."""

    __tablename__ = "judgement_basis"
    __table_args__ = (
        Index("ix_judgement_basis_subject", "subject_type", "subject_id"),
        Index("ix_judgement_basis_key", "kind", "basis_key"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    # "curriculum_version" (the checker's report), "curriculum" (a reviewer's decision),
    # "ce_audit_selection" (a records review's outcome)
    subject_type: Mapped[str] = mapped_column(String(40))
    subject_id: Mapped[int]
    kind: Mapped[str] = mapped_column(String(20))  # "report" or "decision"
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    versions: Mapped[dict] = mapped_column(JSON)  # name -> digest
    basis_key: Mapped[str] = mapped_column(String(64))  # one digest of ``versions``
