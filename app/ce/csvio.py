"""The CE record as CSV: read with row-level errors (nothing imported when a row is bad), write safely."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date

from app.ce.rules import ENTRY_FIELDS, FORMATS, SOURCES, CEEntry
from app.policy import DEFAULT_POLICY

COLUMNS = ENTRY_FIELDS
MAX_ROWS = 5000


@dataclass(frozen=True)
class RowError:
    line: int
    column: str
    message: str

    def __str__(self) -> str:
        return f"line {self.line}, {self.column}: {self.message}"


def _date(
    value: str, column: str, line: int, errors: list[RowError], *, required: bool
) -> date | None:
    value = value.strip()
    if not value:
        if required:
            errors.append(RowError(line, column, "a date (YYYY-MM-DD) is required"))
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        errors.append(RowError(line, column, f"{value!r} is not a date in the form YYYY-MM-DD"))
        return None


def _number(value: str, column: str, line: int, errors: list[RowError]) -> float | None:
    value = value.strip()
    if not value:
        return None
    try:
        number = float(value)
    except ValueError:
        errors.append(RowError(line, column, f"{value!r} is not a number"))
        return None
    if not 0 < number <= 1000:
        errors.append(RowError(line, column, "must be more than 0 and at most 1000"))
        return None
    return number


MAX_TEXT = 300  # the length the record stores for a title or provider
MAX_LIST = 1000  # topics or evidence names, joined


def read_csv(
    text: str, *, known_topics: frozenset[str] | None = None
) -> tuple[list[CEEntry], list[RowError]]:
    """Entries and row errors; a caller imports nothing when there is any error.

    ``known_topics`` (law-and-ethics topic ids of App. C 3.C), when given, rejects other ids.
    """
    text = text.lstrip("\ufeff")
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = [h.strip().lower() for h in (reader.fieldnames or [])]
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        return [], [
            RowError(
                1,
                ", ".join(missing),
                "missing column(s); the header must start with " + ", ".join(COLUMNS),
            )
        ]
    reader.fieldnames = header
    entries: list[CEEntry] = []
    errors: list[RowError] = []
    for index, row in enumerate(reader, start=2):
        if index > MAX_ROWS + 1:
            errors.append(RowError(index, "-", f"more than {MAX_ROWS} rows"))
            break
        values = {k: (v or "").strip() for k, v in row.items() if k}
        if not any(values.get(c) for c in COLUMNS):
            continue  # a blank line
        entry, row_errors = _read_row(values, index, known_topics)
        errors.extend(row_errors)
        if entry is not None:
            entries.append(entry)
    return entries, errors


def _read_row(
    values: dict[str, str], line: int, known_topics: frozenset[str] | None
) -> tuple[CEEntry | None, list[RowError]]:
    """One row as an entry, or None with the row's errors."""
    errors: list[RowError] = []
    _check_lengths(values, line, errors)
    topics = _topics(values["law_ethics_topics"], line, known_topics, errors)
    start = _date(values["start_date"], "start_date", line, errors, required=True)
    end = _date(values["end_date"], "end_date", line, errors, required=False)
    if start and end and end < start:
        errors.append(RowError(line, "end_date", "is before start_date"))
    hours, units = _hours_or_units(values, line, errors)
    _check_choices(values, line, errors)
    if errors:
        return None, errors
    entry = CEEntry(
        title=values["title"],
        provider=values["provider"],
        start_date=start,
        end_date=end,
        format=values["format"],
        hours=hours,
        units=units,
        source=values["source"],
        law_ethics=values["law_ethics"].lower() == "yes",
        law_ethics_topics=topics,
        evidence=[t.strip() for t in values["evidence"].split(";") if t.strip()],
        line=line,
    )
    return entry, []


def _check_lengths(values: dict[str, str], line: int, errors: list[RowError]) -> None:
    for column in ("title", "provider"):
        if not values[column]:
            errors.append(RowError(line, column, "is required"))
        elif len(values[column]) > MAX_TEXT:
            errors.append(RowError(line, column, f"is longer than {MAX_TEXT} characters"))
    for column in ("law_ethics_topics", "evidence"):
        if len(values[column]) > MAX_LIST:
            errors.append(RowError(line, column, f"is longer than {MAX_LIST} characters"))


def _topics(
    value: str, line: int, known_topics: frozenset[str] | None, errors: list[RowError]
) -> list[str]:
    topics = [t.strip() for t in value.split(";") if t.strip()]
    unknown = [t for t in topics if known_topics is not None and t not in known_topics]
    if unknown:
        errors.append(
            RowError(
                line,
                "law_ethics_topics",
                f"unknown topic(s) {', '.join(unknown)}; use the ids of {DEFAULT_POLICY.cite('ce.law_ethics_topics')} (le-1, le-2, …)",
            )
        )
    return topics


def _hours_or_units(
    values: dict[str, str], line: int, errors: list[RowError]
) -> tuple[float | None, float | None]:
    before = len(errors)
    hours = _number(values["hours"], "hours", line, errors)
    units = _number(values["units"], "units", line, errors)
    if hours is None and units is None and len(errors) == before:
        errors.append(RowError(line, "hours", "fill hours or units"))
    if hours is not None and units is not None:
        errors.append(RowError(line, "units", "fill hours or units, not both"))
    return hours, units


def _check_choices(values: dict[str, str], line: int, errors: list[RowError]) -> None:
    if values["format"] not in FORMATS:
        errors.append(RowError(line, "format", f"must be one of {', '.join(FORMATS)}"))
    if values["source"] not in SOURCES:
        errors.append(RowError(line, "source", f"must be one of {', '.join(SOURCES)}"))
    if values["law_ethics"].lower() not in ("yes", "no"):
        errors.append(RowError(line, "law_ethics", "must be yes or no"))


def _cell(value: str) -> str:
    """Spreadsheet programs run cells starting with = + - @ as formulas: keep them as text."""
    return "'" + value if value[:1] in ("=", "+", "-", "@") else value


def write_csv(entries: list[CEEntry]) -> str:
    """The record in the exchange format (header first, columns in order)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    for e in entries:
        writer.writerow(
            [
                _cell(e.title),
                _cell(e.provider),
                e.start_date.isoformat(),
                e.end_date.isoformat() if e.end_date else "",
                e.format,
                f"{e.hours:g}" if e.hours is not None else "",
                f"{e.units:g}" if e.units is not None else "",
                e.source,
                "yes" if e.law_ethics else "no",
                ";".join(e.law_ethics_topics),
                ";".join(_cell(x) for x in e.evidence),
            ]
        )
    return buffer.getvalue()
