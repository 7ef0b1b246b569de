"""A demo peer's certification and a few CE entries."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy.orm import Session

from app import context
from app.ce.models import CEEntryRecord
from app.ce.rules import CertificationStatus
from app.ce.services import profile_of, save_profile
from app.dates import add_years


def seed(session: Session, seeded: dict) -> None:
    """A profile issued so that the renewal window opens soon, with entries that show the rules."""
    peer = seeded.get("users", {}).get("peer")
    if peer is None or profile_of(session, peer) is not None:
        return
    today = context.today()
    # The certification expires in 120 days: the renewal window opens in 30.
    issued = add_years(today, -2) + timedelta(days=120)
    profile = save_profile(
        session,
        peer,
        legal_name="Jordan A. Peer",
        certification_number="MPSS100234",
        issued_on=issued,
        status=CertificationStatus.ACTIVE,
        specializations=["crisis"],
    )
    rows = [
        (
            "Law and Ethics for Peer Support Specialists",
            "Golden State Peer Training",
            60,
            6,
            None,
            "calmhsa_ce_provider",
            True,
            ["le-3", "le-8", "le-13"],
            ["certificate-law-ethics.pdf"],
        ),
        (
            "Psychology of Addiction (3 units)",
            "Riverside City College",
            200,
            None,
            3,
            "accredited_school",
            False,
            [],
            ["transcript.pdf"],
        ),
        (
            "Motivational Interviewing Webinar",
            "Online video channel",
            300,
            2,
            None,
            "other",
            False,
            [],
            [],
        ),
    ]
    for title, provider, days, hours, units, source, law_ethics, topics, evidence in rows:
        session.add(
            CEEntryRecord(
                profile_id=profile.id,
                title=title,
                provider=provider,
                start_date=issued + timedelta(days=days),
                end_date=None,
                format="online_live",
                hours=hours,
                units=units,
                source=source,
                law_ethics=law_ethics,
                law_ethics_topics=topics,
                evidence=evidence,
            )
        )
    session.flush()
