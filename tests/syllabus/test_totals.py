"""Declared totals: every statement of the course's hours is read, and nothing else is."""

from __future__ import annotations

import pytest

from app.syllabus.durations import find_duration
from app.syllabus.parser import parse
from app.syllabus.services import check_syllabus

SESSIONS = "\n## Module 1: Recovery (2 hours)\n## Module 2: Advocacy (2 hours)\n"


def totals(text: str) -> list[tuple[float, int | None]]:
    return [(t.hours, t.line) for t in parse(text).declared_totals]


def test_two_fields_on_one_line_are_both_read():
    text = "# Course\nDates: 14–19 April 2025 · Course hours: 40\n" + SESSIONS
    assert totals(text) == [(40.0, 2)]


def test_a_field_segment_that_is_not_a_field_continues_the_value():
    syllabus = parse("# Course\nLocation: Hall A · Room 3\n" + SESSIONS)
    assert syllabus.declared_totals == []


@pytest.mark.parametrize(
    "sentence",
    [
        "Students must attend all 80 hours. Call the office if you will be absent.",
        "Certificates of completion show 80 direct instruction hours.",
        "Earn 80 CE hours. A certificate is emailed after the last module.",
        "See the handbook for details. Total Hours: 80",
    ],
)
def test_sentences_about_the_course_state_its_total(sentence):
    text = f"# Peer Training\n\n## Policies\n\n{sentence}\n" + SESSIONS
    assert [hours for hours, _ in totals(text)] == [80.0]


@pytest.mark.parametrize(
    "sentence",
    [
        "Participants must have completed an approved 80-hour core training.",
        "This training builds on the 80-hour core.",
        "Peers who need the 40-hour refresher for reinstatement are welcome.",
        "Participants may miss no more than 4 contact hours.",
        "The course is delivered as seventeen two-hour live webinars, two per week.",
        "Línea de apoyo disponible las 24 horas del día.",
    ],
)
def test_sentences_about_something_else_are_not_totals(sentence):
    text = f"# Peer Training\n\n## About\n\n{sentence}\n" + SESSIONS
    assert totals(text) == []


def test_credit_inside_a_session_longer_than_the_session_is_the_course_total():
    text = (
        "Webinar series\n\nSession 1: Stress - 1 hour\n  How stress works.\n\n"
        "Session 2: Trauma - 1 hour\n  What trauma does.\n\nEarn 2 CE hours. Certificates follow.\n"
    )
    assert totals(text) == [(2.0, 9)]


def test_office_hours_are_not_a_total():
    text = "# Course\nTraining office hours: Tues & Thurs 1:00-4:00 p.m.\n" + SESSIONS
    assert totals(text) == []


def test_a_program_length_field_under_a_subtitle_is_read_once():
    text = (
        "# Provider\n### Core Training — Syllabus\n\n**Program length:** 10 weeks, 80 hours\n"
        + SESSIONS
    )
    assert totals(text) == [(80.0, 4)]


def test_two_qualifiers_between_number_and_unit():
    found = find_duration("Certificates show 6 direct instruction hours.")
    assert (found.hours, found.text) == (6.0, "6 direct instruction hours")


def test_dotted_leaders_do_not_end_a_sentence():
    syllabus = parse("# Course\n\nHope and recovery ........ 5 hrs\nAdvocacy ........ 4 hrs\n")
    assert [m.hours for m in syllabus.modules if m.kind == "instruction"] == [5.0, 4.0]


def test_a_capitalised_heading_with_a_remark_in_brackets_is_a_part_of_its_own():
    text = (
        "MODULE 1  Reentry Navigation\n2 hours\n\n"
        "FIELD COMPONENT (not instructional)\nObservation visit to a reentry center\n4 hours\n"
    )
    modules = parse(text).modules
    assert [(m.title[:15], m.kind, m.hours) for m in modules] == [
        ("MODULE 1 Reentr", "instruction", 2.0),
        ("FIELD COMPONENT", "uncredited", 4.0),
    ]


def test_a_bold_title_with_its_time_on_the_next_line_is_not_part_of_the_module_above():
    text = (
        "**Module 11 — Simulation Day**\nTime: 6 hrs\nTopics: role plays.\n\n"
        "**Final Skills Check-Off**\nTime: 1 hr (assessment — not counted toward instructional hours)\n"
    )
    modules = parse(text).modules
    assert [(m.kind, m.hours) for m in modules] == [("instruction", 6.0), ("uncredited", 1.0)]


def test_a_week_whose_body_only_sets_a_quiz_is_the_quiz():
    text = (
        "### Week 1: Approximately 20 hours of live workshops\n- recovery and hope\n- advocacy\n\n"
        "### Week 2: Approximately 2-4 hours at your own pace\n"
        "Complete the comprehensive quiz in the portal. You may retake it once.\n"
    )
    modules = parse(text).modules
    assert [(m.kind, m.hours) for m in modules] == [("instruction", 20.0), ("exam", 2.0)]


def test_start_times_on_their_own_lines_run_to_the_next_start():
    text = (
        "DAY 1 — MONDAY\n8:00 AM\nPathways to Crisis: how distress\nbuilds and triggers\n"
        "10:00 AM\nBreak\n10:15 AM\nSeeing It Coming: warning signs\n12:15 PM\nLunch\n"
    )
    syllabus = parse(text)
    read = [(m.line, m.kind, m.hours) for m in syllabus.modules if m.kind != "frame"]
    assert read == [(2, "instruction", 2.0), (5, "break", 0.25), (7, "instruction", 2.0)]
    assert syllabus.modules[0].title.startswith("Pathways to Crisis: how distress builds")


def test_a_daily_time_over_weekday_bullets_is_each_day_less_its_breaks():
    text = (
        "### Week 4 — Live on Zoom, Monday to Wednesday, 9:00 a.m. to 4:00 p.m.\n"
        "Lunch 12:00–12:30 p.m.; 15-minute breaks at 10:30 a.m. and 2:30 p.m.\n"
        "- **Mon:** Professional boundaries and ethics\n"
        "- **Tue:** Safety and crisis planning\n"
        "- **Wed:** Self-care\n\n"
        "### Week 5 — Self-paced plus two live evenings\n"
        "Live evenings (5:30–8:30 p.m.):\n- **Tue 9/23:** Group facilitation lab\n"
        "- **Thu 9/25:** Conflict resolution\n"
    )
    modules = parse(text).modules
    counted = [(m.title[:4], m.hours) for m in modules if m.kind == "instruction"]
    assert counted == [("Mon:", 6.0), ("Tue:", 6.0), ("Wed:", 6.0), ("Tue ", 3.0), ("Thu ", 3.0)]
    assert sum(m.counted_hours for m in modules) == 24.0


def test_page_headers_and_footers_are_not_read_into_a_session():
    footer = "Page {} of 3 · For enrolled participants only · Rev. 3/2025"
    header = "Sierra Peer Institute — Refresher Training — Participant Syllabus"
    pages = [
        ["", f"SESSION R{n}", f"Title: {title}", f"Hours: {hours}", "", footer.format(n), header]
        for n, title, hours in ((1, "Recovery", 3.0), (2, "Ethics", 4.0), (3, "Self-care", 2.0))
    ]
    text = "\n".join([header, *(line for page in pages for line in page)])
    modules = parse(text).modules
    assert all("Page" not in topic for m in modules for topic in m.topics)
    assert [m.hours for m in modules if m.kind == "instruction"] == [3.0, 4.0, 2.0]


@pytest.mark.parametrize(("declared", "finding"), [(3, True), (4, False), (5, True)])
def test_sessions_above_or_below_the_declared_total_are_a_finding(declared, finding):
    """Sessions adding up to more than the declared total are as much a mismatch as fewer."""
    text = f"---\nprogram: refresher\n---\n# Course\nCourse hours: {declared}\n" + SESSIONS
    report = check_syllabus(text, "refresher")
    found = [f for f in report.findings if f.code == "DECLARED_TOTAL_MISMATCH"]
    if not finding:
        assert found == []
        return
    assert len(found) == 1, found
    assert (found[0].severity, found[0].citation) == ("warning", "§209.2.A")
    assert f"declares {declared} h" in found[0].message and "add up to 4 h" in found[0].message
