"""What the transitions of a curriculum share: who may see it, the one gated move of its
state, the queue fields kept in step with its clock, and the checks of who acts."""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from typing import Any

from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from app.audit.services import events_for, record_by, record_move
from app.auth.models import Role, User
from app.dbtypes import utcnow
from app.errors import Conflict, Forbidden, NotFound
from app.i18n.data import N_
from app.messages import Message, sentence, term
from app.notifications import links
from app.notifications.services import queue_email_to_each
from app.policy import DEFAULT_POLICY, Policy
from app.submissions.clock import ClockEvent, review_clock
from app.submissions.completeness import missing_for_review
from app.submissions.gate import GatePassed, require_gate
from app.submissions.models import Curriculum, CurriculumChange, CurriculumVersion
from app.submissions.states import (
    APPROVED_STATES,
    OPEN_STATES,
    SubmissionState,
    queue_key_of,
    target_state,
)

MISSING_TEXT = {
    "fee": "the application fee is not recorded yet",
    "syllabus": "the syllabus does not read: the checker found no module in it",
}


def get_curriculum_for(session: Session, user: User, curriculum_id: int) -> Curriculum:
    """The curriculum if ``user`` may see it: its own organization's for providers; for reviewers
    any that was ever submitted (a draft is the provider's own work until they send it)."""
    curriculum = session.get(Curriculum, curriculum_id)
    if curriculum is None:
        raise NotFound(Message("There is no such curriculum."))
    if user.role in (Role.REVIEWER, Role.ADMIN):
        if curriculum.state == SubmissionState.DRAFT:
            raise NotFound(Message("There is no such curriculum."))
        return curriculum
    if user.role == Role.PROVIDER and user.organization_id == curriculum.organization_id:
        return curriculum
    raise NotFound(Message("There is no such curriculum."))  # not 403: do not reveal that it exists


# What a reviewer reads when the record moved on after the form was opened, by the record's kind;
# %(state)s is the state the record is in now.
STALE_FORM = {
    Curriculum: N_(
        "This curriculum changed since you opened it; it is now %(state)s. Reload and decide again."
    ),
    CurriculumChange: N_(
        "This change was updated since you opened it; it is now %(state)s. Reload and decide again."
    ),
}


def _fresh_target(
    record: Curriculum | CurriculumChange,
    action: str,
    current: StrEnum,
    expected_version: int | None,
    transitions=None,
) -> StrEnum:
    """The state ``action`` leads ``record`` to from ``current`` (by ``transitions``, else the
    curriculum's). Conflict when the form was opened on another ``lock_version`` of ``record``
    (``STALE_FORM``) or when the move is not allowed from ``current``."""
    if expected_version is not None and expected_version != record.lock_version:
        raise Conflict(
            Message(STALE_FORM[type(record)], state=term(record.state.replace("_", " ")))
        )
    try:
        return target_state(action, current, transitions)
    except ValueError as error:
        raise Conflict(sentence([error.args[0]])) from None


def _check_move(
    curriculum: Curriculum, action: str, expected_version: int | None = None
) -> SubmissionState:
    """The state ``action`` leads to; Conflict when the form is stale or the move not allowed."""
    return _fresh_target(curriculum, action, SubmissionState(curriculum.state), expected_version)


def part_of(session: Session, model, item_id: int, curriculum: Curriculum, missing: str):
    """Row ``item_id`` of ``model`` if it belongs to ``curriculum`` (which the caller has already
    authorized); otherwise NotFound, saying ``missing``."""
    item = session.get(model, item_id)
    if item is None or item.curriculum_id != curriculum.id:
        raise NotFound(missing)
    return item


def _move(
    session: Session,
    curriculum: Curriculum,
    actor: User,
    action: str,
    *,
    expected_version: int | None = None,
    **move: Any,
) -> None:
    """One move of the curriculum's workflow (``move``: the reason, details and approval gate)."""
    target = _check_move(curriculum, action, expected_version)
    _make_move(session, curriculum, "curriculum", target, APPROVED_STATES, actor, action, **move)


def _make_move(
    session: Session,
    item,
    subject_type: str,
    target,
    approved_states,
    actor: User,
    action: str,
    *,
    reason: str = "",
    details: dict | None = None,
    gate: GatePassed | None = None,
) -> None:
    """Move ``item`` (a curriculum or its change) to ``target``, already checked against its
    workflow: an approval needs the gate passed, whose findings join the audit's details; then
    the move is recorded and the queue's fields follow."""
    require_gate(target, approved_states, gate)
    if gate is not None:
        details = {**(details or {}), **gate.details()}
    record_move(
        session,
        item,
        subject_type,
        target,
        actor_id=actor.id,
        action=action,
        reason=reason,
        details=details,
    )
    _flush_or_conflict(session)
    curriculum = item if subject_type == "curriculum" else item.curriculum
    refresh_queue_fields(session, curriculum)


def audit(session: Session, actor: User, curriculum_id: int, action: str, **fields: Any) -> None:
    """One entry of the curriculum's audit log, by ``actor`` (``fields``: reason, states, details)."""
    record_by(session, actor, "curriculum", curriculum_id, action, **fields)


def _flush_or_conflict(session: Session) -> None:
    try:
        session.flush()
    except StaleDataError:
        raise Conflict(
            Message(
                "Another reviewer changed this curriculum at the same time; reload to see the current state."
            )
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


def _notify_organization(
    session: Session, curriculum: Curriculum, write: Callable[[], tuple[str, str]]
) -> None:
    """Email every member the subject and body ``write`` writes, in each member's language."""
    queue_email_to_each(
        session,
        [member.email for member in curriculum.organization.members],
        write,
        category="decision",
        link=links.url("submissions.detail", curriculum_id=curriculum.id),
    )


def _add_version(curriculum: Curriculum, provider: User, **fields: Any) -> CurriculumVersion:
    """The next version of ``curriculum``, by ``provider``."""
    version = CurriculumVersion(
        number=len(curriculum.versions) + 1, created_by_id=provider.id, **fields
    )
    curriculum.versions.append(version)
    return version


def _require_provider_of(curriculum: Curriculum, user: User) -> None:
    if user.role != Role.PROVIDER or user.organization_id != curriculum.organization_id:
        raise Forbidden(
            Message("Only the training provider that owns this curriculum can do that.")
        )


def missing_of(curriculum: Curriculum) -> list[str]:
    """What the application still lacks to be complete (§301.2): "fee", "syllabus"."""
    return missing_for_review(fee_recorded=curriculum.fee_recorded, report=curriculum.latest.report)


def _require_past_draft(curriculum: Curriculum) -> None:
    if curriculum.state == SubmissionState.DRAFT:
        raise Conflict(
            Message("This curriculum is still a draft: the provider has not submitted it.")
        )


def _require_reviewer(user: User) -> None:
    if user.role not in (Role.REVIEWER, Role.ADMIN):
        raise Forbidden(Message("Only reviewers decide on curricula."))
