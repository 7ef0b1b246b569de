"""Curricula for tests, built through the services (so every state has its audit trail)."""

from __future__ import annotations

from datetime import date

from app.auth.models import Role, User
from app.extensions import db
from app.policy import DEFAULT_POLICY
from app.submissions import services
from app.submissions.models import Curriculum
from app.syllabus.services import check_syllabus
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
    curriculum = services.create_draft(
        db.session,
        provider=provider,
        program=program,
        title=title,
        language="English",
        syllabus_text=text,
        report=check_syllabus(text, program).to_dict(),
    )
    if state in ("submitted", "approved"):
        services.submit(db.session, curriculum, provider)
    if state == "approved":
        services.approve(
            db.session,
            curriculum,
            reviewer or make_user(Role.REVIEWER),
            DEFAULT_POLICY,
            today=approved_on or date(2026, 1, 1),
        )
    db.session.commit()
    return curriculum
