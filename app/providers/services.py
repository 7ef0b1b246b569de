"""A provider's standing (suspend, revoke, reinstate; §806.3.A, §806.5) and the status of its
approved courses (expiry, §803.4); each change is audited."""

from __future__ import annotations

from datetime import date, timedelta

from flask_babel import gettext
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.audit.services import record_by
from app.auth.models import Organization, Role, User
from app.dbtypes import utcnow
from app.errors import Conflict, DomainError, Forbidden, NotFound
from app.notifications import links
from app.notifications.language import email_day
from app.notifications.services import queue_email_to_each
from app.policy import Policy
from app.providers.models import ProviderStanding
from app.providers.standing import CourseStatus, Standing, course_status


def standing_of(session: Session, organization_id: int) -> ProviderStanding | None:
    return session.scalar(
        select(ProviderStanding).where(ProviderStanding.organization_id == organization_id)
    )


def standings(session: Session) -> dict[int, Standing]:
    """Every organization not in good standing, in one query."""
    return {
        row.organization_id: Standing(row.standing)
        for row in session.scalars(
            select(ProviderStanding).where(ProviderStanding.standing != Standing.GOOD)
        )
    }


def set_standing(
    session: Session,
    organization: Organization,
    actor: User,
    standing: Standing,
    *,
    today: date,
    reason: str,
    complaint_id: int | None = None,
) -> ProviderStanding:
    """Suspend, revoke or reinstate a provider's approval; the provider list changes at once."""
    if actor.role not in (Role.REVIEWER, Role.ADMIN):
        raise Forbidden("Only reviewers change a provider's standing.")
    row = standing_of(session, organization.id)
    previous = Standing(row.standing) if row else Standing.GOOD
    if previous == standing:
        raise Conflict(f"{organization.name} is already {standing.value}.")
    if previous == Standing.REVOKED and standing == Standing.SUSPENDED:
        raise Conflict("A revoked approval cannot be suspended.")
    if row is None:
        row = ProviderStanding(organization_id=organization.id, since=today)
        session.add(row)
    row.standing, row.since, row.reason = standing, today, reason.strip()
    row.complaint_id = complaint_id
    row.updated_at = utcnow()
    if standing == Standing.GOOD:
        row.reinstatement_requested_on, row.reinstatement_evidence = None, ""
    record_by(
        session,
        actor,
        "organization",
        organization.id,
        f"standing_{standing.value}",
        from_state=previous.value,
        to_state=standing.value,
        reason=reason.strip(),
        details={"complaint_id": complaint_id} if complaint_id else None,
    )
    session.flush()
    return row


def request_reinstatement(
    session: Session, provider: User, policy: Policy, *, today: date, evidence: str
) -> ProviderStanding:
    """A suspended or revoked provider asks to return to good standing (§806.5)."""
    if provider.role != Role.PROVIDER or provider.organization_id is None:
        raise Forbidden("Only a provider organization asks for its own reinstatement.")
    row = standing_of(session, provider.organization_id)
    if row is None or row.standing == Standing.GOOD:
        raise Conflict("Your organization is in good standing.")
    if not evidence.strip():
        raise DomainError(
            "Describe how you meet the requirements named in the letter of action (§806.5.C)."
        )
    row.reinstatement_requested_on = today
    row.reinstatement_evidence = evidence.strip()
    record_by(
        session,
        provider,
        "organization",
        provider.organization_id,
        "request_reinstatement",
        reason=evidence.strip(),
    )
    due = today + timedelta(days=int(policy.value("standing.review_days")))
    queue_email_to_each(
        session,
        session.scalars(
            select(User.email).where(
                User.role.in_([Role.REVIEWER, Role.ADMIN]), User.active.is_(True)
            )
        ),
        lambda: (
            gettext(
                "Request to return to good standing: %(organization)s",
                organization=row.organization.name,
            ),
            gettext(
                "Review the evidence by %(day)s (%(citation)s).",
                day=email_day(due),
                citation=policy.cite("standing.review_days"),
            ),
        ),
        category="decision",
        link=links.url("providers.reinstate", organization_id=row.organization_id),
    )
    session.flush()
    return row


def review_due_on(row: ProviderStanding, policy: Policy) -> date | None:
    """The last day to decide a request to return to good standing (§806.5.A, F)."""
    if row.reinstatement_requested_on is None:
        return None
    return row.reinstatement_requested_on + timedelta(
        days=int(policy.value("standing.review_days"))
    )


def get_organization(session: Session, organization_id: int) -> Organization:
    organization = session.get(Organization, organization_id)
    if organization is None:
        raise NotFound("There is no such provider.")
    return organization


def status_of_course(
    expires_on: date | None, standing: Standing | None, policy: Policy, today: date
) -> CourseStatus:
    return course_status(
        expires_on,
        standing or Standing.GOOD,
        today,
        warn_days=int(policy.value("approval.expiry_warning_days")),
    )


def open_courses(session: Session, courses: list, policy: Policy, today: date) -> list:
    """The approved courses that take new enrollments: not expired, provider in good standing."""
    barred = standings(session)
    return [
        c
        for c in courses
        if status_of_course(c.expires_on, barred.get(c.organization_id), policy, today).open
    ]


def provider_list(session: Session) -> list[tuple[Organization, Standing]]:
    """Approved provider organizations with their standing, by name (two queries)."""
    barred = standings(session)
    organizations = session.scalars(
        select(Organization).where(Organization.approved.is_(True)).order_by(Organization.name)
    )
    return [(o, barred.get(o.id, Standing.GOOD)) for o in organizations]
