"""Substantive changes to an approved curriculum (§803.5): their own versions, workflow and clock."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from flask_babel import gettext
from sqlalchemy.orm import Session

from app.audit.services import events_for, record_by
from app.auth.models import User
from app.dbtypes import utcnow
from app.errors import Conflict, DomainError
from app.messages import LongDate, Message
from app.notifications.language import email_day
from app.policy import Policy
from app.submissions.clock import ClockEvent, ClockStatus, review_clock
from app.submissions.common import (
    _add_version,
    _flush_or_conflict,
    _fresh_target,
    _make_move,
    _notify_organization,
    _require_provider_of,
    _require_reviewer,
    _review_days,
    audit,
    part_of,
    refresh_queue_fields,
)
from app.submissions.gate import check_approval
from app.submissions.models import Curriculum, CurriculumChange, CurriculumVersion
from app.submissions.reviewing import _mark_sent, comments_of
from app.submissions.states import (
    APPROVED_STATES,
    CHANGE_DECISIONS,
    CHANGE_TRANSITIONS,
    ChangeState,
    Decision,
)


def _change_notice(policy: Policy, today: date, intended_use_on: date) -> None:
    notice = int(policy.value("change.notice_days"))
    if intended_use_on < today + timedelta(days=notice):
        earliest = today + timedelta(days=notice)
        raise DomainError(
            Message(
                "Substantive changes are submitted %(days)s days before their intended use "
                "(%(citation)s); the earliest date of use is %(date)s.",
                days=notice,
                citation=policy.cite("change.notice_days"),
                date=LongDate(earliest),
            )
        )


def _move_change(
    session: Session,
    change: CurriculumChange,
    actor: User,
    action: str,
    *,
    expected_version: int | None = None,
    details: dict | None = None,
    **move: Any,
) -> None:
    """One move of a change's own workflow, audited under subject type ``curriculum_change``."""
    target = _fresh_target(
        change, action, ChangeState(change.state), expected_version, CHANGE_TRANSITIONS
    )
    _make_move(
        session,
        change,
        "curriculum_change",
        target,
        frozenset({ChangeState.APPROVED}),
        actor,
        action,
        details={"curriculum": change.curriculum_id, **(details or {})},
        **move,
    )


def submit_substantive_change(
    session: Session,
    curriculum: Curriculum,
    provider: User,
    policy: Policy,
    *,
    today: date,
    intended_use_on: date,
    syllabus_text: str,
    report: dict,
    note: str,
    original_name: str = "",
    stored_name: str = "",
) -> CurriculumChange:
    """Propose a change to an approved curriculum at least 60 days before its use (§803.5): its
    own version and 90-day clock; the curriculum stays approved on its current version."""
    _require_provider_of(curriculum, provider)
    if curriculum.state not in APPROVED_STATES:
        raise Conflict(Message("Only an approved curriculum takes a substantive change."))
    if curriculum.open_change is not None:
        raise Conflict(
            Message("A change to this curriculum is already under review; withdraw it first.")
        )
    _change_notice(policy, today, intended_use_on)
    if not note.strip():
        raise DomainError(Message("Describe the change."))
    version = _add_version(
        curriculum,
        provider,
        syllabus_text=syllabus_text,
        report=report,
        note=note.strip(),
        original_name=original_name,
        stored_name=stored_name,
        is_substantive_change=True,
        intended_use_on=intended_use_on,
    )
    session.flush()
    change = CurriculumChange(
        curriculum=curriculum,
        version_id=version.id,
        intended_use_on=intended_use_on,
        note=note.strip(),
    )
    session.add(change)
    session.flush()
    record_by(
        session,
        provider,
        "curriculum_change",
        change.id,
        "submit_change",
        to_state=ChangeState.SUBMITTED,
        reason=note.strip(),
        details={
            "curriculum": curriculum.id,
            "version": version.number,
            "intended_use_on": intended_use_on.isoformat(),
        },
    )
    audit(
        session,
        provider,
        curriculum.id,
        "submit_change",
        reason=note.strip(),
        details={"change": change.id, "version": version.number},
    )
    session.flush()
    refresh_queue_fields(session, curriculum)
    return change


def get_change(session: Session, curriculum: Curriculum, change_id: int) -> CurriculumChange:
    return part_of(
        session, CurriculumChange, change_id, curriculum, Message("There is no such change.")
    )


def decide_change(
    session: Session,
    change: CurriculumChange,
    reviewer: User,
    policy: Policy,
    *,
    decision: Decision | str,
    reason: str,
    expected_version: int | None = None,
) -> None:
    """The decision on a change. Approved: its version becomes the approved one and the expiry date
    stays (the approval runs from the application's approval, §803.4). Denied or sent back: the
    curriculum stays approved on its current version with its expiry."""
    _require_reviewer(reviewer)
    decision = Decision(decision)
    curriculum = change.curriculum
    if decision != Decision.APPROVE and not reason.strip():
        raise DomainError(
            Message("Say what must be revised.")
            if decision == Decision.REQUEST_REVISIONS
            else Message("A denial needs a reason.")
        )
    gate = None
    if decision == Decision.APPROVE and expected_version in (None, change.lock_version):
        gate = check_approval(
            session, curriculum, change.version, policy, what=Message("approve this change")
        )
    detailed = comments_of(session, change.version)
    _move_change(
        session,
        change,
        reviewer,
        CHANGE_DECISIONS[decision],
        reason=reason.strip(),
        expected_version=expected_version,
        details={"comments": [{"on": c.target, "text": c.text} for c in detailed]}
        if decision == Decision.REQUEST_REVISIONS
        else None,
        gate=gate,
    )
    if decision == Decision.REQUEST_REVISIONS:
        _mark_sent(detailed)

        def write() -> tuple[str, str]:
            return (
                gettext("Revisions requested on the change to %(title)s", title=curriculum.title),
                gettext(
                    "The reviewer asks for revisions to the change:\n\n%(reason)s\n\nThe "
                    "curriculum stays approved on its current version; the change's clock is "
                    "paused until you resubmit it.",
                    reason=reason.strip(),
                ),
            )
    else:
        change.decided_at, change.decided_by_id = utcnow(), reviewer.id
        change.decision_reason = reason.strip()
        if decision == Decision.APPROVE:
            curriculum.approved_version_number = change.version.number

            def write() -> tuple[str, str]:
                return (
                    gettext("Change approved: %(title)s", title=curriculum.title),
                    gettext(
                        "The change is approved; version %(version)s is the approved curriculum "
                        "from %(day)s. The approval stays valid until %(until)s (%(citation)s).",
                        version=change.version.number,
                        day=email_day(change.intended_use_on),
                        until=email_day(curriculum.expires_on),
                        citation=policy.cite("approval.years"),
                    ),
                )
        else:

            def write() -> tuple[str, str]:
                return (
                    gettext("Change denied: %(title)s", title=curriculum.title),
                    gettext(
                        "The change was denied: %(reason)s\n\nThe curriculum stays approved on "
                        "version %(version)s, valid until %(until)s.",
                        reason=reason.strip(),
                        version=curriculum.approved_version_number,
                        until=email_day(curriculum.expires_on),
                    ),
                )

    _flush_or_conflict(session)
    refresh_queue_fields(session, curriculum)
    _notify_organization(session, curriculum, write)
    session.flush()


def resubmit_change(
    session: Session,
    change: CurriculumChange,
    provider: User,
    policy: Policy,
    *,
    today: date,
    intended_use_on: date,
    syllabus_text: str,
    report: dict,
    note: str,
    original_name: str = "",
    stored_name: str = "",
) -> CurriculumVersion:
    """Answer a revision request on a change with a new version; the change's clock resumes."""
    curriculum = change.curriculum
    _require_provider_of(curriculum, provider)
    _change_notice(policy, today, intended_use_on)
    version = _add_version(
        curriculum,
        provider,
        syllabus_text=syllabus_text,
        report=report,
        note=note.strip() or change.note,
        original_name=original_name,
        stored_name=stored_name,
        is_substantive_change=True,
        intended_use_on=intended_use_on,
    )
    session.flush()
    change.version_id, change.intended_use_on = version.id, intended_use_on
    _move_change(
        session,
        change,
        provider,
        "resubmit_change",
        reason=note.strip(),
        details={"version": version.number},
    )
    session.flush()
    return version


def withdraw_change(session: Session, change: CurriculumChange, provider: User) -> None:
    """The provider takes back a change under review; the curriculum stays as approved."""
    _require_provider_of(change.curriculum, provider)
    _move_change(session, change, provider, "withdraw_change")
    session.flush()


def clock_of_change(
    session: Session, change: CurriculumChange, policy: Policy, today: date
) -> ClockStatus:
    """The change's own 90-day clock (§803.3, §803.5), from its own submission."""
    events = events_for(session, "curriculum_change", change.id)
    clock_events = [ClockEvent(e.at.date(), e.to_state) for e in events if e.to_state]
    return review_clock(clock_events, today, limit_days=_review_days(policy))
