"""The records-review draw is counted and sampled by the database: the rows it reads do not
grow with the peers who may be drawn, and the database orders them as the Python rule does."""

from __future__ import annotations

from contextlib import contextmanager
from datetime import date, timedelta

from sqlalchemy import event, select

from app.auth.models import Role
from app.ce import draw_sql
from app.ce.models import PeerProfile
from app.ce.profiles import _expiration
from app.ce.rules import draw_rank, draw_sample
from app.dates import add_years
from app.policy import DEFAULT_POLICY
from tests.ce.factories import draw, make_profile
from tests.factories import make_user

TODAY = date(2027, 3, 10)
WINDOW = (date(2027, 4, 1), date(2027, 7, 1))


@contextmanager
def rows_fetched(session):
    """How many rows the ORM statements inside the block hand back, all told."""
    rows: list[int] = []

    def count(state):
        if not state.is_select:
            return None  # runs as usual
        frozen = state.invoke_statement().freeze()
        rows.append(len(frozen().all()))
        return frozen()

    event.listen(session, "do_orm_execute", count)
    try:
        yield rows
    finally:
        event.remove(session, "do_orm_execute", count)


def _renewing(count: int) -> None:
    for i in range(count):
        make_profile(issued_on=add_years(WINDOW[0], -2) + timedelta(days=i % 60))


def test_the_draw_reads_the_peers_drawn_not_the_population(db):
    reviewer = make_user(Role.REVIEWER)
    _renewing(5)
    with rows_fetched(db.session) as few:
        small = draw(reviewer, *WINDOW, today=TODAY, amount=3, seed=11)
    _renewing(45)
    make_profile(issued_on=add_years(WINDOW[0], -3))  # not renewing in the window
    with rows_fetched(db.session) as many:
        large = draw(reviewer, *WINDOW, today=TODAY, amount=3, seed=11)
    assert len(small.population) == 5 and len(large.population) == 50
    assert len(small.selected) == len(large.selected) == 3
    assert sum(many) == sum(few), (few, many)
    assert max(many) < 10  # no statement hands back the 50 peers
    assert large.selected == draw_sample(large.population, 11, count=3)


def test_the_database_orders_peers_as_draw_rank_does(db):
    _renewing(30)
    for seed in (0, 7, 2**31 - 1, 2**31 + 5, 10**12):
        ordered = db.session.scalars(
            select(PeerProfile.id).order_by(draw_sql.rank_expression(seed), PeerProfile.id)
        ).all()
        assert ordered == sorted(ordered, key=lambda p: (draw_rank(seed, p), p)), seed


def test_draw_rank_depends_on_the_seed_and_stays_below_its_prime():
    ids = range(1, 201)
    firsts = {tuple(sorted(ids, key=lambda p: draw_rank(seed, p))[:5]) for seed in range(20)}
    assert len(firsts) == 20  # twenty seeds, twenty different draws
    assert all(0 <= draw_rank(seed, p) < 2**31 - 1 for seed in (0, 3, 10**15) for p in ids)


def test_the_issue_dates_that_expire_in_the_window_are_exact():
    first, last = date(2015, 1, 1), date(2027, 12, 31)
    active, other = draw_sql.expiring_issue_dates(DEFAULT_POLICY, TODAY, *WINDOW, first, last)
    day = first
    while day <= last:
        for status, ranges in (("active", active), ("suspended", other)):
            expected = WINDOW[0] <= _expiration(day, status, DEFAULT_POLICY, TODAY) <= WINDOW[1]
            assert any(low <= day <= high for low, high in ranges) == expected, (day, status)
        day += timedelta(days=1)
