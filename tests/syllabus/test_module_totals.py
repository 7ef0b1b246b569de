"""A "Total:" under every module heading is that module's total; the course's total is stated once
("Total instruction: 2,400 minutes = 40 hours")."""

from __future__ import annotations

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
