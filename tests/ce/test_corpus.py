"""CE spreadsheets as people keep them: every file of the development corpus read as expected."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.ce.csvio import read_record
from app.ce.spreadsheet import TopicIndex
from app.framework.loader import load_catalog

DEV = Path(__file__).parent / "corpus" / "dev"
EXPECTED = json.loads((DEV / "expected.json").read_text())
CASES = sorted(name for name in EXPECTED if not name.startswith("_"))


@pytest.fixture(scope="module")
def topics() -> TopicIndex:
    return TopicIndex.from_catalog(load_catalog().law_ethics_topics)


def _outcome(reading) -> str:
    if reading.errors:
        return "refused"
    return "confirm" if reading.needs_confirmation else "accepted"


def _rows(reading) -> list[list]:
    return [
        [
            e.title,
            e.start_date.isoformat(),
            e.end_date.isoformat() if e.end_date else None,
            e.hours,
            e.units,
            e.law_ethics,
            e.law_ethics_topics,
        ]
        for e in reading.entries
    ]


@pytest.mark.parametrize("name", CASES)
def test_dev_corpus_file(name, topics):
    expected = EXPECTED[name]
    reading = read_record((DEV / name).read_text(encoding="utf-8-sig"), topics=topics)
    assert _outcome(reading) == expected["outcome"], [str(e) for e in reading.errors]
    if expected["outcome"] == "refused":
        assert [[e.line, e.column] for e in reading.errors] == expected["errors"]
        for word in expected.get("names", []):
            assert word in reading.errors[0].message
        return
    assert _rows(reading) == expected["entries"]
    assert reading.asked == expected.get("asked", [])


def test_confirmed_layout_with_answers_is_ready(topics):
    text = (DEV / "course_name_layout.csv").read_text()
    reading = read_record(
        text,
        topics=topics,
        confirmed=True,
        answers={"source": "calmhsa_ce_provider", "format": "online_live"},
    )
    assert reading.ready
    assert {e.source for e in reading.entries} == {"calmhsa_ce_provider"}
    assert read_record(text, topics=topics, confirmed=True).asked == ["source", "format"]


def test_us_dates_and_topic_names_read_as_the_exchange_format(topics):
    iso = read_record((DEV / "native_iso.csv").read_text(), topics=topics)
    us = read_record((DEV / "us_dates_topic_names.csv").read_text(), topics=topics)
    assert iso.ready and us.ready
    assert _rows(iso) == _rows(us)


def test_header_below_a_title_block_in_a_semicolon_file(topics):
    reading = read_record((DEV / "title_block_semicolon.csv").read_text(), topics=topics)
    assert reading.layout.header_line == 4 and len(reading.entries) == 3


def test_total_line_is_refused_not_counted(topics):
    reading = read_record((DEV / "totals_line.csv").read_text(), topics=topics, confirmed=True)
    assert "total line" in reading.errors[0].message
