"""The reader's general mechanisms, each on a small syllabus of its own shape.

Sentences rejoined across hard line breaks, totals among a header's fields, tables that restate
the outline, identifiers that are not hours, the heading path in crediting, and words that every
module shares weighed as evidence for none. Where the reader is unsure it says so with a Doubt.
"""

from __future__ import annotations

from app.syllabus.durations import find_duration
from app.syllabus.parser import parse
from app.syllabus.services import check_syllabus


def counted(syllabus) -> float:
    return sum(m.counted_hours for m in syllabus.sessions)


# --- sentences rejoined before the cues are read ---------------------------------------------


def test_a_prerequisite_broken_across_pdf_lines_is_not_the_total():
    syllabus = parse(
        "Unhoused Peer Specialization\n"
        "Applicants must have finished the\n"
        "80-hour core training before the first day.\n"
        "\n"
        "Module 1: Outreach on the street (20 hours)\n"
        "Module 2: Housing first in practice (20 hours)\n"
    )
    assert [t.hours for t in syllabus.declared_totals] == []
    assert counted(syllabus) == 40


def test_a_total_broken_across_lines_with_double_spaces_is_read_whole():
    syllabus = parse(
        "Refresher for peer specialists\n"
        "The refresher runs for a total of\n"
        "40  hours over five days.  Lunch is on your own.\n"
        "\n"
        "Day 1: Hope and wellness (8 hours)\n"
        "Day 2: Boundaries (8 hours)\n"
        "Day 3: Crisis planning (8 hours)\n"
        "Day 4: Progress notes (8 hours)\n"
        "Day 5: Self-care (8 hours)\n"
    )
    assert [t.hours for t in syllabus.declared_totals] == [40]
    assert "total of 40" in syllabus.declared_totals[0].text


def test_a_closing_statement_about_the_course_is_not_the_last_sessions():
    syllabus = parse(
        "PEER REFRESHER\n\n"
        "Session 1: Recovery language (20 hours)\n"
        "Session 2: Peer ethics (20 hours)\n"
        "All 40 hours are classroom instruction; meals are not counted.\n"
    )
    assert counted(syllabus) == 40
    assert [t.hours for t in syllabus.declared_totals] == [40]


# --- durations written in words ---------------------------------------------------------------


def test_halves_written_in_words():
    assert find_duration("Listening skills (two and a half hours)").hours == 2.5
    assert find_duration("Escucha activa (dos horas y media)").hours == 2.5
    assert find_duration("Role play, 3 and a half hrs").hours == 3.5
    assert find_duration("one and a half hours of practice").hours == 1.5


# --- totals among a header's fields -----------------------------------------------------------


def test_a_total_among_other_fields_on_one_header_line():
    syllabus = parse(
        "# Justice-involved peer specialization\n\n"
        "Delivery: in person · 40 contact hours · cohort of 20\n\n"
        "## Reentry planning (20 hours)\n## Working with probation (20 hours)\n"
    )
    assert [t.hours for t in syllabus.declared_totals] == [40]
    assert syllabus.declared_totals[0].source == "header"


def test_a_total_between_pipes_on_the_first_line():
    syllabus = parse(
        "Valley Peer Academy | 40 hours | Fresno\n\n"
        "Stages of change (20 hours)\nMotivational interviewing (20 hours)\n"
    )
    assert [t.hours for t in syllabus.declared_totals] == [40]
    assert syllabus.meta["title"] == "Valley Peer Academy | Fresno"
    assert counted(syllabus) == 40


# --- tables that restate the outline ----------------------------------------------------------

SHORT_REFRESHER = """# Peer Support Refresher

Total: 40 hours

## Module 1: Hope and recovery (5 hours)
## Module 2: Ethics and boundaries (5 hours)
## Module 3: Crisis and safety planning (5 hours)
## Module 4: Progress notes (5 hours)

## How the modules map to the competencies

| Module | Competency | Hours |
|---|---|---|
| Module 1: Hope and recovery | Hope, recovery and wellness | 5 |
| Module 2: Ethics and boundaries | Professional boundaries and ethics | 5 |
| Module 3: Crisis and safety planning | Safety and crisis planning | 5 |
| Module 4: Progress notes | Documentation skills | 5 |
"""


def test_a_crosswalk_restating_each_module_is_not_counted_again():
    syllabus = parse(SHORT_REFRESHER)
    assert counted(syllabus) == 20
    restated = [m for m in syllabus.modules if m.from_row]
    assert len(restated) == 4 and all(m.kind == "frame" for m in restated)
    assert "restates" in restated[0].reason


def test_a_refresher_declaring_40_that_teaches_20_does_not_pass():
    report = check_syllabus(SHORT_REFRESHER, "refresher")
    assert not report.passed
    assert report.total_hours == 20


def test_a_table_of_other_names_with_the_same_hours_is_a_doubt():
    syllabus = parse(
        "# Crisis specialization\n\n"
        "## Day 1 (8 hours)\n- Pathways to crisis (4 hours)\n- De-escalation (4 hours)\n\n"
        "## Summary of hours\n\n| Block | Hours |\n|---|---|\n| Morning blocks | 4 |\n| Afternoon blocks | 4 |\n"
    )
    doubts = [d for d in syllabus.doubts if d.kind == "restated_table"]
    assert doubts, syllabus.doubts
    assert doubts[0].alternatives and {c.field for c in doubts[0].alternatives} == {"counted"}
    assert 0 < doubts[0].confidence < 1
