"""Durations as syllabi write them."""

from __future__ import annotations

import pytest

from app.syllabus.hours import find_clock_range, find_hours, strip_hours


@pytest.mark.parametrize(
    ("text", "hours", "maximum", "approximate"),
    [
        ("Module 1 (3 hours)", 3, None, False),
        ("Recovery 101 (3 hrs)", 3, None, False),
        ("Ethics 2.5 hours", 2.5, None, False),
        ("Role play 90 minutes", 1.5, None, False),
        ("Intro min 1hr", 1, None, True),
        ("Practicum 20-40 hours", 20, 40, False),
        ("approximately 6 hours", 6, None, True),
        ("1 hour 30 minutes", 1.5, None, False),
        ("Session 4: 1h30", 1.5, None, False),
        ("two hours", 2, None, False),
        ("Day 1 - 8 hrs", 8, None, False),
        ("20 to 40 hours", 20, 40, False),
        ("1.5-hour workshop", 1.5, None, False),
        ("30-45 minutes", 0.5, 0.75, False),
        ("Learning about boundaries (3 hours)", 3, None, False),
        ("Ethics (approx. 2 hrs)", 2, None, True),
        ("Groups (minimum: 2 hours)", 2, None, True),
    ],
)
def test_durations(text, hours, maximum, approximate):
    value = find_hours(text)
    assert value is not None
    assert value.hours == hours
    assert value.maximum == maximum
    assert value.approximate is approximate


@pytest.mark.parametrize(
    "text", ["Recovery 101", "Video (6:01)", "Step 12 of 12", "Room 204", "5m", "Module 3"]
)
def test_numbers_that_are_not_durations(text):
    assert find_hours(text) is None


@pytest.mark.parametrize(
    ("text", "hours"),
    [
        ("9:00–10:30 Welcome", 1.5),
        ("8:30 AM–5:00 PM", 8.5),
        ("10AM-4:30PM", 6.5),
        ("9 a.m.-4 p.m.", 7),
        ("11:00-1:00 lunch", 2),
        ("1-2:30 pm", 1.5),
        ("12:00 pm - 1:00 pm", 1),
        ("9:00 to 12:00 noon", 3),
    ],
)
def test_clock_ranges(text, hours):
    assert find_clock_range(text).hours == hours


@pytest.mark.parametrize("text", ["3-5 people", "Pages 10-12", "(6:01)", "25:00-26:00"])
def test_not_clock_ranges(text):
    assert find_clock_range(text) is None


def test_strip_hours_removes_bracketed_duration():
    assert (
        strip_hours("Lunch (30 minutes daily)", find_hours("Lunch (30 minutes daily)")) == "Lunch"
    )
    assert strip_hours("Ethics - 2 hrs", find_hours("Ethics - 2 hrs")) == "Ethics"


def test_qualifier_is_quoted_with_the_duration():
    assert find_hours("Hope — approximately 5 hours").text == "approximately 5 hours"
    assert find_hours("Learning about boundaries (3 hours)").text == "3 hours"
