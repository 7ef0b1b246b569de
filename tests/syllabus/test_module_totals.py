"""A "Total:" under every module heading is that module's total; thousands in a length are read
whole ("2,400 minutes")."""

from __future__ import annotations

import pytest

from app.syllabus.durations import find_durations
from app.syllabus.services import check_syllabus


def _plan(modules: int, minutes: int, course_line: str) -> str:
    lines = ["---", "program: crisis", "---", "CRISIS CARE LESSON PLAN", course_line, ""]
    for number in range(1, modules + 1):
        lines += [
            f"UNIT {number}: Crisis practice part {number}",
            f"    Total: {minutes} min",
            "    min   0-30   Opening",
            f"    min  30-{minutes}  Practice and debrief",
            "",
        ]
    return "\n".join(lines)


def test_a_total_under_every_module_heading_gives_each_module_its_hours():
    report = check_syllabus(_plan(10, 240, "Certified peers only; builds on the core training."))
    data = report.to_dict()
    assert [m["hours"] for m in data["modules"] if m["kind"] == "instruction"] == [4.0] * 10
    assert data["total_hours"] == 40.0
    assert data["declared_totals"] == []  # ten module totals are not the course's


def test_the_course_total_stated_once_is_still_the_course_total():
    text = _plan(10, 240, "Total instruction: 2,400 minutes = 40 hours across ten units.")
    data = check_syllabus(text).to_dict()
    assert [t["hours"] for t in data["declared_totals"]] == [40.0]
    assert data["total_hours"] == 40.0


def test_a_single_total_under_one_heading_is_not_taken_for_a_module():
    text = "\n".join(
        [
            "---",
            "program: crisis",
            "---",
            "# Crisis care specialization",
            "## Course details",
            "Total: 40 hours",
            "## Unit 1: Before a crisis (20 hours)",
            "## Unit 2: During and after a crisis (20 hours)",
        ]
    )
    data = check_syllabus(text).to_dict()
    assert [t["hours"] for t in data["declared_totals"]] == [40.0]
    assert [m["hours"] for m in data["modules"]] == [20.0, 20.0]


@pytest.mark.parametrize(
    ("text", "hours"),
    [
        ("2,400 minutes", 40.0),
        ("2.400 minutos", 40.0),
        ("1,200 min", 20.0),
        ("2,5 horas", 2.5),
        ("2.25 hours", 2.25),
    ],
)
def test_three_digits_after_a_separator_are_thousands_not_a_fraction(text, hours):
    assert [d.hours for d in find_durations(text)] == [hours]
