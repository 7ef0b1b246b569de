"""A shortfall the reading may have made is asked about, never failed outright (issue 20)."""

from __future__ import annotations

from app.syllabus.doubts import Correction
from app.syllabus.model import DeclaredTotal, Module, Part, Syllabus
from app.syllabus.services import check_syllabus
from app.syllabus.thin_reading import course_as_session_doubts, thin_reading, unread_timed_lines

NOTHING_READ = """---
program: core
---
# Peer Support Core Training: 80 hours of instruction

Week one grid (see attached)
Mon Tue Wed Thu Fri
Listening  Ethics  Recovery  Culture  Practice
"""

SHORT_AND_READ = """---
program: core
total_hours: 80
---
# Peer Support Core Training

## Module 1: Recovery and wellness (10 hours)
## Module 2: Ethics and boundaries (10 hours)
## Module 3: Active listening (10 hours)
"""


def _syllabus(text: str, modules: list[Module], total: float = 80) -> Syllabus:
    return Syllabus(
        meta={},
        modules=modules,
        declared_totals=[DeclaredTotal(total, f"{total:g} hours", 1, "statement")],
        text=text,
    )


def test_short_timed_lines_nothing_was_read_from_are_listed():
    text = "Total: 80 hours\nModule A (3 hours)\nRole play 45 min\nDebrief 30 min\n"
    session = Module("Module A", 2, hours=3)
    assert unread_timed_lines(_syllabus(text, [session])) == [3, 4]


def test_lines_a_session_was_read_from_are_not_unread():
    text = "Total: 80 hours\nModule A\n3 hours\nRole play 45 min\n"
    session = Module("Module A", 2, hours=3, parts=[Part("Role play", 4)])
    assert unread_timed_lines(_syllabus(text, [session])) == []


def test_sentences_course_lengths_and_the_total_restated_are_not_missed_sessions():
    text = (
        "Total: 80 hours\n"
        "Anyone who misses more than 30 minutes of a session makes it up at the next offering.\n"
        "Open to graduates of the 80-hour core training\n"
        "The course delivers 80 hours\n"
        "Module A (3 hours)\n"
    )
    session = Module("Module A", 5, hours=3)
    assert unread_timed_lines(_syllabus(text, [session])) == []


def test_the_reading_is_thin_when_nothing_was_read_or_two_timed_lines_were_left():
    one_left = _syllabus("Total: 80 hours\nA (3 hours)\nB 2 h\n", [Module("A", 2, hours=3)])
    assert thin_reading(one_left, 3, 80) is None
    two_left = _syllabus("Total: 80 hours\nA (3 hours)\nB 2 h\nC 1 h\n", [Module("A", 2, hours=3)])
    assert thin_reading(two_left, 3, 80) == [3, 4]
    assert thin_reading(_syllabus("Total: 80 hours\n", []), 0, 80) == []


def test_a_syllabus_read_as_nothing_waits_for_confirmation_instead_of_failing():
    report = check_syllabus(NOTHING_READ)
    assert report.total_hours == 0
    assert report.decision == "needs confirmation" and not report.passed
    doubt = next(d for d in report.doubts if d["kind"] == "thin_reading")
    assert doubt["open"] and doubt["could_change_verdict"]
    assert "80" in doubt["question"]


def test_confirming_the_thin_reading_fails_the_course_on_its_hours():
    report = check_syllabus(NOTHING_READ)
    doubt = next(d for d in report.doubts if d["kind"] == "thin_reading")
    confirmed = check_syllabus(
        NOTHING_READ, corrections=[Correction(doubt["line"], "confirm", True)]
    )
    assert confirmed.decision == "fail"
    assert {"HOURS_SHORT", "NO_MODULES"} & {f.code for f in confirmed.findings}


def test_a_course_read_whole_and_short_of_its_total_still_fails():
    report = check_syllabus(SHORT_AND_READ)
    assert report.total_hours == 30
    assert report.decision == "fail"
    assert "HOURS_SHORT" in {f.code for f in report.findings}
    assert not any(d["kind"] == "thin_reading" for d in report.doubts)


def test_a_session_as_long_as_the_whole_course_is_asked_about():
    text = "Unhoused specialization schedule (40 hours)\nTotal: 40 hours of instruction\n"
    course = Module("Unhoused specialization schedule", 1, hours=40)
    doubts = course_as_session_doubts(_syllabus(text, [course], total=40))
    assert [(d.kind, d.line) for d in doubts] == [("course_as_session", 1)]
    assert doubts[0].alternatives == (Correction(1, "session", False),)


def test_a_day_long_session_or_one_unlike_the_total_is_not_asked_about():
    one_day = Module("Law and ethics", 1, hours=6)
    assert course_as_session_doubts(_syllabus("Law and ethics (6 hours)\n", [one_day], 6)) == []
    long_module = Module("Module 3", 1, hours=16)
    assert course_as_session_doubts(_syllabus("Module 3 (16 hours)\n", [long_module], 80)) == []
