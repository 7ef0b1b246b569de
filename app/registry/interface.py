"""The registry as CE reads it: the one module of app.registry that app.ce imports
(tests/test_imports.py holds it to that).

CE reads a record's facts, its renewals and the CE its sanctions require, as plain values; it
acts on the registry through the few services named here (a peer claims a record, staff register
a certification, a records review's outcome lands on the record's history). Everything else of
the registry is none of CE's business."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from app.auth.models import User
from app.certification import CertificationStatus
from app.dbtypes import utcnow
from app.registry.claims import claim, record_of_user, save_profile
from app.registry.models import CertificationRecord, RenewalApplication
from app.registry.records import change_status, note_action
from app.registry.requirements import requirements_of
from app.registry.rules import ACTION_LABELS, STATUS_LABELS, fold_name

__all__ = [
    "ACTION_LABELS",
    "STATUS_LABELS",
    "AttestedRenewal",
    "RecordFacts",
    "RequiredCE",
    "active_record_ids",
    "claim",
    "expires_on",
    "fold_name",
    "note_review_outcome",
    "record_of_user",
    "records_by_number",
    "renewal_dates",
    "renewals_attested_below",
    "required_ce",
    "save_profile",
]


@dataclass(frozen=True)
class RecordFacts:
    """Who holds a certification number, as the registry has it."""

    id: int
    certification_number: str
    legal_name: str


@dataclass(frozen=True)
class AttestedRenewal:
    """A recorded renewal and the CE it was attested with (§207.3, §207.11)."""

    record_id: int
    submitted_at: datetime
    previous_expires_on: date
    ce_hours: float
    law_ethics_hours: float


@dataclass(frozen=True)
class RequiredCE:
    """CE a sanction on the record requires (App. F)."""

    sanction: str
    imposed_on: date
    due_on: date | None


def active_record_ids() -> Select:
    """The ids of the active records, as a subquery CE filters by in its own statement."""
    return select(CertificationRecord.id).where(
        CertificationRecord.status == CertificationStatus.ACTIVE
    )


def record_is_active(record_id):
    """True where the record ``record_id`` (a column of CE's own statement) names is active:
    one look-up by primary key per row, so a condition that already picks few rows (the
    records-review draw's issue dates) does not read the whole registry as a join would."""
    return (
        select(CertificationRecord.status)
        .where(CertificationRecord.id == record_id)
        .scalar_subquery()
        == CertificationStatus.ACTIVE
    )


def expires_on(session: Session, record_id: int) -> date | None:
    """The record's expiration date (the one source of it), or None when there is no record."""
    record = session.get(CertificationRecord, record_id)
    return record.expires_on if record is not None else None


def records_by_number(session: Session, numbers: list[str]) -> list[RecordFacts]:
    """The records of these certification numbers, in one query."""
    return [
        RecordFacts(r.id, r.certification_number, r.legal_name)
        for r in session.scalars(
            select(CertificationRecord).where(CertificationRecord.certification_number.in_(numbers))
        )
    ]


def renewal_dates(session: Session, record_id: int) -> list[tuple[date, datetime]]:
    """Each renewal of the record: the expiration it replaced and when it was submitted."""
    return [
        (previous, submitted)
        for previous, submitted in session.execute(
            select(RenewalApplication.previous_expires_on, RenewalApplication.submitted_at).where(
                RenewalApplication.record_id == record_id
            )
        )
    ]


def renewals_attested_below(
    session: Session, hours: float, law_ethics_hours: float
) -> list[AttestedRenewal]:
    """The renewals attested with fewer CE hours, or fewer of law and ethics, than these, oldest
    first."""
    return [
        AttestedRenewal(
            r.record_id, r.submitted_at, r.previous_expires_on, r.ce_hours, r.law_ethics_hours
        )
        for r in session.scalars(
            select(RenewalApplication)
            .where(
                (RenewalApplication.ce_hours < hours)
                | (RenewalApplication.law_ethics_hours < law_ethics_hours)
            )
            .order_by(RenewalApplication.submitted_at)
        )
    ]


def required_ce(session: Session, record_id: int | None) -> list[RequiredCE]:
    """The CE the sanctions on the record require, in the order they were imposed."""
    return [
        RequiredCE(r.sanction, r.imposed_on, r.due_on) for r in requirements_of(session, record_id)
    ]


def note_review_outcome(
    session: Session,
    reviewer: User,
    record_id: int | None,
    text: str,
    *,
    referral: str | None = None,
) -> None:
    """A records review's outcome on the record's history; with ``referral`` (the reason), a
    record with no action yet goes under investigation from today. Nothing without a record."""
    record = session.get(CertificationRecord, record_id or 0)
    if record is None:
        return
    note_action(session, reviewer, record, "audit", text)
    if referral is not None and record.action == "none":
        today = utcnow().date()
        change_status(
            session,
            reviewer,
            record,
            status=record.status,
            action="under_investigation",
            effective_on=today,
            reason=referral,
            today=today,
        )
