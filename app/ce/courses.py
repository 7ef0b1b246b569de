"""Approved CE courses a peer may pick when logging an entry, and what a picked course fills in."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from app.policy import Policy
from app.providers import services as providers
from app.submissions import services as submissions


def catalogue(session: Session, policy: Policy | None = None, today: date | None = None) -> list:
    """CE courses approved in this app; with ``policy`` and ``today``, only those taking
    enrollments (approval not expired, provider in good standing: §803.4, §806.3.A)."""
    courses = submissions.approved_courses(session, "ce")
    if policy is None or today is None:
        return courses
    return providers.open_courses(session, courses, policy, today)


def closed_course_reason(session: Session, curriculum_id: int, policy: Policy, today: date) -> str:
    """Why an approved CE course takes no new enrollments, or "" when it does."""
    course = submissions.approved_course(session, curriculum_id, "ce")
    if course is None:
        return ""
    row = providers.standing_of(session, course.organization_id)
    status = providers.status_of_course(
        course.expires_on, row.standing if row else None, policy, today
    )
    return status.reason


def course_prefill(session: Session, curriculum_id: int) -> dict | None:
    """Title, provider, hours and law-and-ethics topics of an approved CE curriculum, or None."""
    course = submissions.approved_course(session, curriculum_id, "ce")
    if course is None:
        return None
    report = course.latest.report if course.latest else {}
    topics = [t["id"] for t in report.get("law_ethics_topics", [])]
    return {
        "title": course.title,
        "provider": course.organization.name,
        "hours": report.get("total_hours") or None,
        "source": "calmhsa_ce_provider",
        "law_ethics": bool(topics),
        "law_ethics_topics": topics,
    }
