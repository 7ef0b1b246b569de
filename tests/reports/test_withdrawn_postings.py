"""A posted completion counts in the DHCS report until its report falls: a dispute upheld or the
provider's withdrawal takes exactly that one completion out, with the same number of queries."""

from __future__ import annotations

import pytest

from app.auth.models import Role
from app.ce import rosters
from app.ce.disputes import DisputeState, change_state
from app.reports.services import tally
from tests.ce.factories import course_owner, make_ce_course, make_profile, post_roster
from tests.factories import make_user
from tests.queries import counting

YEAR = 2025  # the fiscal year of 2026-01-20, the day the roster says each peer completed


@pytest.fixture
def course(app, db):
    return make_ce_course()


def _dispute(db, reported):
    profile = reported.entry.profile
    rosters.dispute(db.session, profile, reported.entry_id, "I was not there that day.")
    db.session.commit()


def _counts(db) -> tuple[int, int]:
    counted = tally(db.session, YEAR)
    return counted.completed, counted.specializations["ce"]


@pytest.mark.parametrize(
    ("to", "who"),
    [(DisputeState.UPHELD, "staff"), (DisputeState.WITHDRAWN, "provider")],
)
def test_one_posting_withdrawn_takes_one_completion_out(app, db, course, to, who):
    peers = [make_profile(legal_name=f"Peer {n}") for n in range(3)]
    first, second, _ = post_roster(app, db, course, *peers)
    assert _counts(db) == (3, 3)

    _dispute(db, first)
    assert _counts(db) == (3, 3)  # an open dispute still counts
    actor = make_user(Role.REVIEWER) if who == "staff" else course_owner(db, course)
    change_state(db.session, actor, first, to, "The roster named the wrong person.")
    db.session.commit()
    assert _counts(db) == (2, 2)

    _dispute(db, second)
    change_state(db.session, make_user(Role.REVIEWER), second, DisputeState.REJECTED, "It stands.")
    db.session.commit()
    assert _counts(db) == (2, 2)  # a rejected dispute leaves the completion counted


def test_a_withdrawn_posting_does_not_touch_another_roster_of_the_same_peer(app, db, course):
    peer = make_profile(legal_name="Robin Park")
    (first,) = post_roster(app, db, course, peer)
    other = make_ce_course("Ethics CE")
    post_roster(app, db, other, peer)
    _dispute(db, first)
    change_state(db.session, course_owner(db, course), first, DisputeState.WITHDRAWN, "Wrong day.")
    db.session.commit()
    # The peer still completed the other course: counted once, as people are.
    assert tally(db.session, YEAR).completed == 1


def test_withdrawn_postings_cost_no_more_queries(app, db, course):
    peers = [make_profile(legal_name=f"Peer {n}") for n in range(4)]
    posted = post_roster(app, db, course, *peers)
    with counting(db.engine) as before:
        tally(db.session, YEAR)
    for reported in posted[:3]:
        _dispute(db, reported)
        change_state(db.session, make_user(Role.REVIEWER), reported, DisputeState.UPHELD, "No.")
    db.session.commit()
    with counting(db.engine) as after:
        assert tally(db.session, YEAR).completed == 1
    assert len(after) == len(before)
