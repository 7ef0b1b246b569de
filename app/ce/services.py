"""A peer's CE record: profile, entries, summary and CSV, on top of the pure rules."""

from __future__ import annotations

import re
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.auth.models import User
from app.ce.csvio import read_csv, write_csv
from app.ce.models import CEEntryRecord, PeerProfile
from app.ce.rules import CEEntry, add_years, period_for, summarize
from app.errors import Conflict, DomainError, NotFound
from app.policy import Policy

CERTIFICATION_NUMBER = re.compile(r"^MPSS\d{4,10}$")


def profile_of(session: Session, user: User) -> PeerProfile | None:
    return session.scalar(select(PeerProfile).where(PeerProfile.user_id == user.id))


def save_profile(
    session: Session,
    user: User,
    *,
    legal_name: str,
    certification_number: str,
    issued_on: date,
    status: str,
    specializations: list[str],
) -> PeerProfile:
    """Create or update the peer's profile; the number looks like MPSS123456 (§213.6)."""
    number = certification_number.strip().upper().replace(" ", "")
    if not CERTIFICATION_NUMBER.match(number):
        raise DomainError(
            "A certification number is MPSS followed by digits, e.g. MPSS123456 (§213.6)."
        )
    other = session.scalar(
        select(PeerProfile).where(
            PeerProfile.certification_number == number, PeerProfile.user_id != user.id
        )
    )
    if other is not None:
        raise Conflict("Another account already uses this certification number.")
    profile = profile_of(session, user) or PeerProfile(user_id=user.id)
    profile.legal_name, profile.certification_number, profile.issued_on = (
        legal_name.strip(),
        number,
        issued_on,
    )
    profile.status, profile.specializations = status, specializations
    session.add(profile)
    session.commit()
    return profile


def as_rule_entry(record: CEEntryRecord, line: int | None = None) -> CEEntry:
    return CEEntry(
        title=record.title,
        provider=record.provider,
        start_date=record.start_date,
        end_date=record.end_date,
        format=record.format,
        hours=record.hours,
        units=record.units,
        source=record.source,
        law_ethics=record.law_ethics,
        law_ethics_topics=list(record.law_ethics_topics or []),
        evidence=list(record.evidence or []),
        line=line if line is not None else record.id,
    )


def summary_for(profile: PeerProfile, policy: Policy, today: date) -> dict:
    """The CE summary of the current period, entries keyed by their record id in ``line``."""
    return summarize(
        [as_rule_entry(r) for r in profile.entries],
        issued_on=profile.issued_on,
        today=today,
        policy=policy,
        status=profile.status,
    )


def expiration(profile: PeerProfile, policy: Policy, today: date) -> date:
    """The end of the current period of an active certification (the first one otherwise)."""
    if profile.status == "active":
        return period_for(profile.issued_on, today, policy)[1]
    return add_years(profile.issued_on, int(policy.value("cert.period_years")))


def get_entry(session: Session, profile: PeerProfile, entry_id: int) -> CEEntryRecord:
    """An entry of this peer's own record; others' entries are not found (404)."""
    record = session.get(CEEntryRecord, entry_id)
    if record is None or record.profile_id != profile.id:
        raise NotFound("There is no such entry in your record.")
    return record


def save_entry(
    session: Session, profile: PeerProfile, record: CEEntryRecord | None, entry: CEEntry
) -> CEEntryRecord:
    record = record or CEEntryRecord(profile_id=profile.id)
    _copy_fields(entry, record)
    session.add(record)
    session.commit()
    return record


def export_csv(profile: PeerProfile) -> str:
    return write_csv([as_rule_entry(r) for r in profile.entries])


def import_csv(
    session: Session,
    profile: PeerProfile,
    text: str,
    *,
    known_topics: frozenset[str] | None = None,
) -> tuple[int, list[str]]:
    """Import every row, or none when any row is invalid; returns (imported, errors)."""
    entries, errors = read_csv(text, known_topics=known_topics)
    if errors:
        return 0, [str(e) for e in errors]
    for entry in entries:
        record = CEEntryRecord(profile_id=profile.id)
        _copy_fields(entry, record)
        session.add(record)
    session.commit()
    return len(entries), []


def draw_audit(
    session: Session,
    reviewer: User,
    policy: Policy,
    *,
    window_start: date,
    window_end: date,
    method: str,
    amount: float,
    seed: int,
    today: date,
):
    """Draw peers whose renewal (expiration) falls in the window; notify them; 10 days to respond (§207.12)."""
    from app.audit.services import record
    from app.ce.models import CEAudit, CEAuditSelection
    from app.ce.rules import draw_sample
    from app.notifications.services import queue_email

    if window_end < window_start:
        raise DomainError("The end of the renewal range is before its start.")
    if method not in ("count", "percent") or amount <= 0 or (method == "percent" and amount > 100):
        raise DomainError("Draw a positive number of peers, or a percentage up to 100.")
    profiles = session.scalars(select(PeerProfile).where(PeerProfile.status == "active")).all()
    population = sorted(
        p.id for p in profiles if window_start <= expiration(p, policy, today) <= window_end
    )
    if not population:
        raise DomainError("No active peer renews in that range.")
    chosen = draw_sample(
        population,
        seed,
        count=int(amount) if method == "count" else None,
        percent=amount if method == "percent" else None,
    )
    audit = CEAudit(
        drawn_by_id=reviewer.id,
        window_start=window_start,
        window_end=window_end,
        method=method,
        amount=amount,
        seed=seed,
        population=population,
        selected=chosen,
    )
    session.add(audit)
    session.flush()
    days = int(policy.value("audit.response_days"))
    by_id = {p.id: p for p in profiles}
    for profile_id in chosen:
        selection = CEAuditSelection(
            audit_id=audit.id, profile_id=profile_id, due_on=today + timedelta(days=days)
        )
        session.add(selection)
        profile = by_id[profile_id]
        queue_email(
            session,
            profile.user.email,
            "Your CE records are selected for review",
            f"Your continuing-education records are selected for the random records review. Upload proof for each course in your record by {selection.due_on:%B %d, %Y} ({days} days, {policy.cite('audit.response_days')}).",
            category="audit",
        )
    record(
        session,
        actor_id=reviewer.id,
        subject_type="ce_audit",
        subject_id=audit.id,
        action="draw",
        reason=f"{len(chosen)} of {len(population)} peers, seed {seed}",
        details={"population": population, "selected": chosen, "seed": seed},
    )
    session.commit()
    return audit


def open_selection(session: Session, profile: PeerProfile):
    from app.ce.models import CEAuditSelection

    return session.scalar(
        select(CEAuditSelection)
        .where(CEAuditSelection.profile_id == profile.id, CEAuditSelection.responded_at.is_(None))
        .order_by(CEAuditSelection.id.desc())
    )


def respond_to_audit(session: Session, profile: PeerProfile, user: User) -> None:
    """The peer says the proof is uploaded."""
    from app.audit.services import record
    from app.dbtypes import utcnow

    selection = open_selection(session, profile)
    if selection is None:
        raise NotFound("You have no open records review.")
    selection.responded_at = utcnow()
    record(
        session,
        actor_id=user.id,
        subject_type="ce_audit",
        subject_id=selection.audit_id,
        action="respond",
        reason=profile.certification_number,
    )
    session.commit()


def review_audit_entry(
    session: Session, reviewer: User, selection, entry: CEEntryRecord, *, decision: str, note: str
):
    """Accept or reject the proof of one entry; recorded in the audit log."""
    from app.audit.services import record
    from app.ce.models import CEAuditEntryReview

    if decision not in ("accepted", "rejected"):
        raise DomainError("Accept or reject the proof.")
    if entry.profile_id != selection.profile_id:
        raise NotFound("That entry is not in this peer's record.")
    review = CEAuditEntryReview(
        selection_id=selection.id,
        entry_id=entry.id,
        decision=decision,
        note=note.strip(),
        reviewer_id=reviewer.id,
    )
    session.add(review)
    record(
        session,
        actor_id=reviewer.id,
        subject_type="ce_audit",
        subject_id=selection.audit_id,
        action=f"entry_{decision}",
        reason=note.strip(),
        details={"entry": entry.id, "profile": selection.profile_id},
    )
    session.commit()
    return review


ENTRY_FIELDS = (
    "title",
    "provider",
    "start_date",
    "end_date",
    "format",
    "hours",
    "units",
    "source",
    "law_ethics",
    "law_ethics_topics",
    "evidence",
)


def _copy_fields(entry: CEEntry, record: CEEntryRecord) -> None:
    """Copy a rules-level entry onto its database record."""
    for name in ENTRY_FIELDS:
        setattr(record, name, getattr(entry, name))
