"""One function per transition of a curriculum application; each writes the audit log."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload
from sqlalchemy.orm.exc import StaleDataError

from app.audit.models import AuditEvent
from app.audit.services import events_for, record
from app.auth.models import Role, User
from app.dates import add_years
from app.dbtypes import utcnow
from app.errors import Conflict, DomainError, Forbidden, NotFound
from app.framework.models import Catalog
from app.notifications.services import queue_email, reminder
from app.policy import Policy
from app.submissions.clock import ClockEvent, ClockStatus, review_clock
from app.submissions.diff import VersionDiff, diff_reports
from app.submissions.models import (
    Appeal,
    CompetencyReview,
    Curriculum,
    CurriculumVersion,
    ReviewComment,
    SupportingFile,
)
from app.submissions.states import Decision, SubmissionState, target_state
from app.syllabus.errors import SyllabusReadError
from app.syllabus.readers import read_document
from app.syllabus.services import check_syllabus
from app.uploads import StoredFile, delete_stored, store_upload

Upload = tuple[bytes, str]  # the bytes of an uploaded file and the name it came with


APPROVED_STATES = frozenset({SubmissionState.APPROVED, SubmissionState.APPEAL_APPROVED})


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
    record(
        session,
        actor_id=provider.id,
        subject_type="curriculum",
        subject_id=curriculum.id,
        action="create",
        to_state=SubmissionState.DRAFT,
        details={"version": 1},
    )
    session.flush()
    return curriculum


def _add_version(curriculum: Curriculum, provider: User, **fields: Any) -> CurriculumVersion:
    """The next version of ``curriculum``, by ``provider``."""
    version = CurriculumVersion(
        number=len(curriculum.versions) + 1, created_by_id=provider.id, **fields
    )
    curriculum.versions.append(version)
    return version


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
    session.flush()


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
    """Approve: valid two years from the approval date (§803.4)."""
    _require_reviewer(reviewer)
    _move(
        session, curriculum, reviewer, "approve", reason=reason, expected_version=expected_version
    )
    years = int(policy.value("approval.years"))
    curriculum.approved_on = today
    curriculum.expires_on = add_years(today, years)
    curriculum.decided_at, curriculum.decided_by_id = utcnow(), reviewer.id
    _notify_organization(
        session,
        curriculum,
        f"Approved: {curriculum.title}",
        f"Your curriculum is approved on {today:%B %d, %Y}, valid until {curriculum.expires_on:%B %d, %Y} ({policy.cite('approval.years')}).",
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
    """Approve, deny or request revisions: the one entry point of the decision form and the API."""
    decision = Decision(decision)
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
    session.flush()
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
    session.flush()
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
        curriculum.expires_on = add_years(today, int(policy.value("approval.years")))
    curriculum.decided_at, curriculum.decided_by_id = utcnow(), reviewer.id
    _notify_organization(
        session,
        curriculum,
        f"Appeal decided: {curriculum.title}",
        f"{item.disposition}\n\nThis decision is final ({policy.cite('appeal.final')}).",
    )
    session.flush()
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
    session.flush()


@reminder
def queue_deadline_reminders(session: Session, policy: Policy, today: date) -> int:
    """Queue one reminder per submission due within the warning window.

    Reviewers hear of submissions whose 90-day clock (§803.3) ends within
    ``review.deadline_warning_days``. A reminder already queued today is not repeated.
    """
    from app.notifications.models import OutboxEmail

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
    running = list(
        session.scalars(select(Curriculum).where(Curriculum.state == SubmissionState.SUBMITTED))
    )
    events = _state_events(session, running)
    for curriculum in running:
        clock = review_clock(events[curriculum.id], today, limit_days=review_limit_days)
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
                    f"The {review_limit_days}-day review clock ({policy.cite('review.days')}) for “{curriculum.title}” ends on {clock.due_on:%B %d, %Y}.",
                    category="deadline",
                )
                queued += 1
    # Approvals expiring soon: app.providers.renewals reminds providers at 90 and 30 days.
    session.flush()
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
    _move(
        session,
        curriculum,
        provider,
        "submit_change",
        reason=note.strip(),
        details={"version": version.number, "intended_use_on": intended_use_on.isoformat()},
    )
    curriculum.submitted_at = utcnow()
    session.flush()
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
    session.flush()
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
    session.flush()
    return comment


def comments_of(session: Session, version: CurriculumVersion) -> list[ReviewComment]:
    return list(
        session.scalars(
            select(ReviewComment)
            .where(ReviewComment.version_id == version.id)
            .order_by(ReviewComment.at, ReviewComment.id)
        )
    )


# Reading and filing: what the pages show, each in a constant number of queries.


def dashboard_rows(session: Session, organization_id: int) -> list[tuple[Curriculum, int]]:
    """The organization's curricula, newest first, each with its number of versions."""
    version_count = (
        select(func.count(CurriculumVersion.id))
        .where(CurriculumVersion.curriculum_id == Curriculum.id)
        .scalar_subquery()
    )
    rows = session.execute(
        select(Curriculum, version_count)
        .where(Curriculum.organization_id == organization_id)
        .order_by(Curriculum.created_at.desc())
    ).all()
    return [(curriculum, count) for curriculum, count in rows]


def _state_events(session: Session, curricula: list[Curriculum]) -> dict[int, list[ClockEvent]]:
    """The state changes of each curriculum, oldest first, in one query."""
    events: dict[int, list[ClockEvent]] = {c.id: [] for c in curricula}
    if events:
        for event in session.scalars(
            select(AuditEvent)
            .where(AuditEvent.subject_type == "curriculum", AuditEvent.subject_id.in_(events))
            .order_by(AuditEvent.at, AuditEvent.id)
        ):
            if event.to_state:
                events[event.subject_id].append(ClockEvent(event.at.date(), event.to_state))
    return events


def clock_of(
    session: Session, curriculum: Curriculum, policy: Policy, today: date, events=None
) -> ClockStatus:
    """The 90-day review clock of one curriculum (§803.3); ``events``: its audit events if read."""
    events = events if events is not None else events_for(session, "curriculum", curriculum.id)
    clock_events = [ClockEvent(e.at.date(), e.to_state) for e in events if e.to_state]
    return review_clock(clock_events, today, limit_days=int(policy.value("review.days")))


QUEUE_SORTS: dict[str, Callable[[tuple[Curriculum, ClockStatus]], Any]] = {
    "days_left": lambda row: (
        row[1].days_left is None,
        row[1].days_left if row[1].days_left is not None else 0,
        row[0].id,
    ),
    "submitted": lambda row: (row[1].started_on is None, row[1].started_on or date.min, row[0].id),
    "title": lambda row: row[0].title.lower(),
    "organization": lambda row: (row[0].organization.name.lower(), row[0].title.lower()),
}


def review_queue(
    session: Session,
    policy: Policy,
    today: date,
    *,
    state: str = "",
    program: str = "",
    sort: str = "days_left",
) -> list[tuple[Curriculum, ClockStatus]]:
    """Every curriculum past draft with its clock, filtered by state and program, sorted by ``sort``."""
    query = (
        select(Curriculum)
        .where(Curriculum.state != SubmissionState.DRAFT)
        .options(selectinload(Curriculum.organization))
    )
    if state in {s.value for s in SubmissionState}:
        query = query.where(Curriculum.state == state)
    if program:
        query = query.where(Curriculum.program == program)
    curricula = list(session.scalars(query))
    events = _state_events(session, curricula)
    limit = int(policy.value("review.days"))
    rows = [(c, review_clock(events[c.id], today, limit_days=limit)) for c in curricula]
    rows.sort(key=QUEUE_SORTS.get(sort, QUEUE_SORTS["days_left"]))
    return rows


def appeals_log(session: Session) -> list[Appeal]:
    """Every appeal, newest first, with its curriculum and people (§807.1.D)."""
    return list(
        session.scalars(
            select(Appeal)
            .options(
                selectinload(Appeal.curriculum),
                selectinload(Appeal.requester),
                selectinload(Appeal.decided_by),
            )
            .order_by(Appeal.requested_on.desc(), Appeal.id.desc())
        )
    )


def approved_courses(session: Session, program: str) -> list[Curriculum]:
    """Curricula of ``program`` approved (directly or on appeal), by title."""
    return list(
        session.scalars(
            select(Curriculum)
            .where(Curriculum.program == program, Curriculum.state.in_(APPROVED_STATES))
            .order_by(Curriculum.title)
        )
    )


def approved_course(session: Session, curriculum_id: int, program: str) -> Curriculum | None:
    """One approved curriculum of ``program``, or None."""
    course = session.get(Curriculum, curriculum_id)
    if course is None or course.program != program or course.state not in APPROVED_STATES:
        return None
    return course


@dataclass(frozen=True)
class VersionComparison:
    old: int
    new: int
    numbers: list[int]
    changes: VersionDiff
    asked_for_unknown: bool  # a version asked for does not exist: the last two are compared


def compare_versions(
    curriculum: Curriculum, old: int | None = None, new: int | None = None
) -> VersionComparison:
    """What changed between versions ``old`` and ``new`` (default: the last two)."""
    by_number = {v.number: v for v in curriculum.versions}
    numbers = sorted(by_number)
    default_old, default_new = max(numbers[-1] - 1, 1), numbers[-1]
    old = default_old if old is None else old
    new = default_new if new is None else new
    unknown = old not in by_number or new not in by_number
    if unknown:
        old, new = default_old, default_new
    changes = diff_reports(by_number[old].report, by_number[new].report)
    return VersionComparison(old, new, numbers, changes, unknown)


def stored_file(curriculum: Curriculum, stored_name: str) -> str:
    """The original name of a supporting file or uploaded syllabus of ``curriculum``."""
    names = {f.stored_name: f.original_name for f in curriculum.files}
    names.update({v.stored_name: v.original_name for v in curriculum.versions if v.stored_name})
    if stored_name not in names:
        raise NotFound("There is no such file.")
    return names[stored_name]


@dataclass(frozen=True)
class SyllabusInput:
    """A syllabus as a provider sends it: its text, the checker's report, the stored upload if any."""

    text: str
    report: dict[str, Any]
    stored: StoredFile | None = None

    def version_fields(self) -> dict[str, Any]:
        """The fields of a new CurriculumVersion."""
        return {
            "syllabus_text": self.text,
            "report": self.report,
            "original_name": self.stored.original_name if self.stored else "",
            "stored_name": self.stored.stored_name if self.stored else "",
        }


def read_syllabus(
    upload: Upload | None,
    text: str,
    program: str,
    *,
    catalog: Catalog,
    policy: Policy,
    upload_dir: str,
    max_bytes: int,
) -> SyllabusInput:
    """The uploaded (or else pasted) syllabus, checked; the upload is stored last, so a refused
    syllabus leaves no file behind."""
    if upload is not None:
        try:
            text = read_document(upload[0], upload[1], max_bytes=max_bytes)
        except SyllabusReadError as error:
            raise DomainError(str(error)) from None
    if not text.strip():
        raise DomainError("Paste the syllabus or upload it.")
    try:
        report = check_syllabus(text, program, catalog=catalog, policy=policy)
    except SyllabusReadError as error:
        raise DomainError(str(error)) from None
    stored = None
    if upload is not None:
        stored = store_upload(
            upload[0], upload[1], kinds="syllabus", upload_dir=upload_dir, max_bytes=max_bytes
        )
    return SyllabusInput(text, report.to_dict(), stored)


def discard_syllabus(upload_dir: str, syllabus: SyllabusInput) -> None:
    """Remove the stored upload of a syllabus whose change was refused."""
    if syllabus.stored is not None:
        delete_stored(upload_dir, syllabus.stored.stored_name)


def attach_upload(
    session: Session,
    curriculum: Curriculum,
    provider: User,
    upload: Upload,
    *,
    upload_dir: str,
    max_bytes: int,
) -> SupportingFile:
    """Check and store a supporting file, then attach it; a refused file leaves nothing behind."""
    _require_provider_of(curriculum, provider)
    stored = store_upload(
        upload[0], upload[1], kinds="evidence", upload_dir=upload_dir, max_bytes=max_bytes
    )
    try:
        return attach_file(session, curriculum, provider, stored)
    except BaseException:
        delete_stored(upload_dir, stored.stored_name)
        raise
