"""A registry record: created, corrected, its status changed and its actions noted, each change
dated and audited (§500.2), and the CE a sanction requires attached to it (App. F)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.audit.services import record as audit_log
from app.auth.models import User
from app.certification import CertificationStatus
from app.dbtypes import utcnow
from app.errors import DomainError, NotFound
from app.messages import Message, sentence
from app.policy import DEFAULT_POLICY, SANCTIONS, Policy
from app.registry import hooks
from app.registry.mail import tell_record_changed
from app.registry.models import (
    CERequirement,
    CertificationRecord,
    RegistryChange,
)
from app.registry.rules import (
    RegistryAction,
    check_facts,
    normalized_number,
)


def _day_start(day: date) -> datetime:
    return datetime.combine(day, time(), tzinfo=UTC)


def _change(session, record, actor, kind, before, after, *, effective_at=None, reason=""):
    change = RegistryChange(
        record_id=record.id,
        kind=kind,
        from_value=str(before or "")[:200],
        to_value=str(after or "")[:200],
        effective_at=effective_at or utcnow(),
        recorded_by_id=actor.id if actor else None,
        reason=reason[:2000],
    )
    session.add(change)
    audit_log(
        session,
        actor_id=actor.id if actor else None,
        subject_type="certification_record",
        subject_id=record.id,
        action=kind,
        from_state=str(before or "")[:40] or None,  # the log's state columns are short
        to_state=str(after or "")[:40] or None,
        reason=reason,
        details={"from": str(before or ""), "to": str(after or "")},
    )
    return change


def _sentence(problems: list[str]) -> str:
    return sentence(problems)


def get_record(session: Session, record_id: int) -> CertificationRecord:
    record = session.get(CertificationRecord, record_id)
    if record is None:
        raise NotFound(Message("There is no such registry record."))
    return record


def create_record(
    session: Session,
    actor: User | None,
    *,
    legal_name: str,
    certification_number: str,
    issued_on: date,
    expires_on: date,
    specializations: list[str] | None = None,
    email: str = "",
    today: date,
) -> CertificationRecord:
    """A new record, active with no action; audited."""
    number = normalized_number(certification_number)
    problems = check_facts(legal_name, number, issued_on, expires_on, today)
    if problems:
        raise DomainError(_sentence(problems))
    if session.scalar(
        select(CertificationRecord.id).where(CertificationRecord.certification_number == number)
    ):
        raise DomainError(Message("%(number)s is already in the registry.", number=number))
    record = CertificationRecord(
        legal_name=legal_name.strip(),
        certification_number=number,
        issued_on=issued_on,
        expires_on=expires_on,
        status=CertificationStatus.ACTIVE.value,
        action=RegistryAction.NONE.value,
        specializations=list(specializations or []),
        email=email.strip(),
    )
    session.add(record)
    session.flush()
    _change(session, record, actor, "created", "", number)
    session.flush()
    return record


def update_record(
    session: Session,
    actor: User | None,
    record: CertificationRecord,
    *,
    legal_name: str,
    issued_on: date,
    expires_on: date,
    specializations: list[str],
    email: str,
    today: date,
) -> list[str]:
    """Change a record's facts (not its number); each changed field is a dated change. Returns
    the names of the fields changed."""
    problems = check_facts(legal_name, record.certification_number, issued_on, expires_on, today)
    if problems:
        raise DomainError(_sentence(problems))
    new = {
        "legal_name": legal_name.strip(),
        "issued_on": issued_on,
        "expires_on": expires_on,
        "specializations": list(specializations),
        "email": email.strip(),
    }
    changed = [name for name, value in new.items() if getattr(record, name) != value]
    for name in changed:
        shown = "(changed)" if name == "email" else None
        _change(
            session,
            record,
            actor,
            "updated",
            shown or getattr(record, name),
            shown or new[name],
            reason=name,
        )
        setattr(record, name, new[name])
    _sync_profile(session, record)
    session.flush()
    return changed


def change_status(
    session: Session,
    actor: User | None,
    record: CertificationRecord,
    *,
    status: str,
    action: str,
    effective_on: date,
    reason: str,
    today: date,
    policy: Policy = DEFAULT_POLICY,
) -> list[RegistryChange]:
    """Record a status or action change with the day it took effect; the 72-hour rule
    (§805.2–3) is shown against that day. Audited; the peer is told."""
    if status not in {s.value for s in CertificationStatus}:
        raise DomainError(Message("Choose a status."))
    if action not in {a.value for a in RegistryAction}:
        raise DomainError(Message("Choose an action."))
    if effective_on > today:
        raise DomainError(
            Message("The change cannot take effect in the future: record it when it happens.")
        )
    if not reason.strip():
        raise DomainError(Message("Say why the status changes."))
    effective_at = _day_start(effective_on)
    changes = []
    for field, value in (("status", status), ("action", action)):
        if value != getattr(record, field):
            changes.append(
                _change(
                    session,
                    record,
                    actor,
                    field,
                    getattr(record, field),
                    value,
                    effective_at=effective_at,
                    reason=reason.strip(),
                )
            )
            setattr(record, field, value)
    if not changes:
        raise DomainError(
            Message("Nothing changes: the record already has that status and action.")
        )
    _sync_profile(session, record)
    if record.claimed_by_id:
        user = session.get(User, record.claimed_by_id)
        tell_record_changed(session, user.email, record, day=effective_on, reason=reason.strip())
    session.flush()
    return changes


def note_action(
    session: Session, actor: User | None, record: CertificationRecord, kind: str, text: str
) -> RegistryChange:
    """A dated note on the record's history (e.g. a records review's outcome)."""
    change = _change(session, record, actor, kind, "", text[:200], reason=text)
    session.flush()
    return change


def _sync_profile(session: Session, record: CertificationRecord) -> None:
    """The claimed peer's CE profile follows the registry (the peer never sets these)."""
    hooks.CE.sync_profiles(session, [record])


def add_requirement(
    session: Session,
    actor: User,
    record: CertificationRecord,
    *,
    sanction: str,
    imposed_on: date,
    due_on: date | None,
    note: str,
    today: date,
) -> CERequirement:
    """Attach the CE a sanction requires (App. F) to a record; dated and audited."""

    if sanction not in SANCTIONS:
        raise DomainError(Message("Choose the sanction's CE requirement."))
    if imposed_on > today or (due_on is not None and due_on < imposed_on):
        raise DomainError(
            Message("The sanction is imposed today or earlier, and due after it is imposed.")
        )
    item = CERequirement(
        record_id=record.id,
        sanction=sanction,
        imposed_on=imposed_on,
        due_on=due_on,
        note=note.strip(),
        created_by_id=actor.id,
    )
    session.add(item)
    rule = SANCTIONS[sanction]
    _change(
        session,
        record,
        actor,
        "ce_required",
        "",
        f"{rule.text} ({rule.citation})",
        effective_at=_day_start(imposed_on),
        reason=note.strip(),
    )
    session.flush()
    return item
