"""The CE record as CSV: read with row-level errors (nothing imported when a row is bad), write safely.

Reads the exchange format and the layouts of other tools (see app.ce.spreadsheet for the cells).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from app.ce.rules import ENTRY_FIELDS, FORMATS, SOURCES, CEEntry, normalized
from app.ce.spreadsheet import (
    FORMAT_NAMES,
    SOURCE_NAMES,
    WITHDRAWN_COLUMNS,
    DateReading,
    Layout,
    TopicIndex,
    amount,
    choice,
    detect_layout,
    read_date,
    read_date_range,
    score_header,
    yes_no,
)
from app.messages import Listed, Message, joined
from app.policy import DEFAULT_POLICY

COLUMNS = ENTRY_FIELDS
EXPORTED = (*COLUMNS, *WITHDRAWN_COLUMNS)  # what an export writes: the exchange, then the mark
MAX_ROWS = 5000


@dataclass(frozen=True)
class RowError:
    line: int
    column: str
    message: str

    def __str__(self) -> str:
        return f"line {self.line}, {self.column}: {self.message}"

    def for_people(self) -> Message:
        """The error as the import page says it: the column in words, not the field's name."""
        column = FIELD_PHRASES.get(self.column) or (
            Message("the file") if self.column in ("-", "") else self.column
        )
        return Message(
            "Line %(line)s, %(column)s: %(problem)s",
            line=str(self.line),
            column=column,
            problem=_in_words(self.message),
        )


def _in_words(value):
    """``value`` with the fields' names no person would write (``start_date``) in words: a name
    given as a value becomes its phrase (translated at the edge), a name inside text is replaced
    in English."""
    if isinstance(value, Message):
        return Message(value.template, **{k: _in_words(v) for k, v in value.params.items()})
    if isinstance(value, Listed):
        return Listed([_in_words(p) for p in value.parts], value.separator, capital=value.capital)
    if not isinstance(value, str):
        return value
    if "_" in value and value in FIELD_PHRASES:
        return FIELD_PHRASES[value]
    for name, words in FIELD_WORDS.items():
        if "_" in name:  # only the names no person would write
            value = re.sub(rf"\b{name}\b", f"the {words}", value)
    return value


# What the import page calls each field of an entry (the CLI and the export keep the names).
FIELD_WORDS = {
    "law_ethics_topics": "law and ethics topics",
    "law_ethics": "law and ethics mark",
    "start_date": "first day",
    "end_date": "last day",
    "hours": "hours",
    "units": "academic units",
    "title": "course title",
    "provider": "sponsor or provider",
    "source": "source",
    "format": "format",
    "evidence": "evidence",
}


# The same, as the import page writes it in a sentence (translated where it is shown).
FIELD_PHRASES = {
    "law_ethics_topics": Message("the law and ethics topics"),
    "law_ethics": Message("the law and ethics mark"),
    "start_date": Message("the first day"),
    "end_date": Message("the last day"),
    "hours": Message("the hours"),
    "units": Message("the academic units"),
    "title": Message("the course title"),
    "provider": Message("the sponsor or provider"),
    "source": Message("the source"),
    "format": Message("the format"),
    "evidence": Message("the evidence"),
}


MAX_TEXT = 300  # the length the record stores for a title or provider
MAX_LIST = 1000  # topics or evidence names, joined
DELIMITERS = (",", ";", "\t")
HEADER_SEARCH_ROWS = 15


@dataclass
class Reading:
    """What a CE spreadsheet says: its layout, its entries, the row errors and notes.

    A caller stores nothing when there are errors, when the layout is not the exchange
    format and the peer has not confirmed it, or when a value is still asked for.
    """

    entries: list[CEEntry] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    layout: Layout | None = None
    notes: list[str] = field(default_factory=list)
    confirmed: bool = False
    asked: list[str] = field(default_factory=list)  # fields no column gives and no answer fills

    @property
    def needs_confirmation(self) -> bool:
        return self.layout is not None and not self.layout.native and not self.confirmed

    @property
    def ready(self) -> bool:
        return not self.errors and not self.needs_confirmation and not self.asked


def _rows(text: str) -> tuple[list[list[str]], str]:
    """The rows of the file with the delimiter whose header names the most fields."""
    best: tuple[int, str] = (-1, ",")
    sample = "\n".join(text.splitlines()[:HEADER_SEARCH_ROWS])
    for delimiter in DELIMITERS:
        rows = list(csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter))
        score = max((score_header(r) for r in rows), default=0)
        if score > best[0]:
            best = (score, delimiter)
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=best[1])), best[1]


def _header_row(rows: list[list[str]]) -> int | None:
    """Index of the header: the first row (of the first few) naming two fields or more."""
    for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        if score_header(row) >= 2:
            return index
    return None


def read_record(
    text: str,
    *,
    topics: TopicIndex | None = None,
    confirmed: bool = False,
    answers: Mapping[str, str] | None = None,
) -> Reading:
    """Read a CE record in the exchange format or another layout (see app.ce.spreadsheet).

    ``topics`` recognises law-and-ethics topics by id or name (without it any id is kept);
    ``confirmed`` says the peer accepted the column mapping shown; ``answers`` fills fields no
    column gives (``source``, ``format``) for every row.
    """
    text = text.lstrip("\ufeff")
    answers = dict(answers or {})
    reading = Reading(confirmed=confirmed)
    try:
        rows, _ = _rows(text)
    except csv.Error as error:
        reading.errors.append(
            RowError(
                1, "-", Message("the file is not readable as CSV (%(error)s)", error=str(error))
            )
        )
        return reading
    at = _header_row(rows)
    if at is None:  # no row names two fields: name what the first row lacks
        at = next((i for i, row in enumerate(rows) if any(c.strip() for c in row)), None)
    if at is None:
        reading.errors.append(RowError(1, "-", Message("the file is empty")))
        return reading
    layout = detect_layout(rows[at], line=at + 1)
    reading.layout = layout
    if layout.missing:
        reading.errors.append(
            RowError(
                layout.header_line,
                "header",
                Message(
                    "missing column(s): no column for %(missing)s. Name the columns, or use the "
                    "exchange format: %(columns)s",
                    missing=joined(list(layout.missing), "; "),
                    columns=", ".join(COLUMNS),
                ),
            )
        )
        return reading
    reading.asked = [a for a in layout.asked if not answers.get(a)]
    reading.errors.extend(_answer_errors(layout, answers))
    _read_rows(reading, rows, layout, topics, answers)
    reading.errors.sort(key=lambda e: e.line)
    return reading


def _answer_errors(layout: Layout, answers: Mapping[str, str]) -> list[RowError]:
    allowed = {"source": SOURCES, "format": FORMATS}
    return [
        RowError(0, name, Message("must be one of %(allowed)s", allowed=", ".join(allowed[name])))
        for name in allowed
        if answers.get(name) and answers[name] not in allowed[name]
    ]


def _read_rows(
    reading: Reading,
    rows: list[list[str]],
    layout: Layout,
    topics: TopicIndex | None,
    answers: Mapping[str, str],
) -> None:
    """Read the rows below the header into ``reading``; day/month files refuse ambiguous dates."""
    at = layout.header_line - 1
    day_first: list[int] = []
    month_day: list[tuple[int, str]] = []
    for index, row in enumerate(rows[at + 1 :], start=at + 2):
        if index > at + 1 + MAX_ROWS:
            reading.errors.append(
                RowError(index, "-", Message("more than %(most)s rows", most=str(MAX_ROWS)))
            )
            break
        values = {
            name: (row[i].strip() if i < len(row) else "") for name, i in layout.columns.items()
        }
        if not any(values.values()):
            continue  # a blank line
        if _is_total(values):
            reading.errors.append(
                RowError(
                    index,
                    "title",
                    Message(
                        "%(title)s looks like a total line, not a course; remove it",
                        title=repr(values["title"]),
                    ),
                )
            )
            continue
        entry, errors, dates = _read_row(values, index, topics, answers, layout)
        day_first.extend(index for d in dates if d.day_first)
        month_day.extend((index, _date_column(layout)) for d in dates if d.month_day)
        reading.errors.extend(errors)
        if entry is not None:
            reading.entries.append(entry)
    if day_first and month_day:
        for line, column in month_day:
            reading.errors.append(
                RowError(
                    line,
                    column,
                    Message(
                        "ambiguous: the file also has day/month dates (line %(line)s); write dates "
                        "as MM/DD/YYYY or YYYY-MM-DD",
                        line=str(day_first[0]),
                    ),
                )
            )
        bad = {line for line, _ in month_day}
        reading.entries = [e for e in reading.entries if e.line not in bad]


def _date_column(layout: Layout) -> str:
    return "start_date" if "start_date" in layout.columns else "end_date"


def _is_total(values: dict[str, str]) -> bool:
    title = normalized(values.get("title", ""))
    dated = values.get("start_date") or values.get("end_date")
    return not dated and (title.startswith("total") or title in ("sum", "grand total"))


def read_csv(
    text: str, *, known_topics: frozenset[str] | None = None, topics: TopicIndex | None = None
) -> tuple[list[CEEntry], list[RowError]]:
    """Entries and row errors of a record in the exchange format; a caller imports nothing when there is any error.

    ``known_topics`` (law-and-ethics topic ids of App. C 3.C), when given, rejects other ids;
    ``topics`` also reads topic names. Another layout is an error naming the columns read.
    """
    if topics is None and known_topics is not None:
        topics = TopicIndex.from_ids(known_topics)
    reading = read_record(text, topics=topics)
    errors = list(reading.errors)
    if not errors and reading.needs_confirmation:
        errors.append(layout_error(reading.layout))
    return reading.entries, errors


def layout_error(layout: Layout) -> RowError:
    mapped = joined(
        [
            Message("%(header)s as %(name)s", header=repr(header), name=name)
            for header, name in layout.described()
        ],
        "; ",
    )
    unused = (
        Message(" (not used: %(names)s)", names=", ".join(layout.ignored)) if layout.ignored else ""
    )
    return RowError(
        layout.header_line,
        "header",
        Message(
            "not the exchange format; the columns would be read as: %(mapped)s%(unused)s. Confirm "
            "this mapping, or use the columns %(columns)s",
            mapped=mapped,
            unused=unused,
            columns=", ".join(COLUMNS),
        ),
    )


def _read_row(
    values: dict[str, str],
    line: int,
    topic_index: TopicIndex | None,
    answers: Mapping[str, str],
    layout: Layout,
) -> tuple[CEEntry | None, list[RowError], list[DateReading]]:
    """One row as an entry, or None with the row's errors."""
    errors: list[RowError] = []
    _check_lengths(values, line, errors)
    start, end, dates = _dates(values, line, errors)
    hours, units = _hours_or_units(values, line, errors)
    law_ethics, topics = _law_ethics(values, line, topic_index, errors)
    entry_format = _choice(values, "format", FORMAT_NAMES, FORMATS, answers, line, errors)
    source = _choice(values, "source", SOURCE_NAMES, SOURCES, answers, line, errors)
    if errors:
        return None, errors, dates
    entry = CEEntry(
        title=values["title"],
        provider=values.get("provider", ""),
        start_date=start,
        end_date=end,
        format=entry_format or "",
        hours=hours,
        units=units,
        source=source or "",
        law_ethics=law_ethics,
        law_ethics_topics=topics,
        evidence=_evidence(values.get("evidence", ""), layout),
        line=line,
        withdrawn=_withdrawn(values),
    )
    return entry, [], dates


def _withdrawn(values: dict[str, str]) -> str | None:
    """The reason a row is marked withdrawn (its withdrawn columns filled), else None."""
    if not (values.get("withdrawn_on") or values.get("withdrawn_reason")):
        return None
    return values.get("withdrawn_reason", "")


def _dates(
    values: dict[str, str], line: int, errors: list[RowError]
) -> tuple[date | None, date | None, list[DateReading]]:
    """Start and end: one date column is the day of completion; a cell may hold a range."""
    start_text, end_text = values.get("start_date", ""), values.get("end_date", "")
    readings: list[DateReading] = []
    start = end = None
    if start_text:
        first, last = read_date_range(start_text)
        readings.append(first)
        column = "start_date"
        if first.error:
            errors.append(RowError(line, column, first.error))
        start = first.value
        if last is not None:
            readings.append(last)
            end = last.value
    if end_text and end is None:
        reading = read_date(end_text)
        readings.append(reading)
        if reading.error:
            errors.append(RowError(line, "end_date", reading.error))
        end = reading.value
    if not start_text and not end_text:
        errors.append(
            RowError(line, "start_date", Message("a date (MM/DD/YYYY or YYYY-MM-DD) is required"))
        )
    if start is None and end is not None and not start_text:
        start, end = end, None  # only a completion date: the course's one day
    if start and end and end < start:
        errors.append(
            RowError(line, "end_date", Message("is before %(field)s", field="start_date"))
        )
    if start and end == start:
        end = None
    return start, end, readings


def _check_lengths(values: dict[str, str], line: int, errors: list[RowError]) -> None:
    for column in ("title", "provider"):
        if not values.get(column):
            errors.append(RowError(line, column, Message("is required")))
        elif len(values[column]) > MAX_TEXT:
            errors.append(RowError(line, column, _longer(MAX_TEXT)))
    for column in ("law_ethics_topics", "evidence"):
        if len(values.get(column, "")) > MAX_LIST:
            errors.append(RowError(line, column, _longer(MAX_LIST)))


def _longer(most: int) -> Message:
    return Message("is longer than %(most)s characters", most=str(most))


def _law_ethics(
    values: dict[str, str], line: int, index: TopicIndex | None, errors: list[RowError]
) -> tuple[bool, list[str]]:
    """Law and ethics from its yes/no column, a topic column or a category column."""
    topics: list[str] = []
    named = False
    topic_cell = values.get("law_ethics_topics", "")
    if topic_cell:
        if index is None:
            topics = [t.strip() for t in topic_cell.split(";") if t.strip()]
        else:
            topics, unknown, named = index.read(topic_cell)
            if unknown:
                errors.append(
                    RowError(
                        line,
                        "law_ethics_topics",
                        Message(
                            "unknown topic(s) %(topics)s; use the titles or ids of %(citation)s "
                            "(le-1, le-2, …)",
                            topics=", ".join(unknown),
                            citation=DEFAULT_POLICY.cite("ce.law_ethics_topics"),
                        ),
                    )
                )
    category = values.get("category", "")
    if category and index is not None:
        found, _unknown, says = index.read(category)
        topics = list(dict.fromkeys([*topics, *found]))
        named = named or says
    flag = values.get("law_ethics", "")
    if not flag:
        return bool(topics) or named, topics
    answer = yes_no(flag)
    if answer is None:
        hours = amount(flag)
        if hours.hours is not None:
            answer = True
        elif index is not None and index.read(flag)[0]:
            answer = True
            topics = list(dict.fromkeys([*topics, *index.read(flag)[0]]))
    if answer is None:
        errors.append(
            RowError(line, "law_ethics", Message("%(value)s is not yes or no", value=repr(flag)))
        )
        return False, topics
    return answer, topics


def _hours_or_units(
    values: dict[str, str], line: int, errors: list[RowError]
) -> tuple[float | None, float | None]:
    before = len(errors)
    hours = amount(values.get("hours", ""))
    units = amount(values.get("units", ""), as_units=True)
    for column, read in (("hours", hours), ("units", units)):
        if read.error:
            errors.append(RowError(line, column, read.error))
    hour_value = hours.hours
    unit_value = units.units if units.units is not None else hours.units
    if hour_value is None and unit_value is None and len(errors) == before:
        errors.append(RowError(line, "hours", Message("fill hours or units")))
    if hour_value is not None and unit_value is not None:
        errors.append(RowError(line, "units", Message("fill hours or units, not both")))
    return hour_value, unit_value


def _choice(
    values: dict[str, str],
    column: str,
    names: Mapping[str, str],
    allowed: tuple[str, ...],
    answers: Mapping[str, str],
    line: int,
    errors: list[RowError],
) -> str | None:
    if column not in values:
        return answers.get(column) or None
    value = values[column]
    if not value and answers.get(column):
        return answers[column]
    found = choice(value, names)
    if found is None:
        errors.append(
            RowError(
                line,
                column,
                Message(
                    "%(value)s is not one of %(allowed)s",
                    value=repr(value),
                    allowed=", ".join(allowed),
                )
                if value
                else Message("is required (one of %(allowed)s)", allowed=", ".join(allowed)),
            )
        )
    return found


def _evidence(value: str, layout: Layout) -> list[str]:
    """Evidence names; a yes/no certificate column lists the column's own name."""
    answer = yes_no(value)
    if answer is not None and not layout.native:
        return [layout.header[layout.columns["evidence"]]] if answer else []
    return [t.strip() for t in value.replace("|", ";").split(";") if t.strip()]


def entry_key(entry: CEEntry) -> tuple:
    """What makes two entries the same record line (re-importing a file adds nothing)."""
    return (
        normalized(entry.title),
        normalized(entry.provider),
        entry.start_date,
        entry.end_date,
        entry.hours,
        entry.units,
    )


def decode(data: bytes) -> tuple[str | None, str]:
    """The text of a CSV file: UTF-8, or Windows-1252 as spreadsheet programs on Windows save it."""
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding), ""
        except UnicodeDecodeError:
            continue
    return None, "The file is not UTF-8 text."


def _cell(value: str) -> str:
    """Spreadsheet programs run cells starting with = + - @ as formulas: keep them as text."""
    return "'" + value if value[:1] in ("=", "+", "-", "@") else value


def write_csv(entries: list[CEEntry], header: Sequence[str] | None = None) -> str:
    """The record in the exchange format (header first, columns in order). ``header``: the
    columns' names in the reader's language, one per column (the field names by default)."""
    if header is not None and len(header) != len(EXPORTED):
        raise ValueError(f"the header names {len(header)} columns, not {len(EXPORTED)}")
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(EXPORTED if header is None else header)
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
                e.withdrawn_on.isoformat() if e.withdrawn_on else "",
                _cell(e.withdrawn or "") if e.withdrawn is not None else "",
            ]
        )
    return buffer.getvalue()
