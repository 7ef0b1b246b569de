"""A provider's appeal of a denied curriculum and its final disposition (§702)."""

from __future__ import annotations

from datetime import date

from flask_babel import gettext
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.alerts import notify
from app.appeals import clock as appeal_clock
from app.appeals import services as appeals
from app.auth.models import User
from app.dates import add_years
from app.dbtypes import utcnow
from app.errors import Conflict, DomainError, Forbidden, NotFound
from app.messages import LongDate, Message
from app.policy import Policy
from app.submissions.common import (
    _check_move,
    _move,
    _notify_organization,
    _require_provider_of,
    _require_reviewer,
)
from app.submissions.gate import check_approval
from app.submissions.models import Appeal, Curriculum


def appeal_deadline(curriculum: Curriculum, policy: Policy) -> date | None:
    """The last day to appeal a denial: 14 days after the decision (§702.1.D)."""
    decided_on = curriculum.decided_at.date() if curriculum.decided_at else None
    return appeal_clock.appeal_deadline(decided_on, int(policy.value("appeal.days")))


def appeal(
    session: Session,
    curriculum: Curriculum,
    provider: User,
    policy: Policy,
    *,
    today: date,
    nature: str,
    contact: str,
) -> Appeal:
    """The provider appeals a denial within 14 days of the decision (§702.1.D)."""
    _require_provider_of(curriculum, provider)
    if not nature.strip() or not contact.strip():
        raise DomainError(Message("Say why you appeal and how to reach you."))
    deadline = appeal_deadline(curriculum, policy)
    if deadline is not None and today > deadline:
        raise Conflict(
            Message(
                "The appeal window closed on %(date)s: appeals are made within %(days)s days of "
                "the decision (%(citation)s).",
                date=LongDate(deadline),
                days=policy.value("appeal.days"),
                citation=policy.cite("appeal.days"),
            )
        )
    _move(session, curriculum, provider, "appeal", reason=nature.strip())
    item = Appeal(
        curriculum_id=curriculum.id,
        requested_on=today,
        requester_id=provider.id,
        contact=contact.strip(),
        nature=nature.strip(),
        activities=[{"on": today.isoformat(), "what": "Appeal received"}],
    )
    session.add(item)
    session.flush()
    notify.appeal_filed(session, curriculum, item)
    return item


def decide_appeal(
    session: Session,
    curriculum: Curriculum,
    reviewer: User,
    policy: Policy,
    *,
    today: date,
    uphold_denial: bool,
    reason: str,
) -> Appeal:
    """A different reviewer decides the appeal; the decision is final (§702.3.A)."""
    _require_reviewer(reviewer)
    if reviewer.id == curriculum.decided_by_id:
        raise Forbidden(
            Message(
                "An appeal is decided by a reviewer other than the one who denied the curriculum."
            )
        )
    if not reason.strip():
        raise DomainError(Message("Give the reason for the final disposition."))
    item = session.scalar(
        select(Appeal).where(Appeal.curriculum_id == curriculum.id).order_by(Appeal.id.desc())
    )
    if item is None:
        raise NotFound(Message("There is no appeal to decide."))
    action = "deny_appeal" if uphold_denial else "approve_appeal"
    _check_move(curriculum, action)
    gate = (
        None
        if uphold_denial
        else check_approval(
            session,
            curriculum,
            curriculum.latest,
            policy,
            what=Message("reverse the denial and approve"),
        )
    )
    _move(session, curriculum, reviewer, action, reason=reason.strip(), gate=gate)
    appeals.record_disposition(
        item,
        reviewer,
        today,
        ("Denial upheld: " if uphold_denial else "Denial reversed, curriculum approved: ")
        + reason.strip(),
    )
    if not uphold_denial:
        curriculum.approved_on = today
        curriculum.expires_on = add_years(today, int(policy.value("approval.years")))
        curriculum.approved_version_number = curriculum.latest.number
        curriculum.decision_reason = ""  # reversed: the denial's reason stays in the appeal log
    curriculum.decided_at, curriculum.decided_by_id = utcnow(), reviewer.id

    def write() -> tuple[str, str]:
        if uphold_denial:
            disposition = gettext("Denial upheld: %(reason)s", reason=reason.strip())
        else:
            disposition = gettext(
                "Denial reversed, curriculum approved: %(reason)s", reason=reason.strip()
            )
        return (
            gettext("Appeal decided: %(title)s", title=curriculum.title),
            gettext(
                "%(disposition)s\n\nThis decision is final (%(citation)s).",
                disposition=disposition,
                citation=policy.cite("appeal.final"),
            ),
        )

    _notify_organization(session, curriculum, write)
    session.flush()
    return item
