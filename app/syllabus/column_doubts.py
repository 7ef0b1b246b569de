"""Hour columns whose unit the reader judged from their values, put to the provider (pure).

A column of lengths like ``1:30`` or ``2:45`` whose header names no unit reads as hours and
minutes or as minutes and seconds: both fit. The reader keeps h:mm (a session's length) and asks,
naming for every row the hours it would have as minutes and seconds.
"""

from __future__ import annotations

from app.messages import Message
from app.syllabus.doubts import Correction, Doubt
from app.syllabus.outline import Node


def clock_unit_doubts(root: Node) -> list[Doubt]:
    """One doubt per column read as h:mm although mm:ss fits its values too."""
    by_header: dict[str, list[Node]] = {}
    for node in root.walk():
        if node.kind == "row" and node.unit_guessed and node.stated_hours is not None:
            by_header.setdefault(node.unit_guessed, []).append(node)
    return [_doubt(header, rows) for header, rows in by_header.items()]


def _doubt(header: str, rows: list[Node]) -> Doubt:
    first = rows[0]
    shown = first.stated_hours.text if first.stated_hours is not None else ""
    return Doubt(
        kind="clock_unit",
        line=first.line,
        question=Message(
            "Are the lengths in the column “%(header)s” (such as “%(value)s”) hours and minutes, "
            "or minutes and seconds?",
            header=header,
            value=shown,
        ),
        grounds=Message(
            "the column's header names no unit and its values fit both; read as hours and minutes."
        ),
        confidence=0.6,
        alternatives=tuple(
            Correction(row.line, "hours", round(row.stated_hours.hours / 60, 4))
            for row in rows
            if row.stated_hours is not None
        ),
    )


def unclear_parts_doubts(root: Node) -> list[Doubt]:
    """One doubt per table whose hour columns may be parts of each session or restate each other."""
    by_headers: dict[str, list[Node]] = {}
    for node in root.walk():
        if node.kind == "row" and node.parts_sum is not None:
            by_headers.setdefault(node.parts_headers, []).append(node)
    return [_parts_doubt(headers, rows) for headers, rows in by_headers.items()]


def _parts_doubt(headers: str, rows: list[Node]) -> Doubt:
    return Doubt(
        kind="hour_columns",
        line=rows[0].line,
        question=Message(
            "Are the columns “%(headers)s” parts of each session, to be added up, or the same "
            "hours stated twice?",
            headers=headers,
        ),
        grounds=Message(
            "the columns name no delivery mode and no total, and their values differ; only the "
            "first was counted."
        ),
        confidence=0.5,
        alternatives=tuple(
            Correction(row.line, "hours", row.parts_sum)
            for row in rows
            if row.parts_sum is not None
        ),
    )
