"""One function per transition of a curriculum application; each writes the audit log."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from app.audit.services import record
from app.auth.models import Role, User
from app.dbtypes import utcnow
from app.errors import Conflict, DomainError, Forbidden, NotFound
from app.notifications.services import queue_email
from app.policy import Policy
from app.submissions.models import (
    Appeal,
    CompetencyReview,
    Curriculum,
    CurriculumVersion,
    ReviewComment,
    SupportingFile,
)
from app.submissions.states import SubmissionState, target_state


def get_curriculum_for(session: Session, user: User, curriculum_id: int) -> Curriculum:
    """The curriculum if ``user`` may see it: its own organization's for providers, any for reviewers."""
    curriculum = session.get(Curriculum, curriculum_id)
    if curriculum is None:
        raise NotFound("There is no such curriculum.")
    if user.role in (Role.REVIEWER, Role.ADMIN):
        return curriculum
    if user.role == Role.PROVIDER and user.organization_id == curriculum.organization_id:
        return curriculum
    raise NotFound("There is no such curriculum.")  # not 403: do not reveal that it exists


def _move(
    session: Session,
    curriculum: Curriculum,
    actor: User,
    action: str,
    *,
    reason: str = "",
    expected_version: int | None = None,
    details: dict | None = None,
) -> None:
    if expected_version is not None and expected_version != curriculum.lock_version:
        raise Conflict(
            f"This curriculum changed since you opened it; it is now {curriculum.state.replace('_', ' ')}. Reload and decide again."
        )
    try:
        target = target_state(action, SubmissionState(curriculum.state))
    except ValueError as error:
        raise Conflict(str(error).capitalize() + ".") from None
    previous = curriculum.state
    curriculum.state = target
    record(
        session,
        actor_id=actor.id,
        subject_type="curriculum",
        subject_id=curriculum.id,
        action=action,
        from_state=str(previous),
        to_state=str(target),
        reason=reason,
        details=details,
    )
    try:
        session.flush()
    except StaleDataError:
        session.rollback()
        raise Conflict(
            "Another reviewer changed this curriculum at the same time; reload to see the current state."
        ) from None


def _notify_organization(session: Session, curriculum: Curriculum, subject: str, body: str) -> None:
    for member in curriculum.organization.members:
        queue_email(session, member.email, subject, body, category="decision")


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
        raise Forbidden("Only members of a training-provider organization create curricula.")
    curriculum = Curriculum(
        organization_id=provider.organization_id,
        program=program,
        title=title.strip(),
        language=language.strip() or "English",
    )
    curriculum.versions.append(
        CurriculumVersion(
            number=1,
            syllabus_text=syllabus_text,
            report=report,
            original_name=original_name,
            stored_name=stored_name,
            created_by_id=provider.id,
        )
    )
    session.add(curriculum)
    session.flush()
    record(
        session,
        actor_id=provider.id,
        subject_type="curriculum",
        subject_id=curriculum.id,
        action="create",
        to_state=SubmissionState.DRAFT,
        details={"version": 1},
    )
    session.commit()
    return curriculum


def _require_provider_of(curriculum: Curriculum, user: User) -> None:
    if user.role != Role.PROVIDER or user.organization_id != curriculum.organization_id:
        raise Forbidden("Only the training provider that owns this curriculum can do that.")


def submit(session: Session, curriculum: Curriculum, provider: User) -> None:
    """Send a draft for review: the application is complete and the 90-day clock starts (§803.3)."""
    _require_provider_of(curriculum, provider)
    if not curriculum.organization.approved:
        raise Forbidden(
            "Your organization is waiting for approval by an administrator; you can submit once it is approved."
        )
    _move(session, curriculum, provider, "submit")
    curriculum.submitted_at = utcnow()
    session.commit()


def request_revisions(
    session: Session,
    curriculum: Curriculum,
    reviewer: User,
    *,
    comments: str,
    expected_version: int | None = None,
) -> None:
    """Send the curriculum back to the provider; the clock pauses."""
    _require_reviewer(reviewer)
    if not comments.strip():
        raise DomainError("Say what must be revised.")
    detailed = comments_of(session, curriculum.latest) if curriculum.latest else []
    _move(
        session,
        curriculum,
        reviewer,
        "request_revisions",
        reason=comments.strip(),
        expected_version=expected_version,
        details={"comments": [{"on": c.target, "text": c.text} for c in detailed]},
    )
    listed = "".join(f"\n- {c.target}: {c.text}" for c in detailed)
    body = f"The reviewer asks for revisions:\n\n{comments.strip()}\n{listed}\n\nThe review clock is paused until you resubmit."
    _notify_organization(session, curriculum, f"Revisions requested: {curriculum.title}", body)
    session.commit()


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
    version = CurriculumVersion(
        number=len(curriculum.versions) + 1,
        syllabus_text=syllabus_text,
        report=report,
        note=note,
        original_name=original_name,
        stored_name=stored_name,
        created_by_id=provider.id,
    )
    curriculum.versions.append(version)
    _move(
        session, curriculum, provider, "resubmit", reason=note, details={"version": version.number}
    )
    session.commit()
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
    """Approve: valid two years from the approval date (§803.4)."""
    _require_reviewer(reviewer)
    _move(
        session, curriculum, reviewer, "approve", reason=reason, expected_version=expected_version
    )
    years = int(policy.value("approval.years"))
    curriculum.approved_on = today
    curriculum.expires_on = _add_years(today, years)
    curriculum.decided_at, curriculum.decided_by_id = utcnow(), reviewer.id
    _notify_organization(
        session,
        curriculum,
        f"Approved: {curriculum.title}",
        f"Your curriculum is approved on {today:%B %d, %Y}, valid until {curriculum.expires_on:%B %d, %Y} ({policy.cite('approval.years')}).",
    )
    session.commit()


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
    _require_reviewer(reviewer)
    if not reason.strip():
        raise DomainError("A denial needs a reason.")
    _move(
        session,
        curriculum,
        reviewer,
        "deny",
        reason=reason.strip(),
        expected_version=expected_version,
    )
    curriculum.decision_reason = reason.strip()
    curriculum.decided_at, curriculum.decided_by_id = utcnow(), reviewer.id
    days = policy.value("appeal.days")
    _notify_organization(
        session,
        curriculum,
        f"Denied: {curriculum.title}",
        f"Your curriculum was denied: {reason.strip()}\n\nYou may appeal within {days} days of this decision ({policy.cite('appeal.days')}).",
    )
    session.commit()


def record_competency_review(
    session: Session,
    version: CurriculumVersion,
    reviewer: User,
    *,
    competency_id: str,
    covered: bool,
    note: str,
) -> CompetencyReview:
    """A reviewer confirms or overrides the checker for one competency; overrides are recorded as such."""
    _require_reviewer(reviewer)
    checker_said = any(
        c["id"] == competency_id and c["covered"] for c in version.report.get("competencies", [])
    )
    if not any(c["id"] == competency_id for c in version.report.get("competencies", [])):
        raise NotFound(f"{competency_id} is not a competency of this program.")
    review = CompetencyReview(
        version_id=version.id,
        competency_id=competency_id,
        covered=covered,
        checker_said=checker_said,
        note=note.strip(),
        reviewer_id=reviewer.id,
    )
    session.add(review)
    session.flush()
    action = "override_checker" if review.is_override else "confirm_checker"
    record(
        session,
        actor_id=reviewer.id,
        subject_type="curriculum",
        subject_id=version.curriculum_id,
        action=action,
        reason=note.strip(),
        details={
            "competency": competency_id,
            "covered": covered,
            "checker_said": checker_said,
            "version": version.number,
        },
    )
    session.commit()
    return review


def latest_reviews(session: Session, version: CurriculumVersion) -> dict[str, CompetencyReview]:
    """The newest reviewer record per competency of ``version``."""
    reviews = session.scalars(
        select(CompetencyReview)
        .where(CompetencyReview.version_id == version.id)
        .order_by(CompetencyReview.at, CompetencyReview.id)
    )
    return {r.competency_id: r for r in reviews}


def _require_reviewer(user: User) -> None:
    if user.role not in (Role.REVIEWER, Role.ADMIN):
        raise Forbidden("Only reviewers decide on curricula.")


def _add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a non-leap year: the day before March 1
        return day.replace(year=day.year + years, month=3, day=1) - timedelta(days=1)


def appeal_deadline(curriculum: Curriculum, policy: Policy) -> date | None:
    """The last day to appeal a denial: 14 days after the decision (§702.1.D)."""
    if curriculum.decided_at is None:
        return None
    return curriculum.decided_at.date() + timedelta(days=int(policy.value("appeal.days")))


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
        raise DomainError("Say why you appeal and how to reach you.")
    deadline = appeal_deadline(curriculum, policy)
    if deadline is not None and today > deadline:
        raise Conflict(
            f"The appeal window closed on {deadline:%B %d, %Y}: appeals are made within {policy.value('appeal.days')} days of the decision ({policy.cite('appeal.days')})."
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
    session.commit()
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
            "An appeal is decided by a reviewer other than the one who denied the curriculum."
        )
    if not reason.strip():
        raise DomainError("Give the reason for the final disposition.")
    item = session.scalar(
        select(Appeal).where(Appeal.curriculum_id == curriculum.id).order_by(Appeal.id.desc())
    )
    if item is None:
        raise NotFound("There is no appeal to decide.")
    _move(
        session,
        curriculum,
        reviewer,
        "deny_appeal" if uphold_denial else "approve_appeal",
        reason=reason.strip(),
    )
    item.disposition_on = today
    item.disposition = (
        "Denial upheld: " if uphold_denial else "Denial reversed, curriculum approved: "
    ) + reason.strip()
    item.decided_by_id = reviewer.id
    item.letter_sent_on = today
    item.activities = [
        *item.activities,
        {"on": today.isoformat(), "what": f"Final disposition by {reviewer.name}; letter sent"},
    ]
    if not uphold_denial:
        curriculum.approved_on = today
        curriculum.expires_on = _add_years(today, int(policy.value("approval.years")))
    curriculum.decided_at, curriculum.decided_by_id = utcnow(), reviewer.id
    _notify_organization(
        session,
        curriculum,
        f"Appeal decided: {curriculum.title}",
        f"{item.disposition}\n\nThis decision is final ({policy.cite('appeal.final')}).",
    )
    session.commit()
    return item


def confirm_fee_paid(session: Session, curriculum: Curriculum, reviewer: User) -> None:
    """A reviewer records that the application fee (§601) was paid; payment itself happens elsewhere."""
    _require_reviewer(reviewer)
    if curriculum.fee_paid:
        raise Conflict("The fee is already confirmed.")
    curriculum.fee_paid = True
    curriculum.fee_confirmed_by_id = reviewer.id
    curriculum.fee_confirmed_at = utcnow()
    record(
        session,
        actor_id=reviewer.id,
        subject_type="curriculum",
        subject_id=curriculum.id,
        action="confirm_fee_paid",
    )
    session.commit()


def queue_deadline_reminders(
    session: Session, policy: Policy, *, today: date, review_limit_days: int
) -> int:
    """Queue one reminder per submission due within the warning window and per approval expiring soon.

    Reviewers hear of submissions whose 90-day clock (§803.3) ends within
    ``review.deadline_warning_days``; providers hear of approvals expiring within
    ``approval.expiry_warning_days`` (§803.4). A reminder already queued today is not repeated.
    """
    from app.audit.models import AuditEvent
    from app.notifications.models import OutboxEmail
    from app.submissions.clock import ClockEvent, review_clock

    warn_review = int(policy.value("review.deadline_warning_days"))
    warn_expiry = int(policy.value("approval.expiry_warning_days"))
    already = {
        e.subject
        for e in session.scalars(select(OutboxEmail).where(OutboxEmail.category == "deadline"))
        if e.created_at.date() == utcnow().date()  # one reminder of each kind per day
    }
    reviewers = session.scalars(
        select(User).where(User.role.in_([Role.REVIEWER, Role.ADMIN]), User.active.is_(True))
    ).all()
    queued = 0
    running = session.scalars(select(Curriculum).where(Curriculum.state == "submitted")).all()
    ids = [c.id for c in running]
    events: dict[int, list] = {i: [] for i in ids}
    if ids:
        for event in session.scalars(
            select(AuditEvent)
            .where(AuditEvent.subject_type == "curriculum", AuditEvent.subject_id.in_(ids))
            .order_by(AuditEvent.at, AuditEvent.id)
        ):
            events[event.subject_id].append(
                ClockEvent(event.at.date(), event.to_state) if event.to_state else None
            )
    for curriculum in running:
        clock = review_clock(
            [e for e in events[curriculum.id] if e], today, limit_days=review_limit_days
        )
        if clock.days_left is not None and clock.days_left <= warn_review:
            subject = (
                f"Review due in {clock.days_left} days: {curriculum.title}"
                if clock.days_left >= 0
                else f"Review overdue: {curriculum.title}"
            )
            if subject in already:
                continue
            for reviewer in reviewers:
                queue_email(
                    session,
                    reviewer.email,
                    subject,
                    f"The 90-day review clock (§803.3) for “{curriculum.title}” ends on {clock.due_on:%B %d, %Y}.",
                    category="deadline",
                )
                queued += 1
    expiring = session.scalars(
        select(Curriculum).where(
            Curriculum.expires_on.is_not(None),
            Curriculum.expires_on <= today + timedelta(days=warn_expiry),
            Curriculum.expires_on >= today,
        )
    ).all()
    for curriculum in expiring:
        subject = f"Approval expires on {curriculum.expires_on:%B %d, %Y}: {curriculum.title}"
        if subject in already:
            continue
        body = f"The approval of “{curriculum.title}” is valid until {curriculum.expires_on:%B %d, %Y} (§803.4). Apply for renewal before then."
        for member in curriculum.organization.members:
            queue_email(session, member.email, subject, body, category="deadline")
            queued += 1
    session.commit()
    return queued


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
) -> CurriculumVersion:
    """Change an approved curriculum: a new version submitted at least 60 days before use (§803.5)."""
    _require_provider_of(curriculum, provider)
    notice = int(policy.value("change.notice_days"))
    if intended_use_on < today + timedelta(days=notice):
        earliest = today + timedelta(days=notice)
        raise DomainError(
            f"Substantive changes are submitted {notice} days before their intended use ({policy.cite('change.notice_days')}); the earliest date of use is {earliest:%B %d, %Y}."
        )
    if not note.strip():
        raise DomainError("Describe the change.")
    version = CurriculumVersion(
        number=len(curriculum.versions) + 1,
        syllabus_text=syllabus_text,
        report=report,
        note=note.strip(),
        original_name=original_name,
        stored_name=stored_name,
        created_by_id=provider.id,
        is_substantive_change=True,
        intended_use_on=intended_use_on,
    )
    curriculum.versions.append(version)
    _move(
        session,
        curriculum,
        provider,
        "submit_change",
        reason=note.strip(),
        details={"version": version.number, "intended_use_on": intended_use_on.isoformat()},
    )
    curriculum.submitted_at = utcnow()
    session.commit()
    return version


def attach_file(session: Session, curriculum: Curriculum, provider: User, stored) -> SupportingFile:
    """Record a stored upload as a supporting file of ``curriculum``."""
    _require_provider_of(curriculum, provider)
    item = SupportingFile(
        curriculum_id=curriculum.id,
        stored_name=stored.stored_name,
        original_name=stored.original_name,
        size=stored.size,
        sha256=stored.sha256,
        uploaded_by_id=provider.id,
    )
    session.add(item)
    session.flush()
    record(
        session,
        actor_id=provider.id,
        subject_type="curriculum",
        subject_id=curriculum.id,
        action="attach_file",
        reason=stored.original_name,
    )
    session.commit()
    return item


def comment_targets(version: CurriculumVersion) -> list[str]:
    """What a reviewer may comment on: each module and each competency of the version's report."""
    modules = [f"module line {m['line']}: {m['title']}" for m in version.report.get("modules", [])]
    competencies = [
        f"competency {c['id']}: {c['title']}" for c in version.report.get("competencies", [])
    ]
    return modules + competencies


def add_comment(
    session: Session, version: CurriculumVersion, reviewer: User, *, target: str, text: str
) -> ReviewComment:
    """A comment on one module or competency; sent to the provider with the next revision request."""
    _require_reviewer(reviewer)
    if target not in comment_targets(version):
        raise DomainError("Choose a module or competency of this version.")
    if not text.strip():
        raise DomainError("Write the comment.")
    comment = ReviewComment(
        version_id=version.id, target=target, text=text.strip(), reviewer_id=reviewer.id
    )
    session.add(comment)
    session.commit()
    return comment


def comments_of(session: Session, version: CurriculumVersion) -> list[ReviewComment]:
    return list(
        session.scalars(
            select(ReviewComment)
            .where(ReviewComment.version_id == version.id)
            .order_by(ReviewComment.at, ReviewComment.id)
        )
    )
