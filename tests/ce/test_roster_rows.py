"""Reading a completion roster's rows before any matching (pure)."""

from __future__ import annotations

from datetime import date

import pytest

from app.ce.roster_rows import RosterFileError, judge, read_rows

HEADER = ["Certification No.", "Legal Name", "Date Completed", "CE Hours"]


def test_the_header_may_come_after_a_title_and_use_other_names():
    rows = read_rows(
        [
            ["Completions, spring term"],
            HEADER,
            ["mpss 123-456", "Ana Ruiz", "03/14/2026", "1.5 hrs"],
            ["", "", "", ""],
            ["MPSS222222", "Bo Li", "2026-03-14"],
        ]
    )
    assert [(r.line, r.certification_number, r.hours, r.reason) for r in rows] == [
        (3, "MPSS123456", 1.5, ""),
        (5, "MPSS222222", None, "the hours are missing"),
    ]
    assert rows[0].completed_on == date(2026, 3, 14)
    assert rows[0].as_json()["completed_on"] == "2026-03-14"


def test_each_missing_or_unreadable_value_is_named():
    (row,) = read_rows([HEADER, ["", "", "", "3 units"]])
    assert row.reason == (
        "the certification number is missing; the name is missing; "
        "the completion date is missing; the hours '3 units' are units, not hours"
    )
    (row,) = read_rows([HEADER, ["MPSS1", "X", "2026-02-30", "0"]])
    assert (
        "February 2026 has 28 days" in row.reason and "the hours: must be more than 0" in row.reason
    )


def test_a_roster_without_header_or_rows_or_too_long_is_refused():
    with pytest.raises(RosterFileError, match="header row"):
        read_rows([["email", "name"], ["x@y.org", "X"]])
    with pytest.raises(RosterFileError, match="no rows"):
        read_rows([HEADER, []])
    with pytest.raises(RosterFileError, match="more than 2 rows"):
        read_rows([HEADER] + [["MPSS1", "X", "2026-01-01", "1"]] * 3, max_rows=2)


def test_judging_refuses_the_future_and_hours_beyond_the_approval():
    future, over, fine, broken = read_rows(
        [
            HEADER,
            ["MPSS1", "X", "2026-03-02", "1"],
            ["MPSS2", "Y", "2026-03-01", "4"],
            ["MPSS3", "Z", "2026-03-01", "3"],
            ["MPSS4", "", "2026-03-01", "3"],
        ]
    )
    for row in (future, over, fine, broken):
        judge(row, approved_hours=3.0, today=date(2026, 3, 1))
    assert future.reason == "the completion date 03/02/2026 is in the future"
    assert over.reason == "4 hours is more than the course's approved 3 hours"
    assert fine.reason == ""
    assert broken.reason == "the name is missing"
    unlimited = read_rows([HEADER, ["MPSS2", "Y", "2026-03-01", "40"]])[0]
    judge(unlimited, approved_hours=None, today=date(2026, 3, 1))
    assert unlimited.reason == ""
