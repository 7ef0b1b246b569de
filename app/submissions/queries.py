"""What the pages read: lists, the review queue, a curriculum's clock and history, the
reviewers' dashboard; each in a constant number of queries."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session, joinedload, selectinload

from app.audit.models import AuditEvent
from app.auth.models import Organization, Role, User
from app.policy import Policy
from app.submissions import stats
from app.submissions.clock import ClockEvent, ClockStatus, review_clock
from app.submissions.common import _review_days
from app.submissions.diff import VersionDiff, diff_reports
from app.submissions.models import Appeal, Curriculum, CurriculumChange, CurriculumVersion
from app.submissions.states import APPROVED_STATES, CLOSED_KEY, DRAFT_KEY, SubmissionState
from app.submissions.textdiff import ModuleTextDiff, diff_module_texts


def submitted_ids(session: Session) -> list[int]:
    """The ids of every curriculum past draft."""
    return list(
        session.scalars(select(Curriculum.id).where(Curriculum.state != SubmissionState.DRAFT))
    )


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
    """The state changes of each subject, oldest first, in one query (three columns of the
    records that change a state, not whole records with their details)."""
    events: dict[int, list[ClockEvent]] = {s.id: [] for s in subjects}
    if events:
        for subject_id, at, to_state in session.execute(
            select(AuditEvent.subject_id, AuditEvent.at, AuditEvent.to_state)
            .where(
                AuditEvent.subject_type == subject_type,
                AuditEvent.subject_id.in_(events),
                AuditEvent.to_state.is_not(None),
            )
            .order_by(AuditEvent.at, AuditEvent.id)
        ):
            if to_state:
                events[subject_id].append(ClockEvent(at.date(), to_state))
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
    if events is None:
        clock_events = _state_events(session, [curriculum])[curriculum.id]
    else:
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
