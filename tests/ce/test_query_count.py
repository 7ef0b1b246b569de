"""The records-review draw reads only the peers who can renew in its window, in as many queries
for many peers as for few, and finds exactly the peers whose expiration falls in the window."""

from __future__ import annotations

from datetime import date, timedelta

from app.auth.models import Role
from app.ce import services
from app.ce.models import PeerProfile
from app.dates import add_years
from app.policy import DEFAULT_POLICY
from tests.ce.factories import draw, make_profile
from tests.factories import make_user
from tests.queries import counting

TODAY = date(2027, 3, 10)


def _draw(db, reviewer, start: date, end: date):
    return draw(reviewer, start, end, today=TODAY, amount=2, seed=5)


def test_the_draw_finds_every_peer_renewing_in_the_window(db):
    reviewer = make_user(Role.REVIEWER)
    issued = [
        date(2024, 2, 29),  # renews on 28 February in common years, 29 in leap years
        date(2025, 3, 1),
        date(2025, 4, 15),
        date(2021, 4, 1),  # a third period
        date(2019, 3, 31),
        date(2027, 3, 20),  # issued after today: renews two years on
        date(2023, 3, 12),
        date(2025, 9, 1),
    ]
    for day in issued:
        make_profile(issued_on=day)
    make_profile(issued_on=date(2025, 3, 20), status="suspended")
    profiles = db.session.scalars(db.select(PeerProfile)).all()
    for start, end in [
        (date(2027, 2, 20), date(2027, 5, 1)),
        (date(2028, 2, 28), date(2028, 3, 1)),
        (date(2026, 1, 1), date(2031, 1, 1)),
        (date(2029, 3, 20), date(2029, 3, 20)),
    ]:
        expected = sorted(
            p.id
            for p in profiles
            if p.status == "active"
            and start <= services.expiration(p, DEFAULT_POLICY, TODAY) <= end
        )
        assert expected, (start, end)
        assert _draw(db, reviewer, start, end).population == expected, (start, end)


def test_the_draw_makes_as_many_queries_for_many_peers(db):
    reviewer = make_user(Role.REVIEWER)
    window = (date(2027, 4, 1), date(2027, 7, 1))
    for i in range(4):
        make_profile(issued_on=add_years(window[0], -2) + timedelta(days=i))
    with counting(db.engine) as few:
        assert len(_draw(db, reviewer, *window).population) == 4
    for i in range(40):
        make_profile(issued_on=add_years(window[0], -2) + timedelta(days=i % 60))
        make_profile(issued_on=add_years(window[0], -3) + timedelta(days=i))  # not renewing
    with counting(db.engine) as many:
        assert len(_draw(db, reviewer, *window).population) == 44
    assert len(many) == len(few), (few, many)
