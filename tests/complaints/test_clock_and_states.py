"""The 90(+30)-day clock of complaints and appeals (§805.6–7) and the complaint states."""

from __future__ import annotations

from datetime import date

import pytest

from app.complaints.clock import ClockRules, check_extension, investigation_clock
from app.complaints.states import ComplaintState, target_state

RULES = ClockRules()
RECEIVED = date(2026, 1, 1)


def test_the_clock_runs_ninety_calendar_days_from_receipt():
    clock = investigation_clock(RECEIVED, date(2026, 1, 11), RULES)
    assert clock.due_on == date(2026, 4, 1)
    assert clock.days_left == 80
    assert clock.notice_by == date(2026, 3, 27)  # five days before the 90 run out
    assert clock.can_extend and not clock.overdue
    assert clock.received_on == RECEIVED and not clock.extended


def test_on_day_ninety_the_matter_is_due_not_overdue():
    clock = investigation_clock(RECEIVED, date(2026, 4, 1), RULES)
    assert clock.days_left == 0 and not clock.overdue
    closed_that_day = investigation_clock(
        RECEIVED, date(2026, 5, 1), RULES, closed_on=date(2026, 4, 1)
    )
    assert not closed_that_day.overdue


@pytest.mark.parametrize("days", [1, 30])
def test_an_extension_of_one_to_thirty_days_is_allowed(days):
    clock = investigation_clock(RECEIVED, date(2026, 1, 2), RULES)
    check_extension(clock, days, RULES, date(2026, 1, 2))


def test_an_extension_adds_its_days_and_only_one_is_allowed():
    clock = investigation_clock(RECEIVED, date(2026, 3, 20), RULES, extended_days=30)
    assert clock.due_on == date(2026, 5, 1)
    assert clock.first_due_on == date(2026, 4, 1)
    assert not clock.can_extend
    with pytest.raises(ValueError, match=r"^the investigation was already extended once$"):
        check_extension(clock, 10, RULES, date(2026, 3, 20))


def test_the_notice_must_go_out_five_days_before_day_ninety():
    on_time = investigation_clock(RECEIVED, date(2026, 3, 27), RULES)
    assert on_time.can_extend  # the notice date itself is still in time
    check_extension(on_time, 30, RULES, date(2026, 3, 27))
    late = investigation_clock(RECEIVED, date(2026, 3, 28), RULES)
    assert not late.can_extend
    with pytest.raises(ValueError, match="at least 5 days before"):
        check_extension(late, 30, RULES, date(2026, 3, 28))


@pytest.mark.parametrize("days", [0, 31])
def test_an_extension_is_between_one_and_thirty_days(days):
    clock = investigation_clock(RECEIVED, date(2026, 1, 2), RULES)
    with pytest.raises(ValueError, match="between 1 and 30"):
        check_extension(clock, days, RULES, date(2026, 1, 2))


def test_a_closed_matter_stops_the_clock_and_says_if_it_was_late():
    clock = investigation_clock(RECEIVED, date(2026, 6, 1), RULES, closed_on=date(2026, 4, 3))
    assert clock.closed and clock.days_left is None and clock.overdue
    with pytest.raises(ValueError, match=r"^the matter is closed$"):
        check_extension(clock, 5, RULES, date(2026, 6, 1))


def test_overdue_when_today_is_past_the_due_date():
    assert investigation_clock(RECEIVED, date(2026, 4, 2), RULES).overdue


def test_transitions():
    assert target_state("investigate", ComplaintState.RECEIVED) == ComplaintState.INVESTIGATING
    assert target_state("decide", ComplaintState.INVESTIGATING) == ComplaintState.DECIDED
    with pytest.raises(ValueError, match="only from: investigating"):
        target_state("decide", ComplaintState.RECEIVED)
    with pytest.raises(ValueError, match="unknown action"):
        target_state("reopen", ComplaintState.DECIDED)
