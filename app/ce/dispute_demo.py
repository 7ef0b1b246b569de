"""Demo of a disputed completion: an approved CE course, a roster its provider posted onto two
demo peers' records, and the first peer's open dispute, which a reviewer resolves at
/completions/disputes (skipped when a roster is posted already). The two peers are their own
accounts, so the first demo peer's record stays as app.ce.demo makes it."""

from __future__ import annotations

from datetime import timedelta

from flask import current_app
from sqlalchemy import select
from sqlalchemy.orm import Session

from app import context
from app.auth.demo import DEMO_PASSWORD
from app.auth.models import Role, User
from app.auth.services import verified_user
from app.ce import rosters
from app.ce.roster_models import RosterPosting
from app.ce.rules import CertificationStatus
from app.ce.services import profile_of, save_profile
from app.submissions.demo_courses import approved_course

PEERS = (
    ("peer2@curriculum.example", "Casey Rivera", "MPSS100235"),
    ("peer3@curriculum.example", "Morgan Lee", "MPSS100236"),
)
COURSE_TITLE = "Confidentiality and boundaries (demo CE course)"
DISPUTE = "I attended the morning session only, three hours, not the whole course."


def _peer(session: Session, seeded: dict, key: str, values: tuple[str, str, str], issued_on):
    """A demo peer's account and certification (created once)."""
    email, name, number = values
    user = session.scalar(select(User).where(User.email == email))
    if user is None:
        user = verified_user(email, name, Role.PEER, DEMO_PASSWORD)
        session.add(user)
        session.flush()
    seeded.setdefault("users", {})[key] = user
    seeded.setdefault("credentials", []).append(f"{Role.PEER.value:<9} {email:<32} {DEMO_PASSWORD}")
    if profile_of(session, user) is None:
        save_profile(
            session,
            user,
            legal_name=name,
            certification_number=number,
            issued_on=issued_on,
            status=CertificationStatus.ACTIVE,
            specializations=[],
        )
    return profile_of(session, user)


def seed(session: Session, seeded: dict) -> None:
    users = seeded.get("users", {})
    provider, reviewer = users.get("provider"), users.get("reviewer")
    if provider is None or reviewer is None:
        return
    today = context.today()
    issued = today - timedelta(days=300)
    first, second = (
        _peer(session, seeded, f"peer{n}", values, issued)
        for n, values in enumerate(PEERS, start=2)
    )
    if session.scalar(select(RosterPosting.id).limit(1)) is not None:
        return
    course = approved_course(
        session,
        provider,
        reviewer,
        program="ce",
        title=COURSE_TITLE,
        syllabus="ce_law_and_ethics_6_hours.md",
        approved_on=today - timedelta(days=60),
    )
    hours = rosters.describe(course).hours or 6
    completed = today - timedelta(days=30)
    roster = "certification_number,name,completed_on,hours\n" + "".join(
        f"{p.certification_number},{p.legal_name},{completed.isoformat()},{hours:g}\n"
        for p in (first, second)
    )
    posting = rosters.preview(
        session,
        course,
        provider,
        (roster.encode(), "demo-ce-roster.csv"),
        today=today,
        upload_dir=current_app.config["UPLOAD_DIR"],
        max_bytes=current_app.config["MAX_CONTENT_LENGTH"],
    )
    rosters.post(session, posting, provider, {line["line"] for line in posting.lines}, today=today)
    reported = next(r for r in posting.reported if r.entry.profile_id == first.id)
    rosters.dispute(session, first, reported.entry_id, DISPUTE)
    session.flush()
