"""A peer's CE profile, linked to a registry record, and the summary of its current period (§207.3)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, object_session

from app.auth.models import User
from app.ce.models import (
    CEEntryRecord,
    PeerProfile,
)
from app.ce.rules import (
    ENTRY_FIELDS,
    CEEntry,
    CertificationStatus,
    period_for,
    sanction_progress,
    summarize,
)
from app.dates import add_years
from app.policy import SANCTIONS, Policy
from app.registry import interface as registry


def profile_of(session: Session, user: User) -> PeerProfile | None:
    return session.scalar(select(PeerProfile).where(PeerProfile.user_id == user.id))


def as_rule_entry(record: CEEntryRecord, line: int | None = None) -> CEEntry:
    values = {name: getattr(record, name) for name in ENTRY_FIELDS}
    values.update(
        law_ethics_topics=list(record.law_ethics_topics or []),
        evidence=list(record.evidence or []),
    )
    withdrawn = record.withdrawn_reason or "" if record.withdrawn_at is not None else None
    return CEEntry(
        **values,
        line=line if line is not None else record.id,
        withdrawn=withdrawn,
        withdrawn_on=record.withdrawn_at.date() if record.withdrawn_at is not None else None,
    )


def summary_for(profile: PeerProfile, policy: Policy, today: date) -> dict:
    """The CE summary of the current period, entries keyed by their record id in ``line``, with
    the CE sanctions on the registry record require (App. F)."""

    entries = [as_rule_entry(r) for r in profile.entries]
    summary = summarize(
        entries,
        issued_on=profile.issued_on,
        today=_current_day(profile, policy, today),
        policy=policy,
        status=profile.status,
    )
    session = object_session(profile)
    required = registry.required_ce(session, profile.record_id) if session is not None else []
    summary["sanctions"] = sanction_progress(
        entries, [(SANCTIONS[r.sanction], r.imposed_on) for r in required], policy
    )
    for item, requirement in zip(summary["sanctions"], required, strict=True):
        item["due_on"] = requirement.due_on.isoformat() if requirement.due_on else None
    return summary


def _current_day(profile: PeerProfile, policy: Policy, today: date) -> date:
    """A day of the certification's current period: today, or, once a renewal moved the
    registry's expiration past today's period, the first day of the renewed period. The registry
    record is the one source of the expiration date; every page reads it through here."""

    session = object_session(profile)
    if profile.record_id is None or session is None:
        return today
    expires_on = registry.expires_on(session, profile.record_id)
    end = period_for(profile.issued_on, today, policy)[1]
    if expires_on is not None and expires_on > end:
        return end
    return today


def expiration(profile: PeerProfile, policy: Policy, today: date) -> date:
    """The end of the period containing ``today`` of an active certification (the first one
    otherwise): the period a renewal made today attests, which a records review samples."""
    return _expiration(profile.issued_on, profile.status, policy, today)


def _expiration(issued_on: date, status: str, policy: Policy, today: date) -> date:
    if status == CertificationStatus.ACTIVE:
        return period_for(issued_on, today, policy)[1]
    return add_years(issued_on, int(policy.value("cert.period_years")))


def next_steps(summary: dict) -> list[str]:
    """What the peer should do next, from a ``summary_for`` result."""
    expires_on = date.fromisoformat(summary["expires_on"])
    steps = []
    short = summary["required_hours"] - summary["total_hours"]
    short_le = summary["required_law_ethics_hours"] - summary["law_ethics_hours"]
    if short > 0:
        steps.append(
            f"You need {short:g} more CE hours"
            + (f", {short_le:g} of them law and ethics," if short_le > 0 else "")
            + f" before {expires_on:%B %d, %Y}."
        )
    elif short_le > 0:
        steps.append(
            f"You need {short_le:g} more hours of law and ethics before {expires_on:%B %d, %Y}."
        )
    steps.append(summary["renewal"]["message"])
    attention = [e for e in summary["entries"] if not e["counted"]]
    if attention:
        steps.append(
            f"{len(attention)} entr{'y does' if len(attention) == 1 else 'ies do'} not count; see the reasons below."
        )
    return steps
