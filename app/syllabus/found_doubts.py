"""Doubts the parsed syllabus shows (pure): a number that may be an identifier, an exam word used in
another sense, a table restating other sessions, a declared total that disagrees with the sessions."""

from __future__ import annotations

import dataclasses
import re

from app.messages import Message
from app.syllabus.correcting import TOLERANCE
from app.syllabus.doubts import Correction, Doubt
from app.syllabus.parser import Module, Syllabus
from app.syllabus.report import Report
from app.syllabus.restated import tables
from app.syllabus.thin_reading import (
    MIN_UNREAD_LINES,
    course_as_session_doubts,
    thin_reading,
    unread_timed_lines,
)

# A shortfall the reading may have made (the document is not accounted for).
THIN = "thin_reading"

# A code: letters joined to digits ("ETH-310", "PSS101", "Room#4"), or capitals and digits
# ("ETH 310"), not followed by a unit of time.
_IDENTIFIER = re.compile(
    r"\b(?:[A-Za-z]{2,}[-_#]?|[A-Z]{2,} )(\d{2,4})\b(?!\s*(?:-?\s*)(?:h\b|hours?|hrs?|min|horas?))"
)
_EXAM_WORD = re.compile(r"\b(exam|exams|test|tests|testing|quiz|quizzes)\b", re.I)
_WORD = re.compile(r"[^\W\d_]{3,}")


def find_doubts(syllabus: Syllabus) -> list[Doubt]:
    """The reader's doubts (``syllabus.doubts``) and those the parsed syllabus shows, by line."""
    found = list(getattr(syllabus, "doubts", None) or [])
    found += _identifier_doubts(syllabus)
    found += _exam_word_doubts(syllabus)
    found += _restated_table_doubts(syllabus)
    found += course_as_session_doubts(syllabus)
    merged: dict[tuple[str, int], Doubt] = {}
    for doubt in sorted(found, key=lambda d: (d.line, d.kind)):
        key = (doubt.kind, doubt.line)
        if key not in merged:
            merged[key] = doubt
            continue
        # The same question asked twice: one doubt, with every way of settling it.
        first = merged[key]
        extra = tuple(c for c in doubt.alternatives if c not in first.alternatives)
        merged[key] = dataclasses.replace(first, alternatives=first.alternatives + extra)
    return list(merged.values())


def _identifier_doubts(syllabus: Syllabus) -> list[Doubt]:
    """A session's or a total's hours that are also the digits of a code on the same line."""
    doubts = []
    for module in syllabus.sessions:
        if module.hours is None or module.kind != "instruction":
            continue
        code = _code_with(getattr(module, "title_line", "") or module.title, module.hours)
        if code:
            doubts.append(
                Doubt(
                    "identifier",
                    module.line,
                    f"Does “{module.title}” last {module.hours:g} h, or is {module.hours:g} part "
                    f"of the code “{code}”?",
                    f"The number read as its hours is also written in the code “{code}”.",
                    0.5,
                    (Correction(module.line, "session", False),),
                )
            )
    for total in syllabus.declared_totals:
        code = _code_with(total.text, total.hours)
        if code and total.line:
            doubts.append(
                Doubt(
                    "identifier",
                    total.line,
                    f"Does this line declare a total of {total.hours:g} h, or is {total.hours:g} "
                    f"part of the code “{code}”?",
                    f"The number read as the total is also written in the code “{code}”.",
                    0.5,
                    (Correction(total.line, "total", False),),
                )
            )
    return doubts


def _code_with(text: str, hours: float) -> str:
    """The code in ``text`` ("ETH-310", "Room 204") whose digits are ``hours``, if any."""
    if hours != int(hours):
        return ""
    for match in _IDENTIFIER.finditer(text or ""):
        if int(match.group(1)) == int(hours):
            return match.group(0)
    return ""


def _exam_word_doubts(syllabus: Syllabus) -> list[Doubt]:
    """A session set aside as an exam whose title says more than "exam" (e.g. a study skill)."""
    doubts = []
    for module in syllabus.sessions:
        if module.kind != "exam" or module.hours is None:
            continue
        words = _WORD.findall(module.title.split("(")[0])
        heads = [i for i, w in enumerate(words) if _EXAM_WORD.fullmatch(w)]
        if not heads or heads[-1] == len(words) - 1:
            continue  # "Final exam", "Proctored practice exam": the exam word is what it is
        doubts.append(
            Doubt(
                "exam_word",
                module.line,
                f"Is “{module.title}” an exam (not counted), or a session that teaches "
                f"({module.hours:g} h counted)?",
                "An exam word qualifies another word of its title, which may give it another sense.",
                0.6,
                (Correction(module.line, "counted", True),),
            )
        )
    return doubts


def _restated_table_doubts(syllabus: Syllabus) -> list[Doubt]:
    """A table whose counted rows repeat the hours of the other counted sessions."""
    doubts = []
    for table in tables(syllabus.sessions):
        rows = [m for m in table if m.kind == "instruction" and m.hours]
        inside = {id(m) for m in table}
        others = [
            m
            for m in syllabus.sessions
            if id(m) not in inside and m.kind == "instruction" and m.hours
        ]
        if len(rows) < 2 or len(others) < len(rows):
            continue
        in_table = sum(m.hours or 0.0 for m in rows)
        elsewhere = sum(m.hours or 0.0 for m in others)
        same_sum = abs(in_table - elsewhere) <= TOLERANCE
        if not same_sum and _repeated_rows(rows, others) * 2 < len(rows):
            continue
        doubts.append(
            Doubt(
                "restated_table",
                rows[0].line,
                f"Does the table of lines {rows[0].line}–{rows[-1].line} list sessions of its own "
                f"({in_table:g} h), or restate the sessions read elsewhere?",
                f"Its rows add up to {in_table:g} h and the other sessions to {elsewhere:g} h"
                + ("" if same_sum else "; most rows repeat another session's title and hours")
                + ".",
                0.5,
                tuple(Correction(m.line, "counted", False) for m in rows),
            )
        )
    return doubts


def _repeated_rows(rows: list[Module], others: list[Module]) -> int:
    """How many rows have the hours and a title word of another session (linear: the other
    sessions' title words are pooled by their hours)."""
    words_by_hours: dict[float, set[str]] = {}
    for other in others:
        key = round(other.hours or 0.0, 2)
        words_by_hours.setdefault(key, set()).update(w.lower() for w in _WORD.findall(other.title))
    count = 0
    for row in rows:
        words = {w.lower() for w in _WORD.findall(row.title)}
        if words & words_by_hours.get(round(row.hours or 0.0, 2), set()):
            count += 1
    return count


def total_doubt(syllabus: Syllabus, report: Report) -> Doubt | None:
    """The declared total taken, when it disagrees with the sessions on the side of the rule."""
    total = syllabus.declared_totals[0] if syllabus.declared_totals else None
    required = report.required_hours
    counted = report.total_hours
    if counted <= TOLERANCE and (total is None or required is None):
        return _nothing_read_doubt(syllabus)
    if total is None or required is None:
        return None
    if (total.hours + TOLERANCE >= required) == (counted + TOLERANCE >= required):
        return None
    if counted < required:
        thin = thin_reading(syllabus, counted, total.hours)
        if thin is not None:
            return _thin_doubt(total.line or 0, total.hours, counted, required, thin)
    unread = [m for m in syllabus.sessions if m.kind == "instruction" and m.hours is None]
    if counted < required and not unread:
        # Short of the rule with every session's hours read and the document accounted for: the
        # sessions are the evidence, the difference is reported (DECLARED_TOTAL_MISMATCH).
        return None
    if not syllabus.sessions:
        return None
    return Doubt(
        "total",
        total.line or 0,
        Message(
            "The syllabus declares %(declared)s h but its sessions as read add up to "
            "%(counted)s h. Are the sessions read right?",
            declared=float(total.hours),
            counted=float(counted),
        ),
        Message(
            "The declared total and the sessions fall on different sides of the %(required)s h "
            "the program requires.",
            required=float(required),
        ),
        0.4,
        (),
    )


def _nothing_read_doubt(syllabus: Syllabus) -> Doubt | None:
    """No hours read at all from a document whose lines state times or hours."""
    unread = unread_timed_lines(syllabus)
    if len(unread) < MIN_UNREAD_LINES:
        return None
    shown = ", ".join(str(n) for n in unread[:8]) + (" …" if len(unread) > 8 else "")
    return Doubt(
        THIN,
        unread[0],
        Message(
            "No session's hours were read, yet lines %(lines)s give times or hours. Which lines "
            "are sessions? Correct the reading, or confirm it to have the course judged as read.",
            lines=shown,
        ),
        Message("Lines %(lines)s give times or hours that no session was read from.", lines=shown),
        0.3,
        (),
    )


def _thin_doubt(
    line: int, declared: float, counted: float, required: float, unread: list[int]
) -> Doubt:
    """A shortfall the reading may have made: the sessions read fall far short of the declared
    total, or timed lines were left unread."""
    shown = ", ".join(str(n) for n in unread[:8]) + (" …" if len(unread) > 8 else "")
    grounds = (
        Message("Lines %(lines)s give times or hours that no session was read from.", lines=shown)
        if unread
        else Message(
            "No session's hours were read, yet the syllabus declares %(declared)s h.",
            declared=float(declared),
        )
    )
    return Doubt(
        THIN,
        line,
        Message(
            "The syllabus declares %(declared)s h but only %(counted)s h of sessions were read, "
            "short of the %(required)s h required. Were all the sessions read? Correct the "
            "reading, or confirm it to have the shortfall judged.",
            declared=float(declared),
            counted=float(counted),
            required=float(required),
        ),
        grounds,
        0.3,
        (),
    )
