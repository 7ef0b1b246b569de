"""Demo curricula in several states, from the sample syllabi in curricula/."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from app import context
from app.policy import DEFAULT_POLICY
from app.submissions import services
from app.submissions.models import Curriculum
from app.syllabus.services import check_syllabus
from app.syllabus.stored_text import for_storage

CURRICULA = Path(__file__).resolve().parents[2] / "curricula"


def _draft(session, provider, program, title, filename):
    text = (CURRICULA / filename).read_text(encoding="utf-8")
    report = for_storage(check_syllabus(text, program))
    return services.create_draft(
        session,
        provider=provider,
        program=program,
        title=title,
        language="English",
        syllabus_text=text,
        report=report,
    )


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
    approved = _draft(
        session, provider, "core", "Core training 2026 (demo)", "core_80_hour_passing.md"
    )
    services.submit(session, approved, provider)
    services.confirm_fee_paid(session, approved, reviewer)
    services.approve(
        session,
        approved,
        reviewer,
        DEFAULT_POLICY,
        today=today,
        reason="Covers all 17 competencies with 80 hours.",
    )

    sent_back = _draft(
        session, provider, "core", "Weekend core training (demo)", "core_incomplete_short.md"
    )
    services.submit(session, sent_back, provider)
    services.confirm_fee_paid(session, sent_back, reviewer)
    services.request_revisions(
        session,
        sent_back,
        reviewer,
        comments="Eleven competencies are missing and the hours are short of 80 (§202.1.G).",
    )

    waiting = _draft(
        session,
        provider,
        "crisis",
        "Crisis care specialization (demo)",
        "crisis_specialization_40_hours.md",
    )
    services.submit(session, waiting, provider)
    services.confirm_fee_paid(session, waiting, reviewer)

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
