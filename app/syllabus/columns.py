"""Hour columns of a table: the unit a header states and columns that are parts of one unit (pure).

Two decisions about a table's hour columns, made from its header row:

- the unit a column's header states ("Duration (h:mm)", "Length (mm:ss)", "Minutes") applies to
  every cell of that column, so ``03:30`` under ``hh:mm`` is three and a half hours while
  ``12:40`` under ``mm:ss`` is a video of under a quarter hour;
- several hour columns that each name a delivery mode ("Synchronous hours", "Self-paced hours",
  "Horas asincrónicas") are parts of the row's unit: its hours are their sum, each part shown. A
  column headed "Total" restates the parts and is read instead of them, never added to them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from app.syllabus.durations import Duration, find_durations
from app.syllabus.fixed_width import gutter_cells, placed_cells
from app.syllabus.folding import fold

HOUR_WORDS = frozenset(
    {"hours", "hour", "hrs", "hr", "h", "horas", "hora", "duration", "duracion", "length"}
    | {"minutes", "mins", "min", "minutos", "hh:mm", "h:mm", "mm:ss"}
)  # not "time": a "Time" column holds when a part starts
# Words of a header that name a way of delivering instruction: such columns are parts of a unit.
MODE_WORDS = frozenset(
    {
        "synchronous",
        "asynchronous",
        "sync",
        "async",
        "live",
        "self-paced",
        "selfpaced",
        "online",
        "in-person",
        "person",
        "classroom",
        "virtual",
        "zoom",
        "webinar",
        "recorded",
        "independent",
        "sincronicas",
        "sincronica",
        "asincronicas",
        "asincronica",
        "presencial",
        "presenciales",
        "linea",
        "vivo",
        "autodirigidas",
        "autodirigido",
    }
)
TOTAL_WORDS = frozenset({"total", "totals", "totales", "combined", "overall", "sum", "suma"})
_CLOCK_CELL = re.compile(r"^(\d{1,3}):(\d{2})(?::(\d{2}))?$")
_NUMBER_CELL = re.compile(r"^\d{1,3}(?:[.,]\d{1,2})?$")


@dataclass(frozen=True)
class HourColumn:
    """One column of a table that holds hours: where it is, what it is, the unit it states."""

    index: int
    header: str
    kind: str  # part (names a delivery mode) | total | plain
    unit: str | None  # hmm | mmss | min | h | None (not stated)
    guessed: bool = False  # the unit was judged from the values, and another unit fits them too


def _words(header: str) -> set[str]:
    text = fold(header).replace("/", " ").replace("(", " ").replace(")", " ").replace(",", " ")
    return set(text.split())


def header_unit(header: str) -> str | None:
    """The unit a column header states: h:mm, mm:ss, minutes, hours, or None."""
    folded = fold(header).replace(" ", "")
    if "hh:mm" in folded or "h:mm" in folded:
        return "hmm"
    if "mm:ss" in folded or "m:ss" in folded:
        return "mmss"
    words = _words(header)
    if words & {"minutes", "mins", "min", "minutos"}:
        return "min"
    if words & {"hours", "hour", "hrs", "hr", "horas", "hora"}:
        return "h"
    return None


def hour_columns(header: list[str]) -> tuple[HourColumn, ...]:
    """The header's columns that hold hours, each with its kind and stated unit."""
    found = []
    for index, name in enumerate(header):
        words = _words(name)
        if not words & HOUR_WORDS and header_unit(name) is None:
            continue
        kind = "total" if words & TOTAL_WORDS else "part" if words & MODE_WORDS else "plain"
        found.append(HourColumn(index, name, kind, header_unit(name)))
    return tuple(found)


def cell_hours(cell: str, unit: str | None) -> float | None:
    """The hours of one cell read in its column's unit; a clock-like cell without a unit is None."""
    text = cell.strip()
    clock = _CLOCK_CELL.match(text)
    if clock is not None:
        first, second, third = int(clock[1]), int(clock[2]), clock[3]
        if second >= 60 or (third is not None and int(third) >= 60):
            return None
        if unit in ("hmm", "hmm?") and third is None:
            return round(first + second / 60, 4)
        if unit == "mmss" and third is None:
            return round((first + second / 60) / 60, 4)
        return None
    if _NUMBER_CELL.match(text) is None:
        return None
    value = float(text.replace(",", "."))
    return round(value / 60, 4) if unit == "min" else value


def row_hours(cells: list[str], columns: tuple[HourColumn, ...]) -> Duration | None:
    """The row's hours from its hour columns: a total column, else the sum of mode parts, else
    the first column whose cell reads in its stated unit."""
    if not columns:
        return None
    read = [
        (column, value, cells[column.index].strip())
        for column in columns
        if column.index < len(cells)
        and (value := cell_hours(cells[column.index], column.unit)) is not None
    ]
    totals = [entry for entry in read if entry[0].kind == "total"]
    parts = [entry for entry in read if entry[0].kind == "part"]
    if parts_of_modes(columns) and parts:
        chosen = parts
    elif sum(c.kind == "part" for c in columns) >= 2 and totals:
        chosen = totals[:1]  # a "Total" column restates the parts beside it
    elif read and read[0][0].unit in ("hmm", "mmss", "hmm?"):
        chosen = read[:1]
    else:
        return None  # one plain hours column: the cell is read as any other
    hours = round(sum(value for _, value, _ in chosen), 4)
    if hours <= 0:
        return None
    if len(chosen) == 1:
        shown = chosen[0][2]
    else:
        shown = " + ".join(f"{cell} ({column.header})" for column, _, cell in chosen)
    return Duration(hours, shown, 0, len(shown))


def parts_of_modes(columns: tuple[HourColumn, ...]) -> bool:
    """True when the table's hours are split into columns by delivery mode (no total column)."""
    kinds = [column.kind for column in columns]
    return kinds.count("part") >= 2 and "total" not in kinds


MIN_TABBED_CELLS = 3  # a line split into fewer cells is indented prose, not a table
ALIGNING_SPACES = "   "  # a PDF's text layer sets columns apart by runs of three spaces or more


def split_aligned(raw: str) -> list[str]:
    """The cells of a line whose columns are set apart by tabs, else by runs of spaces."""
    if "\t" in raw:
        return [" ".join(cell.split()) for cell in raw.split("\t")]
    return [cell.strip() for cell in raw.strip().split(ALIGNING_SPACES) if cell.strip()]


def tabbed_row(raw: str, lines: list[str], offset: int, open_width: int | None) -> list[str] | None:
    """The cells of ``raw`` when it is a line of a tab- or space-aligned table, else None.

    A tabbed line continues an open table; a space-aligned one only with as many cells as the
    header. A table opens on a header line followed by a line of as many cells; a space-aligned
    header must name a column of hours ("Date   Course   Contact hours").
    """
    if "|" in raw:
        return None
    cells = split_aligned(raw)
    if len(cells) < MIN_TABBED_CELLS:
        return None
    if open_width is not None:
        return cells if "\t" in raw or len(cells) == open_width else None
    following = lines[offset + 1] if offset + 1 < len(lines) else ""
    if len(split_aligned(following)) != len(cells) or ("\t" in raw) != ("\t" in following):
        return _fixed_width_header(raw, lines, offset)
    if "\t" not in raw and not hour_columns(cells):
        return None
    return cells


FIXED_WIDTH_LOOKAHEAD = 8  # rows read to find the gutters of a fixed-width header


def _fixed_width_header(raw: str, lines: list[str], offset: int) -> list[str] | None:
    """A space-aligned header whose names sit closer than its rows' columns ("Sess.  Title"),
    cut at the gutters of the rows below it, when it names a column of hours."""
    below = lines[offset + 1 : offset + 1 + FIXED_WIDTH_LOOKAHEAD]
    if not below or "\t" in raw:
        return None
    width = len(split_aligned(below[0]))
    rows = []
    for line in below:
        if not line.strip() or len(split_aligned(line)) != width:
            break
        rows.append(line)
    # The header's own gaps first; else its words placed in the rows' columns.
    for cells in (gutter_cells(raw, rows), placed_cells(raw, rows, len(ALIGNING_SPACES))):
        if cells is not None and len(cells) == width and hour_columns(cells):
            return cells
    return None


COUNT_WORDS = frozenset({"counts", "counted", "count", "cuenta", "cuentan", "credited"})
NO_CELLS = frozenset({"no", "n", "false"})
YES_CELLS = frozenset({"yes", "y", "true", "si"})


def counts_column(header: list[str]) -> int | None:
    """The column that says, row by row, whether the row counts toward the hours
    ("Counts toward credit hours", "Cuenta para las horas"), else None."""
    for index, name in enumerate(header):
        if _words(name) & COUNT_WORDS:
            return index
    return None


def counted_flag(cells: list[str], index: int | None) -> bool | None:
    """False when the row's cell in the counting column says no, True for yes, else None."""
    if index is None or index >= len(cells):
        return None
    cell = fold(cells[index].strip())
    if cell in NO_CELLS:
        return False
    return True if cell in YES_CELLS else None


# Words that offer a choice between modes: such lines are alternatives, never parts to add up.
ALTERNATIVE_WORDS = frozenset(
    {"or", "either", "choose", "option", "options", "alternative", "track", "instead", "o"}
    | {"opcion", "opciones", "elija", "elige"}
)
MAX_MODE_KEY_WORDS = 5  # "Live, in person" is a mode; a longer text before a colon is a title


def mode_part(text: str) -> tuple[str, Duration] | None:
    """ "Asynchronous: 2 h (videos, readings)" as (the mode as written, its duration), else None."""
    colon = text.find(":")
    if colon <= 0:
        return None
    key = text[:colon].strip()
    words = _words(key.replace("-", " ").replace("*", "")) | _words(key.replace("*", ""))
    if len(key.split()) > MAX_MODE_KEY_WORDS or not words & MODE_WORDS:
        return None
    values = find_durations(text[colon + 1 :])
    if not values or text[colon + 1 :][: values[0].start].strip(" *_"):
        return None  # the value must open with its duration
    return key.strip("* "), values[0]


def mode_parts_duration(texts: list[str]) -> Duration | None:
    """The hours of a unit whose timed lines are parts by delivery mode ("Asynchronous: 2 h",
    "Live, in person: 3 h"): their sum, each part shown; None unless there are two parts or more
    and every timed line is one."""
    if any(_words(text.replace(":", " ")) & ALTERNATIVE_WORDS for text in texts):
        return None  # "Online or in person: 3 h", "Option A, live: 3 h": one or the other
    parts = []
    for text in texts:
        part = mode_part(text)
        if part is None and find_durations(text):
            return None  # another timed line: the lines are sessions, not parts
        if part is not None:
            parts.append(part)
    if len(parts) < 2 or len({fold(key) for key, _ in parts}) < len(parts):
        return None
    if any(value.is_range or value.clock for _, value in parts):
        return None
    hours = round(sum(value.hours for _, value in parts), 4)
    shown = " + ".join(f"{value.text} ({key})" for key, value in parts)
    return Duration(hours, shown, 0, len(shown))


def sums_parts(cells: list[str], columns: tuple[HourColumn, ...]) -> bool:
    """True for a "Total" row of a table whose hours are split by delivery mode: it adds up the
    rows above, column by column, and is neither a session nor the course's declared total."""
    if not parts_of_modes(columns):
        return False
    hour_indexes = {column.index for column in columns}
    label = next((c for i, c in enumerate(cells) if c.strip() and i not in hour_indexes), "")
    return bool(_words(label.replace("*", "")) & TOTAL_WORDS)


MAX_CLOCK_SESSION_HOURS = 12  # "13:20" in a length column is minutes and seconds, not one session


def judge_clock_unit(column: HourColumn, cells: list[str]) -> HourColumn:
    """A column of clock-like lengths whose header names no unit, judged from its values: mm:ss
    when one of them is too long for hours and minutes, else h:mm marked as guessed (both fit)."""
    if column.unit not in (None, "h") or column.kind == "total":
        return column
    clocks = [match for cell in cells if (match := _CLOCK_CELL.match(cell.strip())) is not None]
    if not clocks or any(match[3] is not None for match in clocks):
        return column
    if column.unit == "h":
        return replace(column, unit="hmm")  # "1:30" under "Hours" is an hour and a half
    if any(int(match[1]) > MAX_CLOCK_SESSION_HOURS for match in clocks):
        return replace(column, unit="mmss")
    return replace(column, unit="hmm?", guessed=True)


MAX_LOOKAHEAD_ROWS = 400  # a column's unit is judged from its first rows


def judge_columns(columns: tuple[HourColumn, ...], rows: list[list[str]]) -> tuple[HourColumn, ...]:
    """Each hour column with its unit judged from the values of the rows under the header."""
    rows = rows[:MAX_LOOKAHEAD_ROWS]
    return tuple(
        judge_clock_unit(c, [row[c.index] for row in rows if c.index < len(row)]) for c in columns
    )


def guessed_header(cells: list[str], columns: tuple[HourColumn, ...]) -> str:
    """The header of the guessed column the row's hours were read from, else ""."""
    for column in columns:
        if (
            column.guessed
            and column.index < len(cells)
            and _CLOCK_CELL.match(cells[column.index].strip())
        ):
            return column.header
    return ""


def unclear_columns(
    columns: tuple[HourColumn, ...], rows: list[list[str]]
) -> tuple[HourColumn, ...]:
    """Two hour columns or more that name no delivery mode and no total, with different values on
    some row: parts of one session, or the same hours stated two ways? (Equal values on every row
    restate each other.)"""
    plain = tuple(c for c in columns if c.kind == "plain" and c.unit in (None, "h", "min"))
    if len(plain) < 2 or any(c.kind != "plain" for c in columns):
        return ()
    for row in rows[:MAX_LOOKAHEAD_ROWS]:
        values = {
            v for c in plain if c.index < len(row) and (v := cell_hours(row[c.index], c.unit))
        }
        if len(values) > 1:
            return plain
    return ()


def parts_sum(cells: list[str], columns: tuple[HourColumn, ...]) -> float | None:
    """The sum of the row's values in ``columns`` when two of them or more hold hours."""
    values = [
        value
        for c in columns
        if c.index < len(cells) and (value := cell_hours(cells[c.index], c.unit))
    ]
    return round(sum(values), 4) if len(values) > 1 else None
