"""The appeals' 90(+30)-day review clock (§805.6–7), the §807.1 types of appeal, and the
extension of a review with its written notice; each extension is audited."""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from sqlalchemy.orm import Session

from app.audit.services import record
from app.auth.models import Role, User
from app.complaints.clock import InvestigationClock, check_extension, investigation_clock
from app.complaints.services import clock_rules, email_of
from app.errors import Conflict, DomainError, Forbidden, NotFound
from app.notifications import links
from app.notifications.services import queue_email
from app.policy import Policy
from app.submissions.models import Appeal


class AppealType(StrEnum):
    """What an appeal is about (§807.1.A–C)."""

    CERTIFICATION_DENIAL = "Denial of certification application or renewal (§807.1.A)"
    CERTIFICATION_ACTION = "Suspension or revocation of certification (§807.1.B)"
    PROVIDER_DENIAL = "Denial of training provider application (§807.1.C)"
    PROVIDER_ACTION = "Suspension or revocation of a provider's approval (§806.3.A; §807.1.B)"


def type_label(stored: str) -> str:
    """The §807.1 type of a stored appeal (older rows say "Training provider curriculum denial")."""
    if stored in {t.value for t in AppealType}:
        return stored
    return AppealType.PROVIDER_DENIAL.value


def subject_of(item: Appeal) -> str:
    """What an appeal is about: the curriculum's title, or the complaint's reference and its
    respondent."""
    if item.complaint is not None:
        return f"Complaint {item.complaint.reference} ({item.complaint.respondent_name})"
    return item.curriculum.title if item.curriculum is not None else ""


def appeal_clock(item: Appeal, policy: Policy, today: date) -> InvestigationClock:
    """Where the 90(+30)-day review of an appeal stands (§805.6–7)."""
    return investigation_clock(
        item.requested_on,
        today,
        clock_rules(policy),
        extended_days=item.extended_days or 0,
        closed_on=item.disposition_on,
    )


def _appeal_page(item: Appeal) -> str:
    """Where the appellant follows the appeal: the curriculum's page, or the complaint's outcome."""
    if item.curriculum_id is not None:
        return links.url("submissions.detail", curriculum_id=item.curriculum_id)
    return links.url("complaints.respondent_appeal", reference=item.complaint.reference)


def extend_review(
    session: Session,
    item: Appeal | None,
    reviewer: User,
    policy: Policy,
    *,
    today: date,
    days: int,
    reason: str,
) -> Appeal:
    """Extend the review once by up to 30 days, with notice five days before day 90 (§805.7)."""
    if reviewer.role not in (Role.REVIEWER, Role.ADMIN):
        raise Forbidden("Only reviewers extend the review of an appeal.")
    if item is None:
        raise NotFound("There is no such appeal.")
    if not reason.strip():
        raise DomainError("Say why more time is needed.")
    try:
        check_extension(appeal_clock(item, policy, today), days, clock_rules(policy), today)
    except ValueError as error:
        text = str(error)
        raise Conflict(
            f"{text[:1].upper()}{text[1:]} ({policy.cite('complaint.extension_days')})."
        ) from None
    item.extended_days, item.extension_notice_on = days, today
    due = appeal_clock(item, policy, today).due_on
    item.activities = [
        *item.activities,
        {"on": today.isoformat(), "what": f"Review extended by {days} days to {due}; notice sent"},
    ]
    record(
        session,
        actor_id=reviewer.id,
        subject_type="complaint" if item.complaint_id else "curriculum",
        subject_id=item.complaint_id or item.curriculum_id,
        action="extend_appeal_review",
        reason=reason.strip(),
        details={"appeal_id": item.id, "days": days},
    )
    recipients = [item.requester.email]
    if (email := email_of(item.contact)) and email not in recipients:
        recipients.append(email)
    for address in recipients:
        queue_email(
            session,
            address,
            "The review of your appeal is extended",
            f"The review of your appeal needs more time: {reason.strip()}\n\nIt will be completed "
            f"by {due:%B %d, %Y} ({policy.cite('complaint.extension_notice_days')}).",
            category="decision",
            link=_appeal_page(item),
        )
    session.flush()
    return item
