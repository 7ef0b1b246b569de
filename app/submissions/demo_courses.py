"""Demo courses from the sample syllabi in curricula/: a draft (app.submissions.demo), or a course
taken through to approval, as the demo seeds of other parts need one (app.reports.demo's
specialization courses, app.ce.dispute_demo's CE course)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sqlalchemy.orm import Session

from app.auth.models import User
from app.policy import DEFAULT_POLICY
from app.submissions import services
from app.submissions.models import Curriculum
from app.syllabus.services import check_syllabus
from app.syllabus.stored_text import for_storage

CURRICULA = Path(__file__).resolve().parents[2] / "curricula"


def draft(session: Session, provider: User, program: str, title: str, syllabus: str) -> Curriculum:
    """``provider``'s draft of ``title`` from curricula/``syllabus``, with the checker's report."""
    text = (CURRICULA / syllabus).read_text(encoding="utf-8")
    return draft_of_text(session, provider, program, title, text)


def draft_of_text(
    session: Session, provider: User, program: str, title: str, text: str
) -> Curriculum:
    """``provider``'s draft of ``title`` with the syllabus ``text`` and the checker's report, stored
    as an upload stores it (the demo and the tests' curricula are drafted this one way)."""
    return services.create_draft(
        session,
        provider=provider,
        program=program,
        title=title,
        language="English",
        syllabus_text=text,
        report=for_storage(check_syllabus(text, program)),
    )


def approved_course(
    session: Session,
    provider: User,
    reviewer: User,
    *,
    program: str,
    title: str,
    syllabus: str,
    approved_on: date,
) -> Curriculum:
    """``provider``'s course from curricula/``syllabus``, taken through the review as a person
    would: submitted, fee confirmed, each error finding accepted by ``reviewer``, approved on
    ``approved_on``."""
    course = draft(session, provider, program, title, syllabus)
    services.submit(session, course, provider)
    services.confirm_fee_paid(session, course, reviewer)
    for error in services.unresolved_errors(session, course.current_version):
        services.override_finding(
            session,
            course.current_version,
            reviewer,
            finding_index=error.index,
            reason="Demo course: accepted in review.",
        )
    services.approve(session, course, reviewer, DEFAULT_POLICY, today=approved_on)
    return course
