"""Appeals of a complaint's suspension or revocation (§702.1.B–C, §807.1.B): the respondent files
one within 14 days of the final disposition; a reviewer upholds it (nothing changes) or reverses it
(the certification or the approval returns to good standing). Both steps are audited and the
appellant is written to."""

from __future__ import annotations

from datetime import date, timedelta

from flask_babel import gettext
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.alerts import notify
from app.appeals import clock as appeal_clock
from app.appeals import services as appeals
from app.appeals.kinds import AppealType
from app.appeals.models import Appeal
from app.audit.services import record_by
from app.auth.models import Role, User
from app.ce.models import PeerProfile
from app.ce.rules import CertificationStatus
from app.complaints import services
from app.complaints.models import Complaint
from app.complaints.states import STATUS_CHANGES, ComplaintState, Respondent
from app.errors import Conflict, DomainError, Forbidden, NotFound
from app.messages import LongDate, Message
from app.notifications import links
from app.notifications.language import email_day, in_language_of
from app.notifications.services import queue_email, queue_email_to_each
from app.policy import Policy
from app.providers import services as providers
from app.providers.standing import Standing


def is_respondent(complaint: Complaint, user: User) -> bool:
    """Whether ``user`` is the peer the complaint was against or a member of the provider."""
    if not getattr(user, "is_authenticated", False):
        return False
    if complaint.organization_id is not None:
        return user.role == Role.PROVIDER and user.organization_id == complaint.organization_id
    profile = complaint.peer_profile
    return profile is not None and profile.user_id == user.id


def get_for_respondent(session: Session, user: User, reference: str) -> Complaint:
    """A complaint by its random reference, for its respondent only, and only once they have
    been notified of it (the letter of final disposition sent): an investigation under way is
    not shown to the person investigated. Anyone else learns nothing of it."""
    complaint = session.scalar(select(Complaint).where(Complaint.reference == reference))
    if (
        complaint is None
        or not is_respondent(complaint, user)
        or complaint.letter_sent_on is None
        or complaint.state != ComplaintState.DECIDED
    ):
        raise NotFound(Message("There is no such complaint."))
    return complaint


def status_actions_for(session: Session, user: User, limit: int = 10) -> list[Complaint]:
    """The complaints whose suspension or revocation of ``user``'s certification or their
    organization's approval still stands, newest first, for their home page's link to the outcome
    and the appeal."""
    query = select(Complaint).where(
        Complaint.state == ComplaintState.DECIDED,
        Complaint.outcome.in_([o.value for o in STATUS_CHANGES]),
    )
    if user.role == Role.PROVIDER and user.organization_id is not None:
        query = query.where(Complaint.organization_id == user.organization_id)
    elif user.role == Role.PEER:
        query = query.join(PeerProfile, Complaint.peer_profile_id == PeerProfile.id).where(
            PeerProfile.user_id == user.id
        )
    else:
        return []
    found = session.scalars(
        query.order_by(Complaint.disposition_on.desc(), Complaint.id.desc()).limit(limit)
    )
    # One source for whether a sanction stands: the status now (a reversed appeal or a return to
    # good standing lifts it), so the home page never lists a sanction that was lifted.
    return [c for c in found if not _in_good_standing(session, c)]


def appeal_of(session: Session, complaint: Complaint) -> Appeal | None:
    """The appeal of ``complaint``'s outcome, if one was filed."""
    return session.scalar(select(Appeal).where(Appeal.complaint_id == complaint.id))


def appeal_type(complaint: Complaint) -> AppealType:
    if complaint.respondent_type == Respondent.PROVIDER:
        return AppealType.PROVIDER_ACTION
    return AppealType.CERTIFICATION_ACTION


def appeal_deadline(complaint: Complaint, policy: Policy) -> date | None:
    """The last day to appeal: 14 days after the final disposition (§702.2.A)."""
    return appeal_clock.appeal_deadline(complaint.disposition_on, int(policy.value("appeal.days")))


def _in_good_standing(session: Session, complaint: Complaint) -> bool:
    """Whether the respondent was returned to good standing since the decision (§806.5)."""
    if complaint.organization_id is not None:
        row = providers.standing_of(session, complaint.organization_id)
        return row is None or row.standing == Standing.GOOD
    return complaint.peer_profile.status == CertificationStatus.ACTIVE


def refusal(session: Session, complaint: Complaint, policy: Policy, today: date) -> str | None:
    """Why the respondent cannot appeal this complaint's outcome now, or None when they can."""
    if complaint.outcome not in STATUS_CHANGES:
        return Message(
            "Only a suspension or a revocation following an investigation can be appealed "
            "(§807.1.B); this complaint changed no status."
        )
    if appeal_of(session, complaint) is not None:
        return Message(
            "The outcome of this complaint has already been appealed; an appeal is made once."
        )
    if _in_good_standing(session, complaint):
        return Message(
            "The certification or the approval is already back in good standing (§806.5)."
        )
    deadline = appeal_deadline(complaint, policy)
    if deadline is not None and today > deadline:
        return Message(
            "The appeal window closed on %(date)s: appeals are made within %(days)s days of the "
            "decision (§702.2.A).",
            date=LongDate(deadline),
            days=policy.value("appeal.days"),
        )
    return None


def file_appeal(
    session: Session,
    complaint: Complaint,
    user: User,
    policy: Policy,
    *,
    today: date,
    nature: str,
    contact: str,
) -> Appeal:
    """The respondent appeals the suspension or revocation; receipt is acknowledged (§805.5)."""
    if not is_respondent(complaint, user):
        raise NotFound(Message("There is no such complaint."))
    if not nature.strip() or not contact.strip():
        raise DomainError(Message("Say why you appeal and how to reach you."))
    reason = refusal(session, complaint, policy, today)
    if reason:
        raise Conflict(reason)
    item = Appeal(
        complaint_id=complaint.id,
        requested_on=today,
        appeal_type=appeal_type(complaint).value,
        requester_id=user.id,
        contact=contact.strip(),
        nature=nature.strip(),
        activities=[{"on": today.isoformat(), "what": "Appeal received; receipt acknowledged"}],
        acknowledged_on=today,
    )
    session.add(item)
    session.flush()
    services._activity(complaint, today, "Appeal of the final disposition received (§807.1.B)")
    record_by(
        session,
        user,
        "complaint",
        complaint.id,
        "appeal",
        reason=nature.strip(),
        details={"appeal_id": item.id, "type": item.appeal_type},
    )
    limit = int(policy.value("complaint.investigation_days"))
    with in_language_of(session, user.email, answers_request=True):
        queue_email(
            session,
            user.email,
            gettext("Appeal received: complaint %(reference)s", reference=complaint.reference),
            gettext(
                "We received your appeal of the final disposition of complaint %(reference)s. It "
                "will be reviewed within %(days)s calendar days, by %(day)s (%(citation)s).",
                reference=complaint.reference,
                days=limit,
                day=email_day(today + timedelta(days=limit)),
                citation=policy.cite("complaint.investigation_days"),
            ),
            category="decision",
            link=links.url("complaints.respondent_appeal", reference=complaint.reference),
        )
    notify.tell_reviewers(  # each reviewer hears at once or in the daily digest
        session,
        notify.reviewers_who_act(session, assigned_id=None),
        write=lambda: (
            gettext("New appeal: complaint %(reference)s", reference=complaint.reference),
            gettext(
                "%(respondent)s appeals the final disposition of complaint %(reference)s.",
                respondent=complaint.respondent_name,
                reference=complaint.reference,
            ),
        ),
        link=links.url("complaints.detail", complaint_id=complaint.id),
    )
    session.flush()
    return item


def decide_appeal(
    session: Session,
    item: Appeal | None,
    reviewer: User,
    policy: Policy,
    *,
    today: date,
    uphold: bool,
    reason: str,
) -> Appeal:
    """The final disposition of the appeal (§702.3.A): upheld, nothing changes; reversed, the
    certification or the approval returns to good standing through the complaint's own service."""
    if reviewer.role not in (Role.REVIEWER, Role.ADMIN):
        raise Forbidden(Message("Only reviewers decide appeals."))
    if item is None or item.complaint is None:
        raise NotFound(Message("There is no such appeal."))
    if item.disposition_on is not None:
        raise Conflict(Message("This appeal is already decided; the decision is final."))
    if not reason.strip():
        raise DomainError(Message("Give the reason for the final disposition."))
    complaint = item.complaint
    if not uphold:
        services.reinstate(
            session,
            complaint,
            reviewer,
            policy,
            today=today,
            reason=f"Appeal reversed the {complaint.outcome}: {reason.strip()}",
        )
    appeals.record_disposition(
        item,
        reviewer,
        today,
        ("Suspension or revocation upheld: " if uphold else "Reversed; returned to good standing: ")
        + reason.strip(),
    )
    services._activity(
        complaint, today, f"Appeal {'upheld' if uphold else 'reversed'} by {reviewer.name}"
    )
    record_by(
        session,
        reviewer,
        "complaint",
        complaint.id,
        "uphold_appeal" if uphold else "reverse_appeal",
        reason=reason.strip(),
        details={"appeal_id": item.id},
    )

    def write() -> tuple[str, str]:
        if uphold:
            disposition = gettext(
                "Suspension or revocation upheld: %(reason)s", reason=reason.strip()
            )
        else:
            disposition = gettext(
                "Reversed; returned to good standing: %(reason)s", reason=reason.strip()
            )
        return (
            gettext(
                "Final disposition of your appeal: complaint %(reference)s",
                reference=complaint.reference,
            ),
            gettext(
                "%(disposition)s\n\nDate of final disposition: %(day)s. This decision is "
                "final (%(citation)s).",
                disposition=disposition,
                day=email_day(today),
                citation=policy.cite("appeal.final"),
            ),
        )

    queue_email_to_each(
        session,
        appeals.appellant_addresses(item),
        write,
        category="decision",
        link=links.url("complaints.respondent_appeal", reference=complaint.reference),
    )
    session.flush()
    return item
