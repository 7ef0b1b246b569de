"""What CE does for the registry, which sits below it and cannot import CE: a claimed record's
peer gets a CE profile matching it, the profiles follow the registry's changes, and the renewal
page reads the CE summary. app/wiring.py hands these to app.registry.hooks at start-up."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.audit.services import record_by
from app.auth.models import User
from app.ce.models import PeerProfile
from app.ce.profiles import profile_of, summary_for
from app.policy import Policy


def link_profile(session: Session, user: User, record: Any) -> PeerProfile:
    """The user's CE profile made to match the registry ``record`` (a number held by a
    self-declared profile of another account is released: the registry decides who holds it)."""
    squatter = session.scalar(
        select(PeerProfile).where(
            PeerProfile.certification_number == record.certification_number,
            PeerProfile.user_id != user.id,
        )
    )
    if squatter is not None:
        squatter.certification_number = f"UNLINKED{squatter.id}"[:20]
        record_by(
            session,
            user,
            "peer_profile",
            squatter.id,
            "number_released",
            reason=record.certification_number,
        )
        session.flush()
    profile = session.scalar(select(PeerProfile).where(PeerProfile.user_id == user.id))
    if profile is None:
        profile = PeerProfile(user_id=user.id)
        session.add(profile)
    profile.legal_name = record.legal_name
    profile.certification_number = record.certification_number
    profile.issued_on = record.issued_on
    profile.status = record.status
    profile.specializations = list(record.specializations or [])
    profile.record_id = record.id
    session.flush()
    return profile


def sync_profiles(session: Session, records: list[Any]) -> None:
    """The claimed peers' CE profiles follow their registry records, read in one query."""
    by_user = {r.claimed_by_id: r for r in records if r.claimed_by_id}
    if not by_user:
        return
    for profile in session.scalars(
        select(PeerProfile).where(PeerProfile.user_id.in_(list(by_user)))
    ):
        record = by_user[profile.user_id]
        profile.legal_name = record.legal_name
        profile.issued_on = record.issued_on
        profile.status = record.status
        profile.specializations = list(record.specializations or [])


def ce_summary(session: Session, user: User, policy: Policy, today: date) -> dict:
    """The peer's CE summary of the current period, for the renewal attestation."""
    return summary_for(profile_of(session, user), policy, today)
