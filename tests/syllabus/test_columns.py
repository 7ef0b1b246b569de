"""Hour columns read by their header, units split by delivery mode, and totals with a breakdown."""

from __future__ import annotations

import pytest

from app.syllabus.breakdown import breakdown_of
from app.syllabus.columns import (
    cell_hours,
    header_unit,
    hour_columns,
    mode_parts_duration,
    row_hours,
)
from app.syllabus.durations import find_duration, find_durations
from app.syllabus.parser import parse


def counted(syllabus) -> float:
    return round(sum(m.counted_hours for m in syllabus.sessions), 4)


@pytest.mark.parametrize(
    ("header", "unit"),
    [
        ("Duration (h:mm)", "hmm"),
        ("Length (HH:MM)", "hmm"),
        ("Video length (mm:ss)", "mmss"),
        ("Minutes", "min"),
        ("Minutos", "min"),
        ("Contact hours", "h"),
        ("Horas", "h"),
        ("Topic", None),
    ],
)
def test_header_states_the_unit_of_its_column(header, unit):
    assert header_unit(header) == unit


@pytest.mark.parametrize(
    ("cell", "unit", "hours"),
    [
        ("03:30", "hmm", 3.5),
        ("5:00", "hmm", 5.0),
        ("0:45", "hmm", 0.75),
        ("12:00", "mmss", 0.2),
        ("90", "min", 1.5),
        ("2,5", "h", 2.5),
        ("3:30", None, None),  # no unit: a clock-like cell is not guessed
        ("3:75", "hmm", None),  # not a time of day or a length
        ("Yes", "h", None),
    ],
)
def test_cell_is_read_in_its_columns_unit(cell, unit, hours):
    assert cell_hours(cell, unit) == hours


def test_columns_by_delivery_mode_add_up_and_a_total_column_is_not_added():
    header = ["Topic", "Live hours", "Self-paced hours", "Total hours"]
    columns = hour_columns(header)
    assert [c.kind for c in columns] == ["part", "part", "total"]
    read = row_hours(["Boundaries", "2", "1.5", "3.5"], columns)
    assert read is not None and read.hours == 3.5  # the total column, not 2 + 1.5 + 3.5

    parts_only = hour_columns(["Topic", "In-person hours", "Online hours"])
    read = row_hours(["Boundaries", "2", "1.5"], parts_only)
    assert read is not None and read.hours == 3.5
    assert "In-person hours" in read.text and "Online hours" in read.text


def test_one_plain_hours_column_is_left_to_the_usual_reading():
    columns = hour_columns(["Topic", "Hours"])
    assert row_hours(["Boundaries", "3"], columns) is None


def test_unit_split_by_mode_lines_is_one_session_of_their_sum():
    value = mode_parts_duration(["Self-paced: 1.5 h (videos)", "Live on Zoom: 2 h"])
    assert value is not None and value.hours == 3.5
    # Timed lines that are not modes are sessions of their own, not parts.
    assert mode_parts_duration(["Self-paced: 1 h", "Role play on boundaries: 2 h"]) is None
    assert mode_parts_duration(["Live: 2 h"]) is None


def test_table_with_synchronous_and_asynchronous_columns():
    text = "\n".join(
        [
            "# Refresher",
            "Total: 9 hours",
            "",
            "| Session | Sync hours | Async hours |",
            "|---|---|---|",
            "| Ethics and boundaries | 3 | 1,5 |",
            "| Documentation | 3,5 | 1 |",
            "| Total | 6,5 | 2,5 |",
        ]
    )
    syllabus = parse(text)
    assert counted(syllabus) == 9
    assert [m.hours for m in syllabus.sessions] == [4.5, 4.5]
    assert syllabus.declared_totals and {t.hours for t in syllabus.declared_totals} == {9}


def test_tab_separated_export_with_hmm_column_and_counting_column():
    rows = [
        "Seq\tType\tTitle\tLength (h:mm)\tCounts toward hours",
        "1\tLive\tHope and recovery\t2:30\tYes",
        "2\tPage\tHow to use the portal\t0:20\tNo",
        "3\tLive\tAdvocacy in practice\t3:00\tYes",
    ]
    syllabus = parse("Course export\n\n" + "\n".join(rows))
    titles = {m.title: m for m in syllabus.modules}
    assert titles["Hope and recovery"].hours == 2.5
    assert titles["How to use the portal"].counted_hours == 0
    assert counted(syllabus) == 5.5


def test_mmss_column_is_not_read_as_hours():
    text = "\n".join(
        [
            "| Lesson | Video (mm:ss) |",
            "|---|---|",
            "| Consent basics | 12:40 |",
            "| Privacy law | 18:05 |",
        ]
    )
    assert counted(parse(text)) < 1


def test_hmm_notation_in_a_sentence():
    value = find_duration("Total instruction time 24:30 (hh:mm).")
    assert value is not None and value.hours == 24.5
    assert find_durations("A clip of 12:40 (mm:ss).") == ()


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("Instruction: 40 hours (16 online + 24 in person)", (16.0, 24.0)),
        ("Duración: 20 horas (12,5 en vivo y 7,5 en línea)", (12.5, 7.5)),
        ("Length: 40 hours (3 days)", ()),
        ("Length: 40 hours (30 online + 12 live)", ()),  # does not add up: not a breakdown
    ],
)
def test_breakdown_after_a_total(text, parts):
    value = find_duration(text)
    assert value is not None
    assert breakdown_of(text, value) == parts


def test_total_with_breakdown_is_one_declared_total():
    text = "\n".join(
        [
            "# Crisis care",
            "Instruction: 40 hours (16 online + 24 live)",
            "",
            "## Unit 1",
            "- Online: 8 h",
            "- Live: 12 h",
            "",
            "## Unit 2",
            "- Online: 8 h",
            "- Live: 12 h",
        ]
    )
    syllabus = parse(text)
    assert [t.hours for t in syllabus.declared_totals] == [40]
    assert counted(syllabus) == 40
    assert [m.hours for m in syllabus.sessions] == [20, 20]


def test_space_aligned_rows_under_an_hours_header_are_sessions():
    text = "\n".join(
        [
            "Statement of completed courses",
            "Course                              Date          Contact hours",
            "Cultural humility in peer work      03/04/2026    1.50",
            "Ethics of sharing lived experience    03/18/2026    2.00",
            "Total contact hours: 3.50",
        ]
    )
    syllabus = parse(text)
    assert [m.hours for m in syllabus.sessions] == [1.5, 2.0]  # never the dates
    assert [t.hours for t in syllabus.declared_totals] == [3.5]


def test_space_aligned_lines_without_an_hours_header_stay_prose():
    text = "\n".join(
        [
            "Provider   Fresno Peer Academy   Room 12",
            "Contact    Dana Lee              559-555-0100",
            "",
            "Module 1: Hope (3 hours)",
        ]
    )
    assert [m.hours for m in parse(text).sessions] == [3]


def _lengths_table(first: str) -> str:
    return "\n".join(
        [
            "# Refresher",
            "| Session | Length |",
            "|---|---|",
            f"| Hope and wellness | {first} |",
            "| Ethics in practice | 1:45 |",
        ]
    )


def test_unitless_clock_lengths_that_fit_both_units_are_asked_about():
    syllabus = parse(_lengths_table("2:30"))
    assert [m.hours for m in syllabus.sessions] == [2.5, 1.75]
    doubts = [d for d in syllabus.doubts if d.kind == "clock_unit"]
    assert len(doubts) == 1
    assert {c.line: c.value for c in doubts[0].alternatives} == {4: 0.0417, 5: 0.0292}


def test_unitless_clock_lengths_too_long_for_hours_are_minutes_and_seconds():
    syllabus = parse(_lengths_table("14:30"))
    assert sum(m.hours for m in syllabus.sessions) < 1
    assert not [d for d in syllabus.doubts if d.kind == "clock_unit"]


def test_start_time_column_is_not_a_length():
    text = "\n".join(
        [
            "| Time | Topic | Duration |",
            "|---|---|---|",
            "| 8:30 | Recovery stories | 2 h |",
            "| 10:30 | Advocacy | 1 h 30 min |",
        ]
    )
    syllabus = parse(text)
    assert [m.hours for m in syllabus.sessions] == [2, 1.5]
    assert not [d for d in syllabus.doubts if d.kind == "clock_unit"]


def _two_plain_columns(second: str, third: str) -> str:
    return "\n".join(
        [
            "| Session | Lecture hours | Lab hours |",
            "|---|---|---|",
            f"| Hope | 2 | {second} |",
            f"| Ethics | 3 | {third} |",
        ]
    )


def test_plain_hour_columns_that_differ_are_asked_about():
    syllabus = parse(_two_plain_columns("1", "1"))
    assert [m.hours for m in syllabus.sessions] == [2, 3]  # the first column, as before
    doubts = [d for d in syllabus.doubts if d.kind == "hour_columns"]
    assert len(doubts) == 1
    assert [c.value for c in doubts[0].alternatives] == [3, 4]


def test_plain_hour_columns_that_agree_restate_each_other():
    syllabus = parse(_two_plain_columns("2", "3"))
    assert not [d for d in syllabus.doubts if d.kind == "hour_columns"]


def test_modes_offered_as_a_choice_are_not_added_up():
    assert mode_parts_duration(["Option 1, online: 3 h", "Option 2, in person: 3 h"]) is None
    assert mode_parts_duration(["Live on Zoom or in person: 3 h", "Self-paced: 1 h"]) is None


def test_a_type_column_does_not_title_the_rows():
    text = "\n".join(
        [
            "| Item type | Title | Hours |",
            "|---|---|---|",
            "| Live class | Crisis planning with the person | 3 |",
        ]
    )
    assert [m.title for m in parse(text).sessions] == ["Crisis planning with the person"]
