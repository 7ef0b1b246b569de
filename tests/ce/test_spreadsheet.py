"""Cells of CE spreadsheets: dates, hours, yes/no, topics, headers."""

from __future__ import annotations

from datetime import date

import pytest

from app.ce.spreadsheet import TopicIndex, amount, detect_layout, read_date, read_date_range, yes_no
from app.framework.loader import load_catalog


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2025-03-15", date(2025, 3, 15)),
        ("03/15/2025", date(2025, 3, 15)),
        ("3/5/2025", date(2025, 3, 5)),
        ("2025/03/15", date(2025, 3, 15)),
        ("2025-03-15 00:00:00", date(2025, 3, 15)),
        ("March 15, 2025", date(2025, 3, 15)),
        ("Sept. 3rd, 2025", date(2025, 9, 3)),
        ("15 Mar 2025", date(2025, 3, 15)),
        ("02/29/2024", date(2024, 2, 29)),
    ],
)
def test_dates_read(text, expected):
    assert read_date(text).value == expected


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("02/29/2025", "has 28 days"),
        ("13/13/2025", "no month 13"),
        ("15/03/2025", "day/month"),
        ("45731", "spreadsheet day number"),
        ("3/15/25", "two-digit year"),
        ("spring", "not a date"),
    ],
)
def test_dates_refused_with_reason(text, says):
    reading = read_date(text)
    assert reading.value is None and says in reading.error


def test_date_ranges_in_one_cell():
    first, last = read_date_range("May 5 to May 30, 2025")
    assert (first.value, last.value) == (date(2025, 5, 5), date(2025, 5, 30))
    first, last = read_date_range("03/14/2025 – 03/16/2025")
    assert (first.value, last.value) == (date(2025, 3, 14), date(2025, 3, 16))


@pytest.mark.parametrize(
    ("text", "hours", "units"),
    [
        ("1.5", 1.5, None),
        ("1.5 hrs", 1.5, None),
        ("2.00", 2, None),
        ("1,5", 1.5, None),
        ("90 min", 1.5, None),
        ("1 hr 30 min", 1.5, None),
        ("3 CEUs", 3, None),
        ("6 contact hours", 6, None),
        ("3 units", None, 3),
    ],
)
def test_amounts(text, hours, units):
    read = amount(text)
    assert (read.hours, read.units, read.error) == (hours, units, "")


@pytest.mark.parametrize("text", ["2-4 hours", "approximately 1 hour", "(varies)", "0", "1001"])
def test_amounts_refused(text):
    assert amount(text).error


@pytest.mark.parametrize("text", ["Yes", "Y", "TRUE", "x", "X", "1", "✓", "yes "])
def test_yes(text):
    assert yes_no(text) is True


@pytest.mark.parametrize("text", ["No", "n", "FALSE", "0", "-"])
def test_no(text):
    assert yes_no(text) is False


def test_maybe_is_neither():
    assert yes_no("maybe") is None


@pytest.fixture(scope="module")
def index():
    return TopicIndex.from_catalog(load_catalog().law_ethics_topics)


@pytest.mark.parametrize(
    ("cell", "ids"),
    [
        ("le-9", ["le-9"]),
        ("LE 3", ["le-3"]),
        ("Telehealth services", ["le-9"]),
        ("telehealth", ["le-9"]),
        ("STATE AND FEDERAL CONFIDENTIALITY LAWS", ["le-3"]),
        ("State & federal confidentiality law", ["le-3"]),
        ("HIPAA; Record-keeping", ["le-3", "le-4"]),
        ("Child abuse, elder and dependent adult abuse", ["le-8"]),
        ("Telehealth services, Dual relationships", ["le-9", "le-7"]),
        ("Dual relationships | Civil liability", ["le-7", "le-11"]),
        ("Elder/dependent adult abuse", ["le-8"]),
        ("Disciplinary actions & unprofessional conduct", ["le-12"]),
    ],
)
def test_topics_by_id_or_name(index, cell, ids):
    found, unknown, says = index.read(cell)
    assert (found, unknown, says) == (ids, [], True)


def test_unknown_topic_named_and_generic_law_and_ethics(index):
    assert index.read("Underwater basket weaving") == ([], ["Underwater basket weaving"], False)
    assert index.read("Law & Ethics") == ([], [], True)


def test_layouts():
    native = detect_layout(
        [
            "title",
            "provider",
            "start_date",
            "end_date",
            "format",
            "hours",
            "units",
            "source",
            "law_ethics",
            "law_ethics_topics",
            "evidence",
        ]
    )
    assert native.native and not native.missing and not native.asked
    other = detect_layout(
        ["Course Name", "Completion Date", "Credit Hours", "Provider", "Category"]
    )
    assert not other.native and not other.missing
    assert other.described() == [
        ("Course Name", "title"),
        ("Completion Date", "end_date"),
        ("Credit Hours", "hours"),
        ("Provider", "provider"),
        ("Category", "category"),
    ]
    assert other.asked == ["source", "format"]
    assert detect_layout(["Course", "Notes"]).missing


def test_odd_cells():
    assert read_date("Foo 15, 2025").value is None
    first, last = read_date_range("spring to summer")
    assert first.value is None and last is None
    shared = TopicIndex([("a", "Alpha", ("shared",)), ("b", "Beta", ("shared",))])
    assert shared.find("shared") is None and shared.find("and the") is None
    index = TopicIndex.from_catalog(load_catalog().law_ethics_topics)
    assert index.read("Telehealth;;") == (["le-9"], [], True)
    assert index.read("Telehealth, law and ethics") == (["le-9"], [], True)


def test_headers_repeated_blank_or_wordy():
    layout = detect_layout(["Course Title (as on the certificate)", "Course", "", "Date", "Hours"])
    assert layout.columns["title"] == 0 and layout.ignored == ["Course"]
