"""Printed summaries: a header set out of line with its rows, an hours column that says 0 for a
session that did not take place, and a key set apart from its number by spaces or dots."""

from __future__ import annotations

from app.syllabus.column_roles import column_roles
from app.syllabus.fixed_width import gutter_cells, placed_cells
from app.syllabus.outline import field_pair
from app.syllabus.services import check_syllabus

ROWS = [
    "1   Tue 3/10    8:30 -  3:00  Roles of a family partner                   6.0    18",
    "2   Wed 3/11    8:30 -  3:00  Finding help in schools and clinics         6.0    17",
    "3   Thu 3/12    8:30 -  3:00  Caring for the caregiver                    6.0    18",
]
HEADER = "No. Day         From -    To  Topic                                       Hrs    Present"


def test_header_words_join_the_rows_columns_they_sit_over():
    # The header's own gaps do not line up with the rows' ("From -    To" over "8:30 -  3:00").
    assert gutter_cells(HEADER, ROWS) != ["No.", "Day", "From - To Topic", "Hrs", "Present"]
    assert placed_cells(HEADER, ROWS, 3) == ["No.", "Day", "From - To Topic", "Hrs", "Present"]


def test_a_header_word_between_columns_joins_the_nearest():
    rows = ["alpha      12", "beta       30"]
    assert placed_cells("Name   Count", rows, 3) == ["Name", "Count"]
    assert placed_cells("Name  Count", rows, 3) == ["Name", "Count"]


def test_placed_cells_need_two_rows_and_a_word_over_every_column():
    assert placed_cells(HEADER, ROWS[:1], 3) is None
    assert placed_cells("No. Day", ROWS, 3) is None  # three columns get no header word
    ragged = [*ROWS[:2], "3   Thu 3/12    8:30 -  3:00  Caring for the caregiver"]
    assert placed_cells(HEADER, ragged, 3) is None  # a row with empty columns


def test_a_column_headed_by_a_time_and_a_title_holds_the_titles():
    roles = column_roles(["No.", "Day", "From - To Topic", "Hrs", "Present"])
    assert roles[2] == "title"
    assert roles[3] == "hours"
    # A column named by its time alone keeps that role when another holds the titles.
    assert column_roles(["Start", "Topic", "Hours"]) == {0: "time", 1: "title", 2: "hours"}


def test_a_key_set_apart_from_its_number_is_a_field():
    assert field_pair("Total hours credited      35.0") == ("total hours credited", "35.0")
    assert field_pair("Contact hours ........ 6") == ("contact hours", "6")
    assert field_pair("Contact hours…6") == ("contact hours", "6")


def test_a_run_of_spaces_before_a_sentence_or_an_unknown_key_is_not_a_field():
    assert field_pair("Caring for the caregiver      6.0") is None  # no known detail named
    assert field_pair("Hours      6 of them are spent in small groups today") is None
    assert field_pair("   40 hours") is None


def _summary(cancelled_hours: str) -> str:
    rows = [
        *ROWS,
        f"4   Fri 3/13    8:30 -  3:00  Speaking up for change in systems           {cancelled_hours}     0",
        "5   Mon 3/16    8:30 -  3:00  Closing practice and reflection             6.0    18",
    ]
    return "\n".join(
        [
            "---",
            "program: pcfm",
            "---",
            "FAMILY PARTNER SPECIALIZATION - ATTENDANCE SUMMARY",
            "Open to certified Medi-Cal Peer Support Specialists only (certification checked).",
            "",
            "Credited hours are the scheduled time less a 30-minute meal.",
            "",
            HEADER,
            *rows,
            "                                                               ----",
            "                                         Hours credited        24.0",
        ]
    )


def test_a_cancelled_session_with_zero_hours_is_not_counted_from_its_times():
    report = check_syllabus(_summary("0.0")).to_dict()
    hours = [m["hours"] for m in report["modules"]]
    assert hours == [6.0, 6.0, 6.0, 0.0, 6.0]
    assert report["total_hours"] == 24.0
    assert report["verdict"] != "pass"
    assert [t["hours"] for t in report["declared_totals"]] == [24.0]


def test_the_same_summary_with_hours_in_every_row_counts_them_all():
    report = check_syllabus(_summary("6.0")).to_dict()
    assert report["total_hours"] == 30.0
    titles = [m["title"] for m in report["modules"]]
    assert any("Caring for the caregiver" in title for title in titles)
