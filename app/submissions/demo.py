"""Demo curricula in several states, from the sample syllabi in curricula/."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from app import context
from app.auth.models import User
from app.policy import DEFAULT_POLICY
from app.submissions import services
from app.submissions.demo_courses import draft as _draft
from app.submissions.models import Curriculum


def seed(session: Session, seeded: dict) -> None:
    """Curricula incomplete, sent back, approved and denied (skipped when they exist)."""
    users = seeded.get("users", {})
    provider, provider_b, reviewer = (
        users.get("provider"),
        users.get("provider_b"),
        users.get("reviewer"),
    )
    if provider is None or reviewer is None:
        return
    if session.scalar(select(Curriculum).where(Curriculum.title == "Core training 2026 (demo)")):
        return
    today = context.today()
    approved = _submitted(
        session, provider, reviewer, "core", "Core training 2026 (demo)", "core_80_hour_passing.md"
    )
    services.approve(
        session,
        approved,
        reviewer,
        DEFAULT_POLICY,
        today=today,
        reason="Covers all 17 competencies with 80 hours.",
    )

    sent_back = _submitted(
        session,
        provider,
        reviewer,
        "core",
        "Weekend core training (demo)",
        "core_incomplete_short.md",
    )
    services.request_revisions(
        session,
        sent_back,
        reviewer,
        comments="Eleven competencies are missing and the hours are short of 80 (§202.1.G).",
    )

    _submitted(
        session,
        provider,
        reviewer,
        "crisis",
        "Crisis care specialization (demo)",
        "crisis_specialization_40_hours.md",
    )

    unpaid = _draft(
        session, provider, "refresher", "Refresher 2026 (demo)", "refresher_40_hours.md"
    )
    services.submit(session, unpaid, provider)  # the fee is not recorded: incomplete, no clock

    _draft(
        session, provider, "ce", "Law and ethics CE (demo draft)", "ce_law_and_ethics_6_hours.md"
    )

    if provider_b is not None:
        denied = _draft(
            session, provider_b, "core", "Core agenda week 1 (demo)", "agenda_with_clock_times.md"
        )
        services.submit(session, denied, provider_b)
        services.waive_fee(session, denied, reviewer, reason="Pilot program: fee waived.")
        services.deny(
            session,
            denied,
            reviewer,
            DEFAULT_POLICY,
            reason="Only 8.75 hours of direct instruction; the core training is 80 hours (§202.1.G).",
        )


def _submitted(
    session: Session, provider: User, reviewer: User, program: str, title: str, syllabus: str
) -> Curriculum:
    """A demo course submitted by ``provider`` with its fee recorded by ``reviewer``."""
    course = _draft(session, provider, program, title, syllabus)
    services.submit(session, course, provider)
    services.confirm_fee_paid(session, course, reviewer)
    return course
