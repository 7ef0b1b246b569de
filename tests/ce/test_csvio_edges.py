"""Edges of the CE reader: empty and unreadable files, row limits, dates, flags and answers."""

from __future__ import annotations

from datetime import date

from app.ce import csvio
from app.ce.csvio import COLUMNS, decode, read_csv, read_record
from app.ce.spreadsheet import TopicIndex

HEADER = ",".join(COLUMNS)
INDEX = TopicIndex([("le-9", "Telehealth services", ("telehealth",))])


def _row(**values) -> str:
    row = dict.fromkeys(COLUMNS, "")
    row.update(
        title="T",
        provider="P",
        start_date="2025-01-01",
        format="in_person",
        hours="1",
        source="other",
        law_ethics="no",
    )
    row.update(values)
    return HEADER + "\n" + ",".join(row[c] for c in COLUMNS) + "\n"


def _errors(text, **kwargs):
    return [(e.line, e.column) for e in read_record(text, **kwargs).errors]


def test_empty_unreadable_and_headerless_files():
    assert [e.message for e in read_record("").errors] == ["the file is empty"]
    assert (
        "not readable as CSV" in read_record('a,b\n"' + "x" * 200_000 + '",z\n').errors[0].message
    )
    (error,) = read_record("hello\nworld\n").errors
    assert error.column == "header" and "no column for a course title" in error.message


def test_more_rows_than_allowed(monkeypatch):
    monkeypatch.setattr(csvio, "MAX_ROWS", 2)
    text = _row() + "\n".join(["T2,P,2025-01-02,,in_person,1,,other,no,,"] * 3)
    assert (4, "-") in _errors(text)


def test_another_layout_is_an_error_for_read_csv():
    _, errors = read_csv("Course Name,Completion Date,Credit Hours,Provider\nA,03/04/2025,2,B\n")
    assert errors[0].column == "header" and "'Completion Date' as end_date" in errors[0].message


def test_dates_missing_reversed_or_equal():
    assert (2, "start_date") in _errors(_row(start_date=""))
    assert (2, "end_date") in _errors(_row(start_date="2025-02-02", end_date="2025-01-01"))
    (entry,) = read_record(_row(end_date="01/01/2025")).entries
    assert entry.end_date is None and entry.start_date == date(2025, 1, 1)


def test_long_lists_and_both_hours_and_units():
    assert (2, "evidence") in _errors(_row(evidence="x" * 1001))
    assert (2, "units") in _errors(_row(units="2"))


def test_law_ethics_column_with_hours_or_a_topic():
    (entry,) = read_record(_row(law_ethics="3"), topics=INDEX).entries
    assert entry.law_ethics
    (entry,) = read_record(_row(law_ethics="Telehealth"), topics=INDEX).entries
    assert entry.law_ethics and entry.law_ethics_topics == ["le-9"]
    assert (2, "law_ethics") in _errors(_row(law_ethics="maybe"), topics=INDEX)


def test_answers_fill_blank_cells_and_certificate_columns_read_yes():
    text = "Course,Date,Hours,Provider,Source,Certificate\nA,03/14/2025,2,B,,Yes\nC,03/15/2025,1,B,county,No\n"
    reading = read_record(
        text, confirmed=True, answers={"source": "licensing_board", "format": "in_person"}
    )
    assert reading.ready
    first, second = reading.entries
    assert (first.source, first.evidence) == ("licensing_board", ["Certificate"])
    assert (second.source, second.evidence) == ("county_behavioral_health", [])
    bad = read_record(text, confirmed=True, answers={"source": "mystery", "format": "by post"})
    assert {e.column for e in bad.errors} == {"source", "format"}


def test_decode_utf8_windows_1252_and_neither():
    assert decode("Café".encode()) == ("Café", "")
    assert decode("Café".encode("cp1252")) == ("Café", "")
    assert decode(b"\x81\x8d")[0] is None
