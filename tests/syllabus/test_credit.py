"""A module is credited with every competency its parts show, and with the ones it names."""

from __future__ import annotations

import pytest

from app.syllabus.services import check_syllabus


def _credited(text: str, program: str = "core") -> list[list[str]]:
    return [
        m.competencies for m in check_syllabus(text, program).modules if m.kind == "instruction"
    ]


def test_a_module_covers_what_its_bullets_say():
    text = (
        "## Professional Practice (6 hours)\n- HIPAA and confidentiality\n"
        "- Documentation and progress notes\n- Ethics and boundaries\n"
    )
    assert set(_credited(text)[0]) == {"core-16", "core-15", "core-11"}


@pytest.mark.parametrize(
    "line",
    [
        "Competencies: core-6, core-8",
        "Competencies covered: Trauma-informed care; self-awareness and self-care",
        "Core competencies addressed: Competency #6, #8",
        "Aligns with: CC 6, CC 8",
        "Competencies: 6, 8",
    ],
)
def test_named_competencies_in_any_common_wording(line):
    text = f"## Module 4: Looking after people (3 hours)\n{line}\n"
    assert sorted(_credited(text)[0]) == ["core-6", "core-8"]


def test_a_list_item_in_other_words_names_the_competency_it_clearly_describes():
    text = (
        "## Session 5: What happened to you? (5 hours)\n"
        "Competencies covered: approaches informed by trauma; running peer support groups\n"
    )
    assert sorted(_credited(text)[0]) == ["core-6", "core-7"]


def test_a_list_item_that_describes_nothing_clearly_names_nothing():
    text = "## Session 9: Odds and ends (2 hours)\nCompetencies covered: miscellaneous matters\n"
    assert _credited(text) == [[]]


def test_numbers_are_read_in_the_programs_framework():
    text = "---\nprerequisite: MPSS certification\n---\n## Unit 2: Reentry (3 hours)\nAligns with: Competency #11\n"
    assert _credited(text, "justice") == [["justice-11"]]


def test_evidence_is_shown_for_inferred_credit():
    report = check_syllabus("## Safety plans and suicide prevention basics (3 hours)\n", "core")
    module = report.modules[0]
    assert module.source == "inferred" and module.evidence["core-13"]


def test_hours_split_over_credited_competencies():
    text = "## Ethics and privacy (4 hours)\n- Ethics and boundaries (1 hour)\n- HIPAA and confidentiality (3 hours)\n"
    hours = {c.id: c.hours for c in check_syllabus(text, "core").competencies}
    assert hours["core-11"] == 1 and hours["core-16"] == 3
