"""One function per transition of a curriculum application; each writes the audit log."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from flask_babel import gettext
from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from app.alerts import notify
from app.auth.models import Role, User
from app.dates import add_years
from app.dbtypes import utcnow
from app.errors import Conflict, DomainError, Forbidden
from app.messages import Message
from app.notifications import links
from app.notifications.language import email_day, in_every_language
from app.notifications.models import OutboxEmail
from app.notifications.services import reminder
from app.policy import Policy
from app.submissions.changes import decide_change
from app.submissions.common import (
    _add_version,
    _check_move,
    _flush_or_conflict,
    _move,
    _notify_organization,
    _require_past_draft,
    _require_provider_of,
    _require_reviewer,
    audit,
    missing_of,
)
from app.submissions.gate import check_approval
from app.submissions.models import Curriculum, CurriculumVersion
from app.submissions.reviewing import _mark_sent, comments_of
from app.submissions.states import Decision, SubmissionState


def create_draft(
    session: Session,
    *,
    provider: User,
    program: str,
    title: str,
    language: str,
    syllabus_text: str,
    report: dict,
    original_name: str = "",
    stored_name: str = "",
) -> Curriculum:
    """A new curriculum in draft with its first version and the checker's report."""
    if provider.role != Role.PROVIDER or provider.organization is None:
        raise Forbidden(
            Message("Only members of a training-provider organization create curricula.")
        )
    curriculum = Curriculum(
        organization_id=provider.organization_id,
        program=program,
        title=title.strip(),
        language=language.strip() or "English",
    )
    _add_version(
        curriculum,
        provider,
        syllabus_text=syllabus_text,
        report=report,
        original_name=original_name,
        stored_name=stored_name,
    )
    session.add(curriculum)
    session.flush()
    audit(
        session,
        provider,
        curriculum.id,
        "create",
        to_state=SubmissionState.DRAFT,
        details={"version": 1},
    )
    session.flush()
    return curriculum


def submit(session: Session, curriculum: Curriculum, provider: User) -> list[str]:
    """Send a draft. Complete (fee recorded, syllabus reads) it is submitted and the 90-day clock
    starts (§803.3); otherwise it is incomplete and the clock waits. Returns what is missing."""
    _require_provider_of(curriculum, provider)
    if not curriculum.organization.approved:
        raise Forbidden(
            Message(
                "Your organization is waiting for approval by an administrator; you can submit once it is approved."
            )
        )
    missing = missing_of(curriculum)
    _move(
        session,
        curriculum,
        provider,
        "submit_incomplete" if missing else "submit",
        details={"missing": missing} if missing else None,
    )
    curriculum.submitted_at = utcnow()
    if not missing:
        notify.submission_arrived(session, curriculum)
    session.flush()
    return missing


def _complete_if_ready(session: Session, curriculum: Curriculum, actor: User) -> bool:
    """An incomplete application that now has everything moves on: its clock starts."""
    if curriculum.state == SubmissionState.INCOMPLETE and not missing_of(curriculum):
        _move(session, curriculum, actor, "complete")
        notify.submission_arrived(session, curriculum)
        return True
    return False


def update_draft(
    session: Session,
    curriculum: Curriculum,
    provider: User,
    *,
    title: str,
    language: str,
    syllabus_text: str,
    report: dict,
    original_name: str = "",
    stored_name: str = "",
) -> bool:
    """Edit or replace a draft (or an incomplete application) in place: title, language and
    syllabus. Returns True when an incomplete application became complete (its clock starts)."""
    _require_provider_of(curriculum, provider)
    if curriculum.state not in (SubmissionState.DRAFT, SubmissionState.INCOMPLETE):
        raise Conflict(Message("Only a draft or an incomplete application can be edited."))
    if not title.strip():
        raise DomainError(Message("Give the curriculum a title."))
    version = curriculum.latest
    curriculum.title, curriculum.language = title.strip(), language.strip() or "English"
    version.syllabus_text, version.report = syllabus_text, report
    if stored_name:
        version.original_name, version.stored_name = original_name, stored_name
    audit(session, provider, curriculum.id, "edit_draft", details={"version": version.number})
    _flush_or_conflict(session)
    return _complete_if_ready(session, curriculum, provider)


def delete_draft(session: Session, curriculum: Curriculum, provider: User) -> None:
    """Delete a draft that was never sent; the audit log keeps that it existed."""
    _require_provider_of(curriculum, provider)
    if curriculum.state != SubmissionState.DRAFT:
        raise Conflict(
            Message("Only a draft that was never submitted can be deleted; withdraw it instead.")
        )
    audit(
        session,
        provider,
        curriculum.id,
        "delete_draft",
        from_state=str(curriculum.state),
        reason=curriculum.title,
    )
    session.delete(curriculum)
    session.flush()


def withdraw(session: Session, curriculum: Curriculum, provider: User, *, reason: str = "") -> None:
    """The provider takes back an application before a decision; the clock stops."""
    _require_provider_of(curriculum, provider)
    _move(session, curriculum, provider, "withdraw", reason=reason.strip())
    session.flush()


def _reviewer_move(
    session: Session,
    curriculum: Curriculum,
    reviewer: User,
    action: str,
    reason: str,
    without_reason: str,
    **move: Any,
) -> None:
    """A move only a reviewer makes, and only with a reason (``without_reason`` says what to
    write when it is blank); ``move``: the rest of ``_move``'s arguments."""
    _require_reviewer(reviewer)
    if not reason.strip():
        raise DomainError(without_reason)
    _move(session, curriculum, reviewer, action, reason=reason.strip(), **move)


def request_revisions(
    session: Session,
    curriculum: Curriculum,
    reviewer: User,
    *,
    comments: str,
    expected_version: int | None = None,
) -> None:
    """Send the curriculum back to the provider; the clock pauses."""
    detailed = comments_of(session, curriculum.latest) if curriculum.latest else []
    _reviewer_move(
        session,
        curriculum,
        reviewer,
        "request_revisions",
        comments,
        Message("Say what must be revised."),
        expected_version=expected_version,
        details={"comments": [{"on": c.target, "text": c.text} for c in detailed]},
    )
    _mark_sent(detailed)
    listed = "".join(f"\n- {c.target}: {c.text}" for c in detailed)
    _notify_organization(
        session,
        curriculum,
        lambda: (
            gettext("Revisions requested: %(title)s", title=curriculum.title),
            gettext(
                "The reviewer asks for revisions:\n\n%(comments)s\n%(listed)s\n\nThe review "
                "clock is paused until you resubmit.",
                comments=comments.strip(),
                listed=listed,
            ),
        ),
    )
    session.flush()


def resubmit(
    session: Session,
    curriculum: Curriculum,
    provider: User,
    *,
    syllabus_text: str,
    report: dict,
    note: str = "",
    original_name: str = "",
    stored_name: str = "",
) -> CurriculumVersion:
    """Answer a revision request with a new version; the clock resumes."""
    _require_provider_of(curriculum, provider)
    version = _add_version(
        curriculum,
        provider,
        syllabus_text=syllabus_text,
        report=report,
        note=note,
        original_name=original_name,
        stored_name=stored_name,
    )
    _move(
        session, curriculum, provider, "resubmit", reason=note, details={"version": version.number}
    )
    notify.submission_arrived(session, curriculum, again=True)
    session.flush()
    return version


def approve(
    session: Session,
    curriculum: Curriculum,
    reviewer: User,
    policy: Policy,
    *,
    today: date,
    reason: str = "",
    expected_version: int | None = None,
) -> None:
    """Approve: valid two years from the approval date (§803.4). Refused while the fee is not
    recorded or the report has errors the reviewer has not set aside."""
    _require_reviewer(reviewer)
    _check_move(curriculum, "approve", expected_version)
    gate = check_approval(session, curriculum, curriculum.latest, policy)
    _move(
        session,
        curriculum,
        reviewer,
        "approve",
        reason=reason,
        expected_version=expected_version,
        gate=gate,
    )
    years = int(policy.value("approval.years"))
    curriculum.approved_version_number = curriculum.latest.number
    curriculum.approved_on = today
    curriculum.expires_on = add_years(today, years)
    curriculum.decided_at, curriculum.decided_by_id = utcnow(), reviewer.id
    _notify_organization(
        session,
        curriculum,
        lambda: (
            gettext("Approved: %(title)s", title=curriculum.title),
            gettext(
                "Your curriculum is approved on %(day)s, valid until %(until)s (%(citation)s).",
                day=email_day(today),
                until=email_day(curriculum.expires_on),
                citation=policy.cite("approval.years"),
            ),
        ),
    )
    session.flush()


def deny(
    session: Session,
    curriculum: Curriculum,
    reviewer: User,
    policy: Policy,
    *,
    reason: str,
    expected_version: int | None = None,
) -> None:
    """Deny with a reason; the provider may appeal within 14 days (§702.1.D)."""
    _reviewer_move(
        session,
        curriculum,
        reviewer,
        "deny",
        reason,
        Message("A denial needs a reason."),
        expected_version=expected_version,
    )
    curriculum.decision_reason = reason.strip()
    curriculum.decided_at, curriculum.decided_by_id = utcnow(), reviewer.id
    days = policy.value("appeal.days")
    _notify_organization(
        session,
        curriculum,
        lambda: (
            gettext("Denied: %(title)s", title=curriculum.title),
            gettext(
                "Your curriculum was denied: %(reason)s\n\nYou may appeal within %(days)s days "
                "of this decision (%(citation)s).",
                reason=reason.strip(),
                days=days,
                citation=policy.cite("appeal.days"),
            ),
        ),
    )
    session.flush()


def decide(
    session: Session,
    curriculum: Curriculum,
    reviewer: User,
    policy: Policy,
    *,
    decision: Decision | str,
    reason: str,
    today: date,
    expected_version: int | None = None,
) -> None:
    """Approve, deny or request revisions: the one entry point of the decision form and the API.
    With a substantive change under review the decision is the change's (its own lock version)."""
    decision = Decision(decision)
    if expected_version is None:
        raise Conflict(
            Message("The form does not say which version you reviewed; reload and decide again.")
        )
    change = curriculum.open_change
    if change is not None:
        decide_change(
            session,
            change,
            reviewer,
            policy,
            decision=decision,
            reason=reason,
            expected_version=expected_version,
        )
        return
    if decision == Decision.APPROVE:
        approve(
            session,
            curriculum,
            reviewer,
            policy,
            today=today,
            reason=reason,
            expected_version=expected_version,
        )
    elif decision == Decision.DENY:
        deny(
            session, curriculum, reviewer, policy, reason=reason, expected_version=expected_version
        )
    else:
        request_revisions(
            session, curriculum, reviewer, comments=reason, expected_version=expected_version
        )


def confirm_fee_paid(session: Session, curriculum: Curriculum, reviewer: User) -> None:
    """A reviewer records that the application fee (§601) was paid; payment itself happens elsewhere.
    An incomplete application that now has everything is complete: its clock starts."""
    _require_reviewer(reviewer)
    _require_past_draft(curriculum)
    if curriculum.fee_recorded:
        raise Conflict(Message("The fee is already recorded."))
    curriculum.fee_paid = True
    curriculum.fee_confirmed_by_id = reviewer.id
    curriculum.fee_confirmed_at = utcnow()
    audit(session, reviewer, curriculum.id, "confirm_fee_paid")
    session.flush()
    _complete_if_ready(session, curriculum, reviewer)
    session.flush()


def waive_fee(session: Session, curriculum: Curriculum, reviewer: User, *, reason: str) -> None:
    """A reviewer waives the application fee with a reason; it then counts as recorded."""
    _require_reviewer(reviewer)
    _require_past_draft(curriculum)
    if curriculum.fee_recorded:
        raise Conflict(Message("The fee is already recorded."))
    if not reason.strip():
        raise DomainError(Message("Give the reason for waiving the fee."))
    curriculum.fee_waived_reason = reason.strip()
    curriculum.fee_confirmed_by_id = reviewer.id
    curriculum.fee_confirmed_at = utcnow()
    audit(session, reviewer, curriculum.id, "waive_fee", reason=reason.strip())
    session.flush()
    _complete_if_ready(session, curriculum, reviewer)
    session.flush()


def assign(session: Session, curriculum: Curriculum, actor: User, assignee: User | None) -> None:
    """Reviewers take an item themselves (or let it go); administrators assign anyone who reviews."""
    _require_reviewer(actor)
    if assignee is not None:
        if assignee.role not in (Role.REVIEWER, Role.ADMIN) or not assignee.active:
            raise DomainError(Message("Assign the item to an active reviewer."))
        if actor.role != Role.ADMIN and assignee.id != actor.id:
            raise Forbidden(
                Message("Reviewers assign items to themselves; an administrator assigns others.")
            )
    elif actor.role != Role.ADMIN and curriculum.assigned_to_id not in (None, actor.id):
        raise Forbidden(Message("Only an administrator takes an item from another reviewer."))
    curriculum.assigned_to_id = assignee.id if assignee else None
    audit(
        session,
        actor,
        curriculum.id,
        "assign",
        details={"assigned_to": assignee.id if assignee else None},
    )
    _flush_or_conflict(session)
    session.flush()


@reminder
def queue_deadline_reminders(session: Session, policy: Policy, today: date) -> int:
    """Queue one reminder per submission due within the warning window.

    Reviewers hear of submissions whose 90-day clock (§803.3) ends within
    ``review.deadline_warning_days``. A reminder already queued today is not repeated.
    """
    review_limit_days = int(policy.value("review.days"))
    warn_review = int(policy.value("review.deadline_warning_days"))
    already = {
        e.subject
        for e in session.scalars(select(OutboxEmail).where(OutboxEmail.category == "deadline"))
        if e.created_at.date() == utcnow().date()  # one reminder of each kind per day
    }
    reviewers = session.scalars(
        select(User).where(User.role.in_([Role.REVIEWER, Role.ADMIN]), User.active.is_(True))
    ).all()
    queued = 0
    # Every running clock, an application's or a change's, by its stored deadline.
    running = session.scalars(
        select(Curriculum)
        .where(
            Curriculum.due_on.is_not(None),
            Curriculum.due_on <= today + timedelta(days=warn_review),
        )
        .options(selectinload(Curriculum.changes))
    ).all()
    for curriculum in running:
        days_left = (curriculum.due_on - today).days
        is_change = curriculum.open_change is not None

        def subject_of(curriculum=curriculum, days_left=days_left, is_change=is_change) -> str:
            if days_left >= 0 and is_change:
                return gettext(
                    "Review due in %(days)s days: change to %(title)s",
                    days=days_left,
                    title=curriculum.title,
                )
            if days_left >= 0:
                return gettext(
                    "Review due in %(days)s days: %(title)s", days=days_left, title=curriculum.title
                )
            if is_change:
                return gettext("Review overdue: change to %(title)s", title=curriculum.title)
            return gettext("Review overdue: %(title)s", title=curriculum.title)

        if in_every_language(subject_of) & already:
            continue
        queued += notify.tell_reviewers(
            session,
            reviewers,
            write=lambda curriculum=curriculum, subject_of=subject_of: (
                subject_of(),
                gettext(
                    "The %(limit)s-day review clock (%(citation)s) for “%(title)s” ends on "
                    "%(day)s.",
                    limit=review_limit_days,
                    citation=policy.cite("review.days"),
                    title=curriculum.title,
                    day=email_day(curriculum.due_on),
                ),
            ),
            link=links.url("submissions.review", curriculum_id=curriculum.id),
            category="deadline",
            digest=False,
        )
    # Approvals expiring soon: app.providers.renewals reminds providers at 90 and 30 days.
    session.flush()
    return queued
