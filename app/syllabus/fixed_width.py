"""The cells of a fixed-width table's header, cut where its rows leave a gutter (pure).

Reports printed to text (county matrices, transcripts, PDF text layers) line their columns up
with spaces, and a header often sets two short names only two spaces apart ("Sess.  Title"),
while its rows are set apart by wide runs of spaces. Splitting the header on wide runs alone then
gives fewer cells than its rows, and the table is not seen. The contract:

- ``gutter_cells(header, rows)`` cuts ``header`` at the gutters it shares with ``rows``: the
  runs of character positions that are blank in the header and in every row. It returns the
  header's cells when that gives exactly as many non-empty cells as there are column spans and
  every row has text in every span... else None. ``rows`` are raw lines (leading spaces kept).
- ``placed_cells(header, rows, gutter)`` is for a header set out of line with its rows
  ("Ses Date        Start -   End  Session title" over "01  Mon 05/04    9:00 -  2:30  …"): the
  columns are the rows' own (runs of at least ``gutter`` blanks in every row set them apart), and
  each word of the header joins the column it overlaps most, else the nearest one. It returns one
  cell per column, or None when a column gets no word or a row has an empty column.
- Nothing is guessed from one line alone: at least ``MIN_ROWS`` rows must agree.
"""

from __future__ import annotations

import re

MIN_ROWS = 2  # a gutter seen in one row only may be a gap between two words
MIN_GUTTER = 2  # "Sess.  Title": two blanks set two header names apart


def _blank_positions(line: str, width: int) -> list[bool]:
    padded = line.expandtabs().ljust(width)
    return [ch == " " for ch in padded]


def _spans(lines: list[str], gutter: int = MIN_GUTTER) -> list[tuple[int, int]]:
    """The column spans: maximal runs of positions where some line has text."""
    width = max(len(line.expandtabs()) for line in lines)
    blank = [True] * width
    for line in lines:
        blank = [b and c for b, c in zip(blank, _blank_positions(line, width), strict=True)]
    spans: list[tuple[int, int]] = []
    start = None
    for position, is_blank in enumerate([*blank, True]):
        if not is_blank and start is None:
            start = position
        elif is_blank and start is not None:
            spans.append((start, position))
            start = None
    return _merge_narrow_gaps(spans, gutter)


def _merge_narrow_gaps(spans: list[tuple[int, int]], gutter: int) -> list[tuple[int, int]]:
    """Join spans set apart by fewer than ``gutter`` blanks: a space between words, not a gutter."""
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start - merged[-1][1] < gutter:
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def gutter_cells(header: str, rows: list[str]) -> list[str] | None:
    """The header's cells cut at the gutters it shares with its rows, or None (see the module)."""
    if len(rows) < MIN_ROWS or "\t" in header:
        return None
    spans = _spans([header, *rows])
    cells = [header.expandtabs()[start:end].strip() for start, end in spans]
    if len(cells) < 2 or not all(cells) or not _filled(rows, spans):
        return None
    return cells


def placed_cells(header: str, rows: list[str], gutter: int) -> list[str] | None:
    """The header's words placed in the rows' columns, or None (see the module)."""
    if len(rows) < MIN_ROWS or "\t" in header:
        return None
    spans = _spans(rows, gutter)
    if len(spans) < 2 or not _filled(rows, spans):
        return None
    cells: list[list[str]] = [[] for _ in spans]
    for word in re.finditer(r"\S+", header.expandtabs()):
        cells[_column_of(word.start(), word.end(), spans)].append(word.group())
    if not all(cells):
        return None
    return [" ".join(words) for words in cells]


def _column_of(start: int, end: int, spans: list[tuple[int, int]]) -> int:
    """The column a word from ``start`` to ``end`` overlaps most, else the nearest one."""

    def closeness(index: int) -> tuple[int, int]:
        low, high = spans[index]
        overlap = min(end, high) - max(start, low)
        return (overlap, -max(low - end, start - high, 0))

    return max(range(len(spans)), key=closeness)


def _filled(rows: list[str], spans: list[tuple[int, int]]) -> bool:
    """True when every row has text in every span (else the spans are not the table's columns)."""
    return all(all(row.expandtabs()[start:end].strip() for start, end in spans) for row in rows)
