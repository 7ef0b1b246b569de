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


# --- the level that holds the sessions --------------------------------------------------------


def test_a_short_capitalised_line_with_minutes_does_not_swallow_the_day():
    syllabus = parse(
        "BAYSIDE PEER INSTITUTE\n\nDAY 1\n"
        "Wellness recovery action plans (4 hours)\n"
        "FIRST AID AND CPR (45 MIN)\n"
        "Navigating county services (3 hours)\n"
        "Support group practice (4 hours)\n"
    )
    assert [m.hours for m in syllabus.sessions] == [4, 0.75, 3, 4]
    assert all(m.path == ["DAY 1"] for m in syllabus.sessions)


def test_a_bold_acronym_among_timed_lines_is_one_of_them():
    syllabus = parse(
        "# Core week\n\n## Day 2\nHistory of the peer movement (4 hours)\n**AED (30 min)**\n"
        "Recovery stories (3 hours)\n"
    )
    assert [m.title for m in syllabus.sessions] == [
        "History of the peer movement",
        "AED",
        "Recovery stories",
    ]


def test_a_cue_heading_shorter_than_the_lines_under_it_is_read_beside_them_and_asked():
    syllabus = parse(
        "# Core week\n\n**NALOXONE TRAINING (45 MIN)**\nCrisis response (3 hours)\n"
        "De-escalation practice (4 hours)\n"
    )
    assert sum(m.counted_hours for m in syllabus.sessions) == 7.75
    (doubt,) = [d for d in syllabus.doubts if d.kind == "levels"]
    assert doubt.line == 3 and doubt.alternatives[0].field == "counted"


# --- identifiers ------------------------------------------------------------------------------


def test_numbers_in_codes_and_rooms_are_never_hours():
    assert find_duration("ETH-310 hours of reading") is None
    assert find_duration("Meets in Room 12 hours before the shift") is None
    assert find_duration("Room 12, 2 hours").hours == 2


def test_a_course_code_column_does_not_become_the_session_title():
    syllabus = parse(
        "# Law and ethics\n\n| Course | Title | Hours |\n|---|---|---|\n"
        "| ETH-310A | Confidentiality and HIPAA | 3 |\n| ETH-310B | Professional boundaries | 3 |\n"
    )
    assert [m.title for m in syllabus.sessions] == [
        "Confidentiality and HIPAA",
        "Professional boundaries",
    ]
    assert [t.hours for t in syllabus.declared_totals] == []


def test_a_table_row_with_a_program_word_is_not_the_course_title():
    syllabus = parse(
        "| Session | Hours |\n|---|---|\n| Core values in practice | 3 |\n"
        "| Boundaries refresher | 2 |\n| Crisis planning | 3 |\n"
    )
    assert "title" not in syllabus.meta
    assert syllabus.declared_totals == []
    assert sum(m.counted_hours for m in syllabus.sessions) == 8


# --- exam words in another sense --------------------------------------------------------------


def test_test_taking_is_teaching_and_a_mixed_title_is_asked():
    syllabus = parse(
        "# Core\n## Test-taking strategies (2 hours)\n"
        "## Quiz and test anxiety: study skills (2 hours)\n## Final exam (1 hour)\n"
    )
    kinds = {m.title: m.kind for m in syllabus.sessions}
    assert kinds["Test-taking strategies"] == "instruction"
    assert kinds["Final exam"] == "exam"
    asked = {d.line for d in syllabus.doubts if d.kind == "exam_word"}
    assert asked == {3}


def test_a_closing_statement_that_is_the_only_total_is_asked():
    syllabus = parse(
        "PEER REFRESHER\n\nSession 1: Recovery language (20 hours)\n"
        "Session 2: Peer ethics (20 hours)\nAll 40 hours are classroom instruction.\n"
    )
    (doubt,) = [d for d in syllabus.doubts if d.kind == "closing_statement"]
    assert doubt.alternatives == (doubt.alternatives[0],)
    assert doubt.alternatives[0].field == "total" and doubt.alternatives[0].value is False


# --- the heading path in crediting ------------------------------------------------------------

PHASED = """---
program: crisis
---
# Crisis care specialization (40 hours)

## Phase 1: Prevention of crisis
### Person-centered trauma-informed practice (10 hours)
### Pathways to crisis (10 hours)

## Phase 2: Active crisis support
### Person-centered trauma-informed practice (10 hours)
### Crisis and special populations (10 hours)
"""


def credited(report) -> dict[int, list[str]]:
    return {m.line: list(m.competencies) for m in report.modules}


def test_a_phase_heading_decides_which_same_titled_competency_a_session_teaches():
    report = check_syllabus(PHASED)
    by_line = credited(report)
    assert "crisis-4" in by_line[7] and "crisis-7" not in by_line[7]
    assert "crisis-7" in by_line[11] and "crisis-4" not in by_line[11]


def test_the_phase_is_read_from_its_number_or_its_words():
    from app.framework.loader import cached_catalog
    from app.syllabus.context import in_context

    catalog = cached_catalog()
    assert in_context("crisis-4", ["Course", "Phase 2: Live calls"], catalog) == "crisis-7"
    assert in_context("crisis-8", ["Before a crisis"], catalog) == "crisis-5"
    assert in_context("crisis-4", ["Week 1"], catalog) == "crisis-4"
    assert in_context("core-6", ["Phase 2: Active crisis support"], catalog) == "core-6"


# --- evidence weighed by how specific a word is in this syllabus ------------------------------


def test_a_word_in_every_session_is_evidence_for_none():
    from app.syllabus.suggest import syllabus_weights

    sessions = [
        "Using trauma-informed language, participants will write a resume.",
        "Using trauma-informed language, participants will run a support group.",
        "Using trauma-informed language, participants will write a progress note.",
        "Using trauma-informed language, participants will plan a warm handoff.",
    ]
    weights = syllabus_weights(sessions)
    assert weights["trauma"] == 0 and weights["languag"] == 0
    assert "resum" not in weights  # in one session of four: full weight


def test_a_boilerplate_stem_does_not_credit_its_competency_in_every_module():
    stem = "Objectives: through a trauma-informed lens, participants will"
    text = "---\nprogram: core\n---\n# Core\n\n" + "\n".join(
        f"## {title} (4 hours)\n{stem} {body}.\n"
        for title, body in [
            ("Resumes and interviews", "prepare a resume and practise a job interview"),
            ("Leading groups", "co-facilitate a peer support group"),
            ("Progress notes", "write a clear progress note in the record"),
            ("Warm handoffs", "refer a person to housing and benefits services"),
            ("Setting limits", "keep professional boundaries and follow the code of ethics"),
        ]
    )
    report = check_syllabus(text)
    with_trauma = [m.title for m in report.modules if "core-6" in m.competencies]
    assert with_trauma == [], with_trauma


def test_a_number_read_as_part_of_a_code_is_asked_about():
    syllabus = parse(
        "# Ethics refresher\n\n## Confidentiality (3 hours)\nRead ETH-310 hours of case law notes.\n"
        "## Boundaries (3 hours)\n"
    )
    assert sum(m.counted_hours for m in syllabus.sessions) == 6
    (doubt,) = [d for d in syllabus.doubts if d.kind == "identifier"]
    assert doubt.line == 4
    assert doubt.alternatives[0].field == "hours" and doubt.alternatives[0].value == 310


def test_a_line_summing_a_range_of_sessions_states_the_total():
    syllabus = parse(
        "Peer refresher\n\nSESSION A1\nTitle: Recovery language\nHours: 20\n\n"
        "SESSION A2\nTitle: Peer ethics\nHours: 20\n\nSUMMARY\n"
        "Sessions A1–A2 .................. 40 hours\n"
    )
    assert [t.hours for t in syllabus.declared_totals] == [40]
    assert sum(m.counted_hours for m in syllabus.sessions) == 40


def test_a_sentence_broken_over_a_pdf_column_about_the_agenda_states_the_total():
    syllabus = parse(
        "Crisis agenda\n\nDay 1: Pathways to crisis (8 hours)\nDay 2: De-escalation (8 hours)\n\n"
        "NOTES\nMeals are not\ninstructional time. This agenda\nis built to deliver 16 hours of\n"
        "instruction across two days.\n"
    )
    assert [t.hours for t in syllabus.declared_totals] == [16]
