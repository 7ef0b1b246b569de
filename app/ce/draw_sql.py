"""The records-review draw in the database: who may be drawn is a SQL condition, and the
database counts them, orders them by the draw's keyed hash and hands back only those drawn.

Who may be drawn (§207.11–12, §802.4): the peers whose registry record is active and whose
expiration falls in the window. An expiration depends only on the issue date and the status
(app.ce.profiles.expiration), so the issue dates that expire in the window are worked out here,
day by day, between the first and the last issue date on file (a few thousand days whatever the
number of peers), and the database reads the peers issued on those days through the issue-date
index. The peers who attested more CE than their record counted (few; drawn first) come from
app.ce.audits as ids.

The order is app.ce.rules.draw_rank written in SQL, so the draw is reproducible from the seed
and the population stored with it (app.ce.rules.draw_sample redoes it in Python)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from sqlalchemy import BigInteger, and_, cast, false, func, literal, or_, select, update
from sqlalchemy.dialects.postgresql import aggregate_order_by
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from app.ce.models import CEAudit, PeerProfile
from app.ce.profiles import _expiration
from app.ce.rules import DRAW_MULTIPLIERS, DRAW_PRIME, CertificationStatus
from app.dates import add_years
from app.policy import Policy
from app.registry import interface as registry


def expiring_issue_dates(
    policy: Policy,
    today: date,
    window_start: date,
    window_end: date,
    first: date,
    last: date,
) -> tuple[list[tuple[date, date]], list[tuple[date, date]]]:
    """The issue dates (between ``first`` and ``last``) whose expiration falls in the window,
    as ranges of days: for active certifications, then for the others."""
    years = int(policy.value("cert.period_years"))
    days: set[date] = set()
    periods = 1
    while (high := add_years(window_end, -years * periods) + timedelta(days=1)) >= first:
        low = max(first, add_years(window_start, -years * periods) - timedelta(days=1))
        day = min(high, last)
        while day >= low:
            days.add(day)
            day -= timedelta(days=1)
        periods += 1
    active, other = [], []
    for day in sorted(days):
        for status, found in ((CertificationStatus.ACTIVE, active), ("", other)):
            if window_start <= _expiration(day, status, policy, today) <= window_end:
                found.append(day)
    return _ranges(active), _ranges(other)


def _ranges(days: list[date]) -> list[tuple[date, date]]:
    """Sorted days as ranges of consecutive days."""
    ranges: list[tuple[date, date]] = []
    for day in days:
        if ranges and ranges[-1][1] + timedelta(days=1) == day:
            ranges[-1] = (ranges[-1][0], day)
        else:
            ranges.append((day, day))
    return ranges


def renewing_condition(
    session: Session, policy: Policy, today: date, window_start: date, window_end: date
) -> ColumnElement[bool]:
    """A condition on PeerProfile: an active registry record and an expiration in the window."""
    first, last = session.execute(
        select(func.min(PeerProfile.issued_on), func.max(PeerProfile.issued_on))
    ).one()
    if first is None:
        return false()
    active, other = expiring_issue_dates(policy, today, window_start, window_end, first, last)

    def issued_in(ranges):
        if not ranges:
            return false()
        return or_(*(PeerProfile.issued_on.between(low, high) for low, high in ranges))

    return and_(
        registry.record_is_active(PeerProfile.record_id),
        or_(
            and_(PeerProfile.status == CertificationStatus.ACTIVE, issued_in(active)),
            and_(PeerProfile.status != CertificationStatus.ACTIVE, issued_in(other)),
        ),
    )


def rank_expression(seed: int):
    """app.ce.rules.draw_rank of PeerProfile.id, as SQL (64-bit integers, no overflow)."""
    key = literal(seed % DRAW_PRIME, BigInteger)
    prime = literal(DRAW_PRIME, BigInteger)
    profile_id = cast(PeerProfile.id, BigInteger)
    h = (profile_id % prime * literal(DRAW_MULTIPLIERS[0], BigInteger) + key) % prime
    h = (h * h + key) % prime
    return (h * literal(DRAW_MULTIPLIERS[1], BigInteger) + profile_id) % prime


def sample_renewing(
    session: Session, renewing: ColumnElement[bool], besides: Iterable[int], seed: int, size: int
) -> list[int]:
    """The first ``size`` peers meeting ``renewing`` in the draw's order, ``besides`` left out."""
    if size <= 0:
        return []
    return list(
        session.scalars(
            select(PeerProfile.id)
            .where(renewing, PeerProfile.id.not_in(list(besides)))
            .order_by(rank_expression(seed), PeerProfile.id)
            .limit(size)
        )
    )


def store_population(
    session: Session, audit: CEAudit, renewing: ColumnElement[bool], besides: Iterable[int]
) -> int:
    """Write the draw's population (sorted ids: those meeting ``renewing`` and ``besides``) on
    ``audit`` inside the database, without reading it here: a JSON array the database builds.
    Returns its length."""
    ids = (
        select(PeerProfile.id.label("id"))
        .where(or_(renewing, PeerProfile.id.in_(list(besides))))
        .subquery()
    )
    if session.get_bind().dialect.name == "postgresql":
        empty = literal("[]").cast(CEAudit.population.type)
        array = select(
            func.coalesce(func.json_agg(aggregate_order_by(ids.c.id, ids.c.id)), empty)
        ).scalar_subquery()
    else:  # SQLite aggregates in the order the subquery gives
        ordered = select(ids.c.id).order_by(ids.c.id).subquery()
        array = select(func.json_group_array(ordered.c.id)).scalar_subquery()
    session.execute(
        update(CEAudit).where(CEAudit.id == audit.id).values(population=array),
        execution_options={"synchronize_session": False},
    )
    session.expire(audit, ["population"])
    return session.scalar(
        select(func.json_array_length(CEAudit.population)).where(CEAudit.id == audit.id)
    )
