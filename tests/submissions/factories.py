"""Curricula for tests, built through the services (so every state has its audit trail)."""

from __future__ import annotations

from datetime import date

from app.auth.models import Role, User
from app.extensions import db
from app.policy import DEFAULT_POLICY
from app.submissions import services
from app.submissions.demo_courses import draft_of_text
from app.submissions.models import Curriculum
from tests.factories import make_user

SYLLABUS = "---\nprogram: core\n---\n## Ethics (4 hours) [core-11]\nAssessment: quiz\n"


def make_curriculum(
    provider: User | None = None,
    *,
    state: str = "draft",
    program: str = "core",
    title: str = "Core training",
    text: str = SYLLABUS,
    reviewer: User | None = None,
    approved_on: date | None = None,
) -> Curriculum:
    """A curriculum in ``state`` (draft, submitted or approved), committed."""
    provider = provider or make_user(Role.PROVIDER)
    curriculum = draft_of_text(db.session, provider, program, title, text)
    if state in ("submitted", "approved"):
        submit_complete(curriculum, provider)
    if state == "approved":
        settle(curriculum)
        services.approve(
            db.session,
            curriculum,
            reviewer or make_user(Role.REVIEWER),
            DEFAULT_POLICY,
            today=approved_on or date(2026, 1, 1),
        )
    db.session.commit()
    return curriculum


def record_fee(curriculum: Curriculum, reviewer: User | None = None) -> None:
    """A reviewer records the fee: an incomplete application becomes complete (its clock starts)."""
    services.confirm_fee_paid(db.session, curriculum, reviewer or make_user(Role.REVIEWER))


def submit_complete(curriculum: Curriculum, provider: User) -> None:
    """Submit and record the fee: the application is complete and under review."""
    services.submit(db.session, curriculum, provider)
    record_fee(curriculum)


def settle(curriculum: Curriculum, reviewer: User | None = None) -> None:
    """A reviewer overrides every error of the version under review, so it may be approved."""
    reviewer = reviewer or make_user(Role.REVIEWER)
    version = curriculum.current_version
    for error in services.unresolved_errors(db.session, version):
        services.override_finding(
            db.session, version, reviewer, finding_index=error.index, reason="Accepted in review."
        )


def file_appeal(
    curriculum: Curriculum,
    provider: User,
    *,
    nature: str,
    contact: str,
    today: date | None = None,
):
    """``provider`` appeals the denial of ``curriculum``, on the day of the decision unless told
    (§702.1.D); not committed."""
    return services.appeal(
        db.session,
        curriculum,
        provider,
        DEFAULT_POLICY,
        today=today or curriculum.decided_at.date(),
        nature=nature,
        contact=contact,
    )


def decide_appeal(curriculum: Curriculum, reviewer: User, *, today: date, **decision):
    """``reviewer`` decides the appeal of ``curriculum`` (``uphold_denial``, ``reason``) under the
    default policy (§702.3.A); not committed."""
    return services.decide_appeal(
        db.session, curriculum, reviewer, DEFAULT_POLICY, today=today, **decision
    )
