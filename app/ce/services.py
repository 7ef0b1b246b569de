"""A peer's CE record: profile, entries, summary and CSV, on top of the pure rules."""

from __future__ import annotations

import re
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.auth.models import User
from app.ce.csvio import read_csv, write_csv
from app.ce.models import CEEntryRecord, PeerProfile
from app.ce.rules import CEEntry, add_years, summarize
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
    years = int(policy.value("cert.period_years"))
    end = add_years(profile.issued_on, years)
    while end <= today and profile.status == "active":
        end = add_years(end, years)
    return end


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
    for name in (
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
    ):
        setattr(record, name, getattr(entry, name))
    session.add(record)
    session.commit()
    return record


def export_csv(profile: PeerProfile) -> str:
    return write_csv([as_rule_entry(r) for r in profile.entries])


def import_csv(session: Session, profile: PeerProfile, text: str) -> tuple[int, list[str]]:
    """Import every row, or none when any row is invalid; returns (imported, errors)."""
    entries, errors = read_csv(text)
    if errors:
        return 0, [str(e) for e in errors]
    for entry in entries:
        session.add(
            CEEntryRecord(
                profile_id=profile.id,
                **{
                    k: getattr(entry, k)
                    for k in (
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
                },
            )
        )
    session.commit()
    return len(entries), []
