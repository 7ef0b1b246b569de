"""The CE CSV exchange format."""

from __future__ import annotations

from datetime import date

from app.ce.csvio import COLUMNS, read_csv, write_csv
from app.ce.rules import CEEntry

HEADER = ",".join(COLUMNS)


def test_round_trip():
    entries = [
        CEEntry(
            "=HYPERLINK(x)",
            "Golden State",
            date(2025, 6, 1),
            None,
            "online_live",
            3,
            None,
            "calmhsa_ce_provider",
            True,
            ["le-3", "le-13"],
            ["cert.pdf"],
        ),
        CEEntry(
            "Psychology 101",
            "City College",
            date(2025, 1, 10),
            date(2025, 5, 20),
            "in_person",
            None,
            3,
            "accredited_school",
            False,
            [],
            [],
        ),
    ]
    text = write_csv(entries)
    # The exchange columns, then when and why an entry was withdrawn (empty: both stand).
    assert text.splitlines()[0] == HEADER + ",withdrawn_on,withdrawn_reason"
    assert text.splitlines()[1].endswith(",cert.pdf,,")
    assert "'=HYPERLINK" in text  # not run as a formula in a spreadsheet
    back, errors = read_csv(text)
    assert errors == []
    assert back[0].title == "'=HYPERLINK(x)" and back[0].law_ethics_topics == ["le-3", "le-13"]
    assert back[1].units == 3 and back[1].end_date == date(2025, 5, 20)
    assert back[0].withdrawn is None and back[1].withdrawn is None


def test_row_errors_name_line_and_column_and_nothing_is_imported():
    text = (
        HEADER
        + "\n"
        + "\n".join(
            [
                "Good,Prov,2025-01-01,,in_person,3,,other,no,,",
                "Bad date,Prov,2025-13-01,,in_person,3,,other,no,,",
                ",Prov,2025-01-01,,by pigeon,,,mystery,maybe,,",
            ]
        )
    )
    entries, errors = read_csv(text)
    where = {(e.line, e.column) for e in errors}
    assert (3, "start_date") in where
    assert {(4, "title"), (4, "format"), (4, "hours"), (4, "source"), (4, "law_ethics")} <= where
    assert len(entries) == 1  # callers import nothing when errors is not empty


def test_bom_crlf_blank_lines_extra_columns_and_missing_header():
    text = (
        "\ufeff"
        + HEADER
        + ",note\r\n\r\nA,B,2025-02-02,,asynchronous,,1.5,licensing_board,no,,,x\r\n"
    )
    entries, errors = read_csv(text)
    assert errors == [] and entries[0].units == 1.5
    _, errors = read_csv("title,provider\nA,B\n")
    assert errors and "missing column" in errors[0].message


def test_overlong_values_and_unknown_topics_are_row_errors():
    long_title = "x" * 301
    text = (
        HEADER
        + f"\n{long_title},P,2025-01-01,,in_person,3,,other,no,,"
        + "\nLaw,P,2025-01-01,,in_person,3,,other,yes,le-3;le-99,"
    )
    entries, errors = read_csv(text, known_topics=frozenset({"le-3"}))
    assert entries == []
    assert {(e.line, e.column) for e in errors} == {(2, "title"), (3, "law_ethics_topics")}
    assert "le-99" in errors[1].message
