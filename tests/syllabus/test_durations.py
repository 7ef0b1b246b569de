"""Durations as syllabi write them, and numbers that are not durations."""

from __future__ import annotations

import pytest

from app.syllabus.durations import find_duration, find_durations, strip_duration


@pytest.mark.parametrize(
    ("text", "hours"),
    [
        ("1.5 hrs", 1.5),
        ("90 min", 1.5),
        ("1 hr 15 min", 1.25),
        ("4 hours 15 minutes", 4.25),
        ("240 min", 4.0),
        ("1h30", 1.5),
        ("1:30 hours", 1.5),
        ("half an hour", 0.5),
        ("Módulo 3: Atención informada sobre el trauma (4 horas)", 4.0),
        ("90 minutos", 1.5),
        ("2,5 horas", 2.5),
        ("2 horas y 30 minutos", 2.5),
        ("dos horas y media", 2.5),
        ("Taller de ética (dos horas y media)", 2.5),
        ("una hora y media", 1.5),
        ("2 hours and a half", 2.5),
        ("6 contact hours", 6.0),
    ],
)
def test_lengths_however_written(text, hours):
    assert find_duration(text).hours == hours


@pytest.mark.parametrize(
    ("text", "hours"),
    [("two and a half hours", 2.5), ("Module 2: Advocacy (two and a half hours)", 2.5)],
)
def test_a_half_after_a_number_word(text, hours):
    found = find_duration(text)
    assert found is not None and found.hours == hours


@pytest.mark.parametrize(
    ("text", "hours"),
    [
        ("9:00–10:30", 1.5),
        ("10:00 a.m. to noon", 2.0),
        ("12:00 noon to 1:00 pm", 1.0),
        ("8:00 a.m. to 5:00 p.m.", 9.0),
        ("9 a.m.-4 p.m.", 7.0),
        ("10AM-4:30PM", 6.5),
        ("5:00 PM – 8:15 PM", 3.25),
        ("13:00-16:15", 3.25),
        ("09:00–10:30", 1.5),
        ("11:00-1:00", 2.0),
        ("Classes run from 9 to 4", 7.0),
        ("10 p.m. to midnight", 2.0),
    ],
)
def test_clock_ranges_in_every_common_style(text, hours):
    found = find_duration(text)
    assert found.clock and found.hours == hours


def test_a_range_counts_its_lower_bound_and_keeps_the_upper():
    found = find_duration("Practicum (3–4 hours)")
    assert (found.hours, found.maximum, found.is_range) == (3.0, 4.0, True)


@pytest.mark.parametrize(
    "text",
    [
        "Recovery 101",
        "Vintage footage of early activists (6:01)",
        "Instructor office hours by appointment",
        "The warmline is answered 24 hours a day",
        "Respond within 36 hours",
        "Call (916) 555-1234",
        "Completed 03/15/2025",
        "June 5 to 16, 2023",
        "a 24-hour crisis line",
        "Day 1 — Tuesday, April 8",
    ],
)
def test_numbers_that_are_not_durations(text):
    assert find_durations(text) == ()


def test_the_number_of_a_day_is_not_a_time():
    found = find_duration("Day 3 — 8:00 a.m. to 5:00 p.m.")
    assert found.hours == 9.0


def test_course_lengths_are_marked_as_totals():
    assert find_duration("an 80-hour training").course_total
    assert find_duration("The certificate is 80 hours long").course_total
    assert not find_duration("Ethics (2 hours)").course_total


def test_qualifiers_make_a_duration_approximate():
    found = find_duration("Week 1: approximately 44 hours of self-paced learning")
    assert found.approximate and found.text == "approximately 44 hours"


def test_strip_duration_leaves_the_title():
    text = "Module 6: Trauma-informed care (5 hours)"
    assert strip_duration(text, find_duration(text)) == "Module 6: Trauma-informed care"


@pytest.mark.parametrize(
    ("text", "read"),
    [
        ("2,400 minutes", [(40.0, "2,400 minutes")]),
        ("2.400 minutos", [(40.0, "2.400 minutos")]),
        ("12,000 minutes", [(200.0, "12,000 minutes")]),
        ("1,200 hours", [(1200.0, "1,200 hours")]),
        ("2,400 minutes, 2,5 horas", [(40.0, "2,400 minutes"), (2.5, "2,5 horas")]),
    ],
)
def test_three_digits_after_a_separator_are_thousands(text, read):
    assert [(d.hours, d.text) for d in find_durations(text)] == read


@pytest.mark.parametrize(
    ("text", "read"),
    [
        ("2,40 horas", [(2.4, "2,40 horas")]),  # two digits: a decimal
        ("2,4000 minutes", [(66.6667, "4000 minutes")]),  # four digits: not a group
        ("2, 400 minutes", [(6.6667, "400 minutes")]),  # a space after the separator
        ("2 ,400 minutes", [(6.6667, "400 minutes")]),  # a space before it
        ("1234,500 min", [(8.3333, "500 min")]),  # four digits before it
        ("1,200,500 minutes", [(3341.6667, "200,500 minutes")]),  # more groups follow
        ("1,200.5 minutes", [(3.3417, "200.5 minutes")]),  # a decimal follows
    ],
)
def test_other_separated_digits_are_not_read_as_thousands(text, read):
    assert [(d.hours, d.text) for d in find_durations(text)] == read
