"""The investigation clock of a complaint and the reminders it sends reviewers (§805.6–805.7)."""

from __future__ import annotations

from datetime import date

from flask_babel import gettext
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.alerts import notify
from app.appeals.clock import ClockRules, InvestigationClock, rules_from
from app.appeals.clock import investigation_clock as _clock
from app.auth.models import Role, User
from app.complaints.models import Complaint
from app.complaints.states import ComplaintState
from app.dbtypes import utcnow
from app.notifications import links
from app.notifications.language import email_day, in_every_language
from app.notifications.models import OutboxEmail
from app.notifications.services import reminder
from app.policy import Policy

OPEN_STATES = frozenset({ComplaintState.RECEIVED, ComplaintState.INVESTIGATING})


def clock_rules(policy: Policy) -> ClockRules:
    return rules_from(policy)


def clock_of(complaint: Complaint, policy: Policy, today: date) -> InvestigationClock:
    """The 90(+30)-day clock of a complaint (§805.6–7)."""
    return _clock(
        complaint.received_on,
        today,
        clock_rules(policy),
        extended_days=complaint.extended_days,
        closed_on=complaint.disposition_on,
    )


def active_reviewers(session: Session) -> list[User]:
    """Every active reviewer and administrator: who hears of a complaint's deadlines."""
    return list(
        session.scalars(
            select(User).where(User.role.in_([Role.REVIEWER, Role.ADMIN]), User.active.is_(True))
        )
    )


@reminder
def queue_investigation_reminders(session: Session, policy: Policy, today: date) -> int:
    """Tell reviewers of open complaints whose extension-notice date (§805.7.B) is today or
    whose investigation is due within ``review.deadline_warning_days`` (§805.6); once a day each."""
    warn = int(policy.value("review.deadline_warning_days"))
    sent_today = {
        e.subject
        for e in session.scalars(select(OutboxEmail).where(OutboxEmail.category == "deadline"))
        if e.created_at.date() == utcnow().date()
    }
    reviewers = active_reviewers(session)
    queued = 0
    for complaint in session.scalars(select(Complaint).where(Complaint.state.in_(OPEN_STATES))):
        clock = clock_of(complaint, policy, today)
        if clock.can_extend and clock.notice_by == today:
            kind = "notice"
        elif clock.days_left is not None and clock.days_left <= warn:
            kind = "due" if clock.days_left >= 0 else "overdue"
        else:
            continue

        def subject_of(complaint=complaint, clock=clock, kind=kind) -> str:
            if kind == "notice":
                return gettext(
                    "Complaint %(reference)s: last day to extend with notice",
                    reference=complaint.reference,
                )
            if kind == "due":
                return gettext(
                    "Complaint %(reference)s: investigation due %(day)s",
                    reference=complaint.reference,
                    day=email_day(clock.due_on),
                )
            return gettext(
                "Complaint %(reference)s: investigation overdue", reference=complaint.reference
            )

        if in_every_language(subject_of) & sent_today:
            continue
        queued += notify.tell_reviewers(
            session,
            reviewers,
            write=lambda complaint=complaint, clock=clock, subject_of=subject_of: (
                subject_of(),
                gettext(
                    "The investigation of %(reference)s about %(respondent)s is due %(day)s "
                    "(%(citation)s).",
                    reference=complaint.reference,
                    respondent=complaint.respondent_name,
                    day=email_day(clock.due_on),
                    citation=policy.cite("complaint.investigation_days"),
                ),
            ),
            link=links.url("complaints.detail", complaint_id=complaint.id),
            category="deadline",
            digest=False,
        )
    session.flush()
    return queued
