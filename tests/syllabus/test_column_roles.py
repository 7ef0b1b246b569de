"""The title column of a table holds words: a column of numbers the header names for the titles
gives way to the one beside it that holds them."""

from __future__ import annotations

from app.syllabus.column_roles import column_roles
from app.syllabus.services import check_syllabus

SESSIONS = [["1", "Who we are as family partners", "5"], ["2", "Schools and IEPs", "5"]]


def test_a_second_column_named_for_titles_takes_them_from_a_column_of_numbers():
    header = ["Session", "Title", "Instructional hours"]
    assert column_roles(header) == {0: "title", 2: "hours"}  # from the header alone
    assert column_roles(header, SESSIONS) == {1: "title", 2: "hours"}


def test_a_bilingual_table_is_titled_by_its_first_language_and_described_by_the_second():
    header = ["#", "English", "Español", "Hours / Horas"]
    rows = [["1", "Hope and wellness", "Esperanza y bienestar", "6 h"]] * 2
    assert column_roles(header) == {0: "title", 3: "hours"}
    assert column_roles(header, rows) == {1: "title", 2: "description", 3: "hours"}


def test_a_column_of_words_named_for_the_titles_keeps_them():
    header = ["Topic", "Facilitator", "Hours"]
    rows = [["Ethics and boundaries", "R. Okafor", "3"]] * 2
    assert column_roles(header, rows) == {0: "title", 2: "hours"}


def test_a_table_without_hours_keeps_its_titles_where_the_header_puts_them():
    header = ["Version", "Date", "Change", "Page"]
    rows = [["4.2", "01/12/2026", "Module 12 lengthened to 5 hours (was 4)", "17"]] * 2
    assert column_roles(header, rows)[0] == "title"


def test_a_bilingual_course_is_credited_from_its_titles():
    text = "\n".join(
        [
            "---",
            "program: pcfm",
            "---",
            "# Family partner specialization / Especialización",
            "Open to certified peer support specialists only.",
            "",
            "| # | English | Español | Hours / Horas |",
            "|---|---|---|---|",
            "| 1 | The family partner's professional responsibilities | Responsabilidades | 8 h |",
            "| 2 | Navigating child-serving systems | Sistemas | 8 h |",
            "| 3 | Natural supports and community resources | Apoyos naturales | 8 h |",
            "| 4 | Caregiver wellness and resiliency | Bienestar | 8 h |",
            "| 5 | Effecting change through advocacy | Cambio | 8 h |",
        ]
    )
    report = check_syllabus(text).to_dict()
    titles = [m["title"] for m in report["modules"]]
    assert titles[0].startswith("The family partner's professional responsibilities")
    credited = {tag for m in report["modules"] for tag in m["competencies"]}
    assert {"pcfm-1", "pcfm-2", "pcfm-3", "pcfm-4", "pcfm-5"} <= credited
