"""One function per transition of a curriculum application; each writes the audit log."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, joinedload, selectinload
from sqlalchemy.orm.exc import StaleDataError

from app.appeals import clock as appeal_clock
from app.audit.models import AuditEvent
from app.audit.services import events_for, record, record_move
from app.auth.models import Organization, Role, User
from app.dates import add_years
from app.dbtypes import utcnow
from app.errors import Conflict, DomainError, Forbidden, NotFound
from app.framework.models import Catalog
from app.inbox import notify
from app.notifications import links
from app.notifications.services import queue_email, reminder
from app.policy import DEFAULT_POLICY, Policy
from app.submissions import stats
from app.submissions.clock import ClockEvent, ClockStatus, review_clock
from app.submissions.completeness import missing_for_review
from app.submissions.diff import VersionDiff, diff_reports
from app.submissions.gate import GatePassed, check_approval, require_gate, unsettled_errors
from app.submissions.models import (
    Appeal,
    CompetencyReview,
    Curriculum,
    CurriculumChange,
    CurriculumVersion,
    FindingOverride,
    ReviewComment,
    SupportingFile,
)
from app.submissions.states import (
    APPROVED_STATES,
    CHANGE_DECISIONS,
    CHANGE_TRANSITIONS,
    CLOSED_KEY,
    DRAFT_KEY,
    OPEN_STATES,
    ChangeState,
    Decision,
    SubmissionState,
    queue_key_of,
    target_state,
)
from app.submissions.textdiff import ModuleTextDiff, diff_module_texts
from app.syllabus.errors import SyllabusReadError
from app.syllabus.readers import read_document
from app.syllabus.services import check_syllabus
from app.uploads import StoredFile, delete_stored, store_upload

Upload = tuple[bytes, str]  # the bytes of an uploaded file and the name it came with

MISSING_TEXT = {
    "fee": "the application fee is not recorded yet",
    "syllabus": "the syllabus does not read: the checker found no module in it",
}


def get_curriculum_for(session: Session, user: User, curriculum_id: int) -> Curriculum:
    """The curriculum if ``user`` may see it: its own organization's for providers; for reviewers
    any that was ever submitted (a draft is the provider's own work until they send it)."""
    curriculum = session.get(Curriculum, curriculum_id)
    if curriculum is None:
        raise NotFound("There is no such curriculum.")
    if user.role in (Role.REVIEWER, Role.ADMIN):
        if curriculum.state == SubmissionState.DRAFT:
            raise NotFound("There is no such curriculum.")
        return curriculum
    if user.role == Role.PROVIDER and user.organization_id == curriculum.organization_id:
        return curriculum
    raise NotFound("There is no such curriculum.")  # not 403: do not reveal that it exists


def _check_move(
    curriculum: Curriculum, action: str, expected_version: int | None = None
) -> SubmissionState:
    """The state ``action`` leads to; Conflict when the form is stale or the move not allowed."""
    if expected_version is not None and expected_version != curriculum.lock_version:
        raise Conflict(
            f"This curriculum changed since you opened it; it is now {curriculum.state.replace('_', ' ')}. Reload and decide again."
        )
    try:
        return target_state(action, SubmissionState(curriculum.state))
    except ValueError as error:
        raise Conflict(str(error).capitalize() + ".") from None


def _move(
    session: Session,
    curriculum: Curriculum,
    actor: User,
    action: str,
    *,
    reason: str = "",
    expected_version: int | None = None,
    details: dict | None = None,
    gate: GatePassed | None = None,
) -> None:
    target = _check_move(curriculum, action, expected_version)
    require_gate(target, APPROVED_STATES, gate)
    if gate is not None:
        details = {**(details or {}), **gate.details()}
    record_move(
        session,
        curriculum,
        "curriculum",
        target,
        actor_id=actor.id,
        action=action,
        reason=reason,
        details=details,
    )
    _flush_or_conflict(session)
    refresh_queue_fields(session, curriculum)


def _flush_or_conflict(session: Session) -> None:
    try:
        session.flush()
    except StaleDataError:
        raise Conflict(
            "Another reviewer changed this curriculum at the same time; reload to see the current state."
        ) from None


def _review_days(policy: Policy | None = None) -> int:
    return int((policy or DEFAULT_POLICY).value("review.days"))


def refresh_queue_fields(session: Session, curriculum: Curriculum) -> None:
    """Keep ``is_open`` and ``due_on`` in step with the state and the running clock (its own or
    its open change's), so the queue sorts and pages in SQL."""
    change = curriculum.open_change
    if change is not None:
        events = events_for(session, "curriculum_change", change.id)
    else:
        events = events_for(session, "curriculum", curriculum.id)
    clock = review_clock(
        [ClockEvent(e.at.date(), e.to_state) for e in events if e.to_state],
        utcnow().date(),
        limit_days=_review_days(),
    )
    curriculum.is_open = change is not None or curriculum.state in OPEN_STATES
    curriculum.due_on = clock.due_on if clock.running else None
    curriculum.queue_key = queue_key_of(curriculum.state, curriculum.is_open, curriculum.due_on)
    _flush_or_conflict(session)


def submitted_ids(session: Session) -> list[int]:
    """The ids of every curriculum past draft."""
    return list(
        session.scalars(select(Curriculum.id).where(Curriculum.state != SubmissionState.DRAFT))
    )


def _notify_organization(session: Session, curriculum: Curriculum, subject: str, body: str) -> None:
    for member in curriculum.organization.members:
        queue_email(
            session,
            member.email,
            subject,
            body,
            category="decision",
            link=links.url("submissions.detail", curriculum_id=curriculum.id),
        )


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


def missing_of(curriculum: Curriculum) -> list[str]:
    """What the application still lacks to be complete (§301.2): "fee", "syllabus"."""
    return missing_for_review(fee_recorded=curriculum.fee_recorded, report=curriculum.latest.report)


def submit(session: Session, curriculum: Curriculum, provider: User) -> list[str]:
    """Send a draft. Complete (fee recorded, syllabus reads) it is submitted and the 90-day clock
    starts (§803.3); otherwise it is incomplete and the clock waits. Returns what is missing."""
    _require_provider_of(curriculum, provider)
    if not curriculum.organization.approved:
        raise Forbidden(
            "Your organization is waiting for approval by an administrator; you can submit once it is approved."
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
        raise Conflict("Only a draft or an incomplete application can be edited.")
    if not title.strip():
        raise DomainError("Give the curriculum a title.")
    version = curriculum.latest
    curriculum.title, curriculum.language = title.strip(), language.strip() or "English"
    version.syllabus_text, version.report = syllabus_text, report
    if stored_name:
        version.original_name, version.stored_name = original_name, stored_name
    record(
        session,
        actor_id=provider.id,
        subject_type="curriculum",
        subject_id=curriculum.id,
        action="edit_draft",
        details={"version": version.number},
    )
    _flush_or_conflict(session)
    return _complete_if_ready(session, curriculum, provider)


def delete_draft(session: Session, curriculum: Curriculum, provider: User) -> None:
    """Delete a draft that was never sent; the audit log keeps that it existed."""
    _require_provider_of(curriculum, provider)
    if curriculum.state != SubmissionState.DRAFT:
        raise Conflict("Only a draft that was never submitted can be deleted; withdraw it instead.")
    record(
        session,
        actor_id=provider.id,
        subject_type="curriculum",
        subject_id=curriculum.id,
        action="delete_draft",
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
    _mark_sent(detailed)
    listed = "".join(f"\n- {c.target}: {c.text}" for c in detailed)
    body = f"The reviewer asks for revisions:\n\n{comments.strip()}\n{listed}\n\nThe review clock is paused until you resubmit."
    _notify_organization(session, curriculum, f"Revisions requested: {curriculum.title}", body)
    session.flush()


def _mark_sent(comments: list[ReviewComment]) -> None:
    now = utcnow()
    for comment in comments:
        if comment.sent_at is None:
            comment.sent_at = now


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
    """Approve, deny or request revisions: the one entry point of the decision form and the API.
    With a substantive change under review the decision is the change's (its own lock version)."""
    decision = Decision(decision)
    if expected_version is None:
        raise Conflict("The form does not say which version you reviewed; reload and decide again.")
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


def unresolved_errors(session: Session, version: CurriculumVersion) -> list:
    """The errors of ``version``'s report not overridden by a reviewer (two queries)."""
    return unsettled_errors(session, version)


def override_finding(
    session: Session,
    version: CurriculumVersion,
    reviewer: User,
    *,
    finding_index: int,
    reason: str,
) -> FindingOverride:
    """A reviewer sets aside one error of the checker's report; the reason is required and logged."""
    _require_reviewer(reviewer)
    _require_past_draft(version.curriculum)
    findings = version.report.get("findings", [])
    if not 0 <= finding_index < len(findings) or findings[finding_index]["severity"] != "error":
        raise NotFound("There is no such error in this version's report.")
    if not reason.strip():
        raise DomainError("Give the reason for overriding this finding.")
    finding = findings[finding_index]
    item = FindingOverride(
        version_id=version.id,
        finding_index=finding_index,
        code=finding["code"],
        reason=reason.strip(),
        reviewer_id=reviewer.id,
    )
    session.add(item)
    record(
        session,
        actor_id=reviewer.id,
        subject_type="curriculum",
        subject_id=version.curriculum_id,
        action="override_finding",
        reason=reason.strip(),
        details={"version": version.number, "finding": finding_index, "code": finding["code"]},
    )
    session.flush()
    return item


def overrides_of(session: Session, version: CurriculumVersion) -> dict[int, FindingOverride]:
    return {
        o.finding_index: o
        for o in session.scalars(
            select(FindingOverride)
            .where(FindingOverride.version_id == version.id)
            .order_by(FindingOverride.id)
        )
    }


def _require_past_draft(curriculum: Curriculum) -> None:
    if curriculum.state == SubmissionState.DRAFT:
        raise Conflict("This curriculum is still a draft: the provider has not submitted it.")


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
    _require_past_draft(version.curriculum)
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
            "An appeal is decided by a reviewer other than the one who denied the curriculum."
        )
    if not reason.strip():
        raise DomainError("Give the reason for the final disposition.")
    item = session.scalar(
        select(Appeal).where(Appeal.curriculum_id == curriculum.id).order_by(Appeal.id.desc())
    )
    if item is None:
        raise NotFound("There is no appeal to decide.")
    action = "deny_appeal" if uphold_denial else "approve_appeal"
    _check_move(curriculum, action)
    gate = (
        None
        if uphold_denial
        else check_approval(
            session, curriculum, curriculum.latest, policy, what="reverse the denial and approve"
        )
    )
    _move(session, curriculum, reviewer, action, reason=reason.strip(), gate=gate)
    item.disposition_on = today
    item.disposition = (
        "Denial upheld: " if uphold_denial else "Denial reversed, curriculum approved: "
    ) + reason.strip()
    item.decided_by_id = reviewer.id  # the letter's date is entered once it is sent
    item.activities = [
        *item.activities,
        {"on": today.isoformat(), "what": f"Final disposition by {reviewer.name}"},
    ]
    if not uphold_denial:
        curriculum.approved_on = today
        curriculum.expires_on = add_years(today, int(policy.value("approval.years")))
        curriculum.approved_version_number = curriculum.latest.number
        curriculum.decision_reason = ""  # reversed: the denial's reason stays in the appeal log
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
    """A reviewer records that the application fee (§601) was paid; payment itself happens elsewhere.
    An incomplete application that now has everything is complete: its clock starts."""
    _require_reviewer(reviewer)
    _require_past_draft(curriculum)
    if curriculum.fee_recorded:
        raise Conflict("The fee is already recorded.")
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
    _complete_if_ready(session, curriculum, reviewer)
    session.flush()


def waive_fee(session: Session, curriculum: Curriculum, reviewer: User, *, reason: str) -> None:
    """A reviewer waives the application fee with a reason; it then counts as recorded."""
    _require_reviewer(reviewer)
    _require_past_draft(curriculum)
    if curriculum.fee_recorded:
        raise Conflict("The fee is already recorded.")
    if not reason.strip():
        raise DomainError("Give the reason for waiving the fee.")
    curriculum.fee_waived_reason = reason.strip()
    curriculum.fee_confirmed_by_id = reviewer.id
    curriculum.fee_confirmed_at = utcnow()
    record(
        session,
        actor_id=reviewer.id,
        subject_type="curriculum",
        subject_id=curriculum.id,
        action="waive_fee",
        reason=reason.strip(),
    )
    session.flush()
    _complete_if_ready(session, curriculum, reviewer)
    session.flush()


def assign(session: Session, curriculum: Curriculum, actor: User, assignee: User | None) -> None:
    """Reviewers take an item themselves (or let it go); administrators assign anyone who reviews."""
    _require_reviewer(actor)
    if assignee is not None:
        if assignee.role not in (Role.REVIEWER, Role.ADMIN) or not assignee.active:
            raise DomainError("Assign the item to an active reviewer.")
        if actor.role != Role.ADMIN and assignee.id != actor.id:
            raise Forbidden(
                "Reviewers assign items to themselves; an administrator assigns others."
            )
    elif actor.role != Role.ADMIN and curriculum.assigned_to_id not in (None, actor.id):
        raise Forbidden("Only an administrator takes an item from another reviewer.")
    curriculum.assigned_to_id = assignee.id if assignee else None
    record(
        session,
        actor_id=actor.id,
        subject_type="curriculum",
        subject_id=curriculum.id,
        action="assign",
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
        what = "change to " if curriculum.open_change is not None else ""
        subject = (
            f"Review due in {days_left} days: {what}{curriculum.title}"
            if days_left >= 0
            else f"Review overdue: {what}{curriculum.title}"
        )
        if subject in already:
            continue
        for reviewer in reviewers:
            queue_email(
                session,
                reviewer.email,
                subject,
                f"The {review_limit_days}-day review clock ({policy.cite('review.days')}) for “{curriculum.title}” ends on {curriculum.due_on:%B %d, %Y}.",
                category="deadline",
                link=links.url("submissions.review", curriculum_id=curriculum.id),
            )
            queued += 1
    # Approvals expiring soon: app.providers.renewals reminds providers at 90 and 30 days.
    session.flush()
    return queued


def _change_notice(policy: Policy, today: date, intended_use_on: date) -> None:
    notice = int(policy.value("change.notice_days"))
    if intended_use_on < today + timedelta(days=notice):
        earliest = today + timedelta(days=notice)
        raise DomainError(
            f"Substantive changes are submitted {notice} days before their intended use ({policy.cite('change.notice_days')}); the earliest date of use is {earliest:%B %d, %Y}."
        )


def _move_change(
    session: Session,
    change: CurriculumChange,
    actor: User,
    action: str,
    *,
    reason: str = "",
    expected_version: int | None = None,
    details: dict | None = None,
    gate: GatePassed | None = None,
) -> None:
    """One move of a change's own workflow, audited under subject type ``curriculum_change``."""
    if expected_version is not None and expected_version != change.lock_version:
        raise Conflict(
            f"This change was updated since you opened it; it is now {change.state.replace('_', ' ')}. Reload and decide again."
        )
    try:
        target = target_state(action, ChangeState(change.state), CHANGE_TRANSITIONS)
    except ValueError as error:
        raise Conflict(str(error).capitalize() + ".") from None
    require_gate(target, frozenset({ChangeState.APPROVED}), gate)
    if gate is not None:
        details = {**(details or {}), **gate.details()}
    record_move(
        session,
        change,
        "curriculum_change",
        target,
        actor_id=actor.id,
        action=action,
        reason=reason,
        details={"curriculum": change.curriculum_id, **(details or {})},
    )
    _flush_or_conflict(session)
    refresh_queue_fields(session, change.curriculum)


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
        raise Conflict("Only an approved curriculum takes a substantive change.")
    if curriculum.open_change is not None:
        raise Conflict("A change to this curriculum is already under review; withdraw it first.")
    _change_notice(policy, today, intended_use_on)
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
    session.flush()
    change = CurriculumChange(
        curriculum=curriculum,
        version_id=version.id,
        intended_use_on=intended_use_on,
        note=note.strip(),
    )
    session.add(change)
    session.flush()
    record(
        session,
        actor_id=provider.id,
        subject_type="curriculum_change",
        subject_id=change.id,
        action="submit_change",
        to_state=ChangeState.SUBMITTED,
        reason=note.strip(),
        details={
            "curriculum": curriculum.id,
            "version": version.number,
            "intended_use_on": intended_use_on.isoformat(),
        },
    )
    record(
        session,
        actor_id=provider.id,
        subject_type="curriculum",
        subject_id=curriculum.id,
        action="submit_change",
        reason=note.strip(),
        details={"change": change.id, "version": version.number},
    )
    session.flush()
    refresh_queue_fields(session, curriculum)
    return change


def get_change(session: Session, curriculum: Curriculum, change_id: int) -> CurriculumChange:
    change = session.get(CurriculumChange, change_id)
    if change is None or change.curriculum_id != curriculum.id:
        raise NotFound("There is no such change.")
    return change


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
            "Say what must be revised."
            if decision == Decision.REQUEST_REVISIONS
            else "A denial needs a reason."
        )
    gate = None
    if decision == Decision.APPROVE and expected_version in (None, change.lock_version):
        gate = check_approval(
            session, curriculum, change.version, policy, what="approve this change"
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
        subject, body = (
            f"Revisions requested on the change to {curriculum.title}",
            f"The reviewer asks for revisions to the change:\n\n{reason.strip()}\n\nThe curriculum stays approved on its current version; the change's clock is paused until you resubmit it.",
        )
    else:
        change.decided_at, change.decided_by_id = utcnow(), reviewer.id
        change.decision_reason = reason.strip()
        if decision == Decision.APPROVE:
            curriculum.approved_version_number = change.version.number
            subject, body = (
                f"Change approved: {curriculum.title}",
                f"The change is approved; version {change.version.number} is the approved curriculum from {change.intended_use_on:%B %d, %Y}. The approval stays valid until {curriculum.expires_on:%B %d, %Y} ({policy.cite('approval.years')}).",
            )
        else:
            subject, body = (
                f"Change denied: {curriculum.title}",
                f"The change was denied: {reason.strip()}\n\nThe curriculum stays approved on version {curriculum.approved_version_number}, valid until {curriculum.expires_on:%B %d, %Y}.",
            )
    _flush_or_conflict(session)
    refresh_queue_fields(session, curriculum)
    _notify_organization(session, curriculum, subject, body)
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


def attach_file(session: Session, curriculum: Curriculum, provider: User, stored) -> SupportingFile:
    """Record a stored upload as a supporting file of ``curriculum``; an approved curriculum's
    materials change only through a substantive change (§803.5)."""
    _require_provider_of(curriculum, provider)
    _require_attachable(curriculum)
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


def _require_attachable(curriculum: Curriculum) -> None:
    if curriculum.state not in (
        SubmissionState.DRAFT,
        SubmissionState.INCOMPLETE,
        SubmissionState.SUBMITTED,
        SubmissionState.REVISIONS_REQUESTED,
    ):
        raise Conflict(
            f"Files are attached while the application is open; this curriculum is {curriculum.state.replace('_', ' ')}. Submit a substantive change to change approved materials (§803.5)."
        )


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
    _require_past_draft(version.curriculum)
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


def comments_of(
    session: Session, version: CurriculumVersion, *, sent_only: bool = False
) -> list[ReviewComment]:
    """The comments on ``version``; ``sent_only``: those a revision request has carried to the
    provider (a provider sees no comment before the request goes out)."""
    query = select(ReviewComment).where(ReviewComment.version_id == version.id)
    if sent_only:
        query = query.where(ReviewComment.sent_at.is_not(None))
    return list(session.scalars(query.order_by(ReviewComment.at, ReviewComment.id)))


# Reading and filing: what the pages show, each in a constant number of queries.


PAGE_SIZE = 50


@dataclass(frozen=True)
class Page:
    """One page of a list: its rows and where it sits among ``total`` rows."""

    rows: list
    page: int
    total: int
    size: int = PAGE_SIZE

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.size))

    @property
    def has_next(self) -> bool:
        return self.page < self.pages

    @property
    def has_prev(self) -> bool:
        return self.page > 1


@dataclass(frozen=True)
class Row:
    """A curriculum as a list shows it: its clock (its own, or its open change's) and the change."""

    curriculum: Curriculum
    clock: ClockStatus
    change: CurriculumChange | None
    versions: int = 0


def _page_number(page: int, total: int, size: int) -> int:
    return min(max(page, 1), max(1, -(-total // size)))


def dashboard_page(
    session: Session, organization_id: int, policy: Policy, today: date, *, page: int = 1
) -> Page:
    """The organization's curricula, newest first, a page at a time, each with its number of
    versions, clock and open change (a constant number of queries)."""
    total = session.scalar(
        select(func.count(Curriculum.id)).where(Curriculum.organization_id == organization_id)
    )
    page = _page_number(page, total, PAGE_SIZE)
    version_count = (
        select(func.count(CurriculumVersion.id))
        .where(CurriculumVersion.curriculum_id == Curriculum.id)
        .scalar_subquery()
    )
    found = session.execute(
        select(Curriculum, version_count)
        .where(Curriculum.organization_id == organization_id)
        .order_by(Curriculum.created_at.desc(), Curriculum.id.desc())
        .limit(PAGE_SIZE)
        .offset((page - 1) * PAGE_SIZE)
        .options(selectinload(Curriculum.changes))
    ).all()
    rows = _rows(session, [c for c, _ in found], policy, today)
    counts = dict(found)
    return Page(
        [Row(r.curriculum, r.clock, r.change, counts[r.curriculum]) for r in rows], page, total
    )


def _rows(session: Session, curricula: list[Curriculum], policy: Policy, today: date) -> list[Row]:
    """Each curriculum with its clock: the open change's when there is one (two queries)."""
    changes = {c.id: c.open_change for c in curricula}
    events = _state_events(session, [c for c in curricula if changes[c.id] is None])
    change_events = _state_events(
        session, [ch for ch in changes.values() if ch is not None], "curriculum_change"
    )
    limit = _review_days(policy)
    rows = []
    for c in curricula:
        change = changes[c.id]
        clock_events = change_events[change.id] if change is not None else events[c.id]
        rows.append(Row(c, review_clock(clock_events, today, limit_days=limit), change))
    return rows


def _state_events(
    session: Session, subjects: list, subject_type: str = "curriculum"
) -> dict[int, list[ClockEvent]]:
    """The state changes of each subject, oldest first, in one query."""
    events: dict[int, list[ClockEvent]] = {s.id: [] for s in subjects}
    if events:
        for event in session.scalars(
            select(AuditEvent)
            .where(AuditEvent.subject_type == subject_type, AuditEvent.subject_id.in_(events))
            .order_by(AuditEvent.at, AuditEvent.id)
        ):
            if event.to_state:
                events[event.subject_id].append(ClockEvent(event.at.date(), event.to_state))
    return events


def timeline_events(session: Session, curriculum: Curriculum) -> list[AuditEvent]:
    """The curriculum's events and its changes' (their own review records), oldest first."""
    changes = [c.id for c in curriculum.changes]
    query = select(AuditEvent).where(
        (AuditEvent.subject_type == "curriculum") & (AuditEvent.subject_id == curriculum.id)
    )
    if changes:
        query = select(AuditEvent).where(
            ((AuditEvent.subject_type == "curriculum") & (AuditEvent.subject_id == curriculum.id))
            | (
                (AuditEvent.subject_type == "curriculum_change")
                & AuditEvent.subject_id.in_(changes)
            )
        )
    return list(session.scalars(query.order_by(AuditEvent.at, AuditEvent.id)))


def clock_of(
    session: Session, curriculum: Curriculum, policy: Policy, today: date, events=None
) -> ClockStatus:
    """The 90-day review clock of one curriculum (§803.3); ``events``: its audit events if read."""
    events = events if events is not None else events_for(session, "curriculum", curriculum.id)
    clock_events = [ClockEvent(e.at.date(), e.to_state) for e in events if e.to_state]
    return review_clock(clock_events, today, limit_days=int(policy.value("review.days")))


QUEUE_SORTS = {
    # Open items first, then the nearest running deadline, then the rest (stable by id).
    "deadline": lambda: (
        Curriculum.queue_key,
        Curriculum.id,
    ),
    "submitted": lambda: (Curriculum.submitted_at.desc().nulls_last(), Curriculum.id),
    "title": lambda: (func.lower(Curriculum.title), Curriculum.id),
    "organization": lambda: (
        func.lower(Organization.name),
        func.lower(Curriculum.title),
        Curriculum.id,
    ),
}
QUEUE_VIEWS = ("open", "mine", "unassigned", "overdue", "all")


def _queue_view(query, view: str, reviewer: User, today: date):
    """The rows of one view; every view is a range of the indexed queue key."""
    if view == "open":
        return query.where(Curriculum.queue_key < CLOSED_KEY)
    if view == "mine":
        return query.where(
            Curriculum.assigned_to_id == reviewer.id, Curriculum.queue_key < CLOSED_KEY
        )
    if view == "unassigned":
        return query.where(Curriculum.assigned_to_id.is_(None), Curriculum.queue_key < CLOSED_KEY)
    if view == "overdue":
        return query.where(Curriculum.queue_key < today.toordinal())
    return query.where(Curriculum.queue_key < DRAFT_KEY)


def queue_counts(session: Session, reviewer: User, today: date) -> dict[str, int]:
    """How many items each view of the queue holds (one statement; each count an index range)."""
    counts = [
        _queue_view(select(func.count(Curriculum.id)), view, reviewer, today).scalar_subquery()
        for view in QUEUE_VIEWS
    ]
    row = session.execute(select(*counts)).one()
    return dict(zip(QUEUE_VIEWS, (int(n) for n in row), strict=True))


def review_queue(
    session: Session,
    policy: Policy,
    today: date,
    *,
    reviewer: User,
    view: str = "open",
    state: str = "",
    program: str = "",
    sort: str = "deadline",
    page: int = 1,
    counts: dict[str, int] | None = None,
    size: int = PAGE_SIZE,
) -> Page:
    """A page of the curricula past draft, with their clocks and open changes: filtered by view
    (open, mine, unassigned, overdue, all), state and program; sorted in SQL (a constant number of
    queries whatever the number of curricula). ``size`` rows a page (an export takes one page)."""
    query = _queue_view(
        select(Curriculum), view if view in QUEUE_VIEWS else "open", reviewer, today
    )
    if state in {s.value for s in SubmissionState}:
        query = query.where(Curriculum.state == state)
    if program:
        query = query.where(Curriculum.program == program)
    if counts is not None and not state and not program:
        total = counts[view if view in QUEUE_VIEWS else "open"]  # counted already
    else:
        total = session.scalar(select(func.count()).select_from(query.subquery()))
    page = _page_number(page, total, size)
    if sort == "organization":
        query = query.join(Organization, Organization.id == Curriculum.organization_id)
    order = QUEUE_SORTS.get(sort, QUEUE_SORTS["deadline"])()
    curricula = list(
        session.scalars(
            query.order_by(*order)
            .limit(size)
            .offset((page - 1) * size)
            .options(
                joinedload(Curriculum.organization),
                joinedload(Curriculum.assigned_to),
                selectinload(Curriculum.changes),
            )
        )
    )
    return Page(_rows(session, curricula, policy, today), page, total, size)


def reviewers(session: Session) -> list[User]:
    """The active reviewers and administrators, by name (the assignment choices)."""
    return list(
        session.scalars(
            select(User)
            .where(User.role.in_([Role.REVIEWER, Role.ADMIN]), User.active.is_(True))
            .order_by(User.name)
        )
    )


def latest_appeal(session: Session, curriculum: Curriculum) -> Appeal | None:
    """The newest appeal of ``curriculum``: its statement, and the denial it appeals."""
    return session.scalar(
        select(Appeal).where(Appeal.curriculum_id == curriculum.id).order_by(Appeal.id.desc())
    )


DECISION_ACTIONS = ("approve", "deny", "approve_change", "deny_change")


@dataclass(frozen=True)
class DashboardFigures:
    open_by_days_left: list[tuple[str, int]]
    paused: int
    incomplete: int
    decisions_per_month: list[tuple[str, int]]
    median_days_to_decision: float | None


def reviewer_dashboard(session: Session, today: date, *, months: int = 12) -> DashboardFigures:
    """Open items by days left (from the stored deadlines), decisions per month and the median
    days from complete application to decision over ``months`` months (three queries)."""
    due = session.scalars(select(Curriculum.due_on).where(Curriculum.due_on.is_not(None))).all()
    waiting = dict(
        session.execute(
            select(Curriculum.state, func.count(Curriculum.id))
            .where(
                Curriculum.is_open.is_(True),
                Curriculum.due_on.is_(None),
                Curriculum.state.in_(
                    [SubmissionState.REVISIONS_REQUESTED, SubmissionState.INCOMPLETE]
                ),
            )
            .group_by(Curriculum.state)
        ).all()
    )
    labels = stats.months_back(today, months)
    since = date.fromisoformat(labels[0] + "-01")
    events = session.execute(
        select(
            AuditEvent.subject_type,
            AuditEvent.subject_id,
            AuditEvent.action,
            AuditEvent.to_state,
            AuditEvent.at,
        )
        .where(
            AuditEvent.subject_type.in_(["curriculum", "curriculum_change"]),
            AuditEvent.to_state.is_not(None),
            # a decision in the window follows its application within a year
            AuditEvent.at >= datetime.combine(since - timedelta(days=366), time.min, UTC),
        )
        .order_by(AuditEvent.at, AuditEvent.id)
    ).all()
    started: dict[tuple[str, int], date] = {}
    decided: list[date] = []
    spans: list[tuple[date, date]] = []
    for subject_type, subject_id, action, to_state, at in events:
        key = (subject_type, subject_id)
        if to_state == SubmissionState.SUBMITTED and key not in started:
            started[key] = at.date()
        elif action in DECISION_ACTIONS and at.date() >= since:
            decided.append(at.date())
            if key in started:
                spans.append((started[key], at.date()))
    return DashboardFigures(
        stats.days_left_buckets([(d - today).days for d in due]),
        int(waiting.get(SubmissionState.REVISIONS_REQUESTED, 0)),
        int(waiting.get(SubmissionState.INCOMPLETE, 0)),
        stats.per_month(decided, labels),
        stats.median_days(spans),
    )


def appeals_log(session: Session) -> list[Appeal]:
    """Every appeal, newest first, with its curriculum or complaint and people (§807.1.D)."""
    return list(
        session.scalars(
            select(Appeal)
            .options(
                selectinload(Appeal.curriculum),
                selectinload(Appeal.complaint),
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
    texts: tuple[ModuleTextDiff, ...] = ()  # each module whose text changed, word by word


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
    before, after = by_number[old], by_number[new]
    changes = diff_reports(before.report, after.report)
    texts = diff_module_texts(
        before.syllabus_text,
        before.report.get("modules", []),
        after.syllabus_text,
        after.report.get("modules", []),
    )
    return VersionComparison(old, new, numbers, changes, unknown, tuple(texts))


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
    _require_attachable(curriculum)
    stored = store_upload(
        upload[0], upload[1], kinds="evidence", upload_dir=upload_dir, max_bytes=max_bytes
    )
    try:
        return attach_file(session, curriculum, provider, stored)
    except BaseException:
        delete_stored(upload_dir, stored.stored_name)
        raise
