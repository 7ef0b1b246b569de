"""The 90-day clock: runs, pauses during revision requests, resumes, stops at a decision."""

from __future__ import annotations

from datetime import date, timedelta

from app.submissions.clock import ClockEvent, ClockStatus, review_clock

D0 = date(2026, 1, 1)


def day(n: int) -> date:
    return D0 + timedelta(days=n)


def test_not_started_before_submission():
    status = review_clock([ClockEvent(day(0), "draft")], day(5), limit_days=90)
    assert status.started_on is None and status.days_left is None and not status.running


def test_runs_from_submission():
    status = review_clock([ClockEvent(day(0), "submitted")], day(30), limit_days=90)
    assert (status.days_used, status.days_left, status.due_on) == (30, 60, day(90))
    assert status.running and not status.overdue


def test_day_90_is_due_and_day_91_is_overdue():
    events = [ClockEvent(day(0), "submitted")]
    assert review_clock(events, day(90), limit_days=90).days_left == 0
    assert not review_clock(events, day(90), limit_days=90).overdue
    assert review_clock(events, day(91), limit_days=90).overdue


def test_pauses_while_revisions_are_requested_and_resumes():
    events = [ClockEvent(day(0), "submitted"), ClockEvent(day(20), "revisions_requested")]
    paused = review_clock(events, day(50), limit_days=90)
    assert paused.paused and not paused.running and paused.days_used == 20
    events.append(ClockEvent(day(60), "submitted"))
    resumed = review_clock(events, day(70), limit_days=90)
    assert resumed.days_used == 30 and resumed.days_left == 60
    assert resumed.pauses == ((day(20), day(60)),)
    assert resumed.started_on == day(0)


def test_decision_stops_the_clock():
    events = [ClockEvent(day(0), "submitted"), ClockEvent(day(45), "approved")]
    status = review_clock(events, day(200), limit_days=90)
    assert status.days_used == 45 and not status.running and not status.overdue


def test_a_clock_not_started_says_nothing_is_used_running_or_due():
    status = review_clock([ClockEvent(day(0), "draft")], day(5), limit_days=90)
    assert status == ClockStatus(None, 0, None, None, False, False, False, ())


def test_days_before_and_after_a_pause_add_up_at_the_decision():
    events = [
        ClockEvent(day(0), "submitted"),
        ClockEvent(day(20), "revisions_requested"),
        ClockEvent(day(60), "submitted"),
        ClockEvent(day(75), "approved"),
    ]
    status = review_clock(events, day(200), limit_days=90)
    assert (status.days_used, status.days_left) == (35, 55)
    assert status.due_on is None and not status.paused and not status.running


def test_a_paused_clock_has_no_due_date():
    events = [ClockEvent(day(0), "submitted"), ClockEvent(day(20), "revisions_requested")]
    status = review_clock(events, day(50), limit_days=90)
    assert status.due_on is None and status.days_left == 70 and not status.overdue
