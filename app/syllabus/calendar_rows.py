"""A calendar's dated rows: "Tue Sep 1   6:00-8:00 pm   Hope, recovery and wellness" (pure).

A line that opens with a date (a weekday, a month and day, or a numeric date) and then the clock
range of that date is one meeting of the course, a session of that range: not a sentence that
happens to hold a time. Read as sessions, the rows add up to what the course really holds, so a
total stated above them ("80-Hour Evening Core Training") cannot hide that they come to less.
"""

from __future__ import annotations

import re

from app.messages import Message
from app.syllabus.daily import DAY_WORDS
from app.syllabus.day_span import meeting_breaks
from app.syllabus.durations import Duration, find_duration
from app.syllabus.folding import fold
from app.syllabus.limits import MAX_SESSIONS
from app.syllabus.model import Module
from app.syllabus.outline import Node
from app.syllabus.vocabulary import MONTH_ABBREVIATIONS, MONTHS

_NUMERIC_DATE = re.compile(r"^\d{1,4}([/.-]\d{1,2}){1,2}$")  # 9/1, 2026-09-01, 01.09

# A calendar has at least this many dated rows side by side; a single date and time at the top
# ("Saturday, March 14, 9:00 a.m. to 4:00 p.m.") says when the course meets, not one of its rows.
MIN_ROWS = 2

# The most words a date takes before its time ("Miércoles 15 de abril de 2026, de").
MAX_DATE_WORDS = 7

# Words a date may hold besides its weekday, month and numbers ("Tuesday, 1 de septiembre").
_DATE_GLUE = frozenset({"de", "the", "of", "del"})


def _date_word(word: str) -> bool:
    word = fold(word).strip(",.()")
    if not word:
        return True
    if word in DAY_WORDS or word in MONTH_ABBREVIATIONS or word in _DATE_GLUE:
        return True
    if word in {fold(m) for m in MONTHS}:
        return True
    digits = word.removesuffix("st").removesuffix("nd").removesuffix("rd").removesuffix("th")
    return (digits.isdigit() and len(digits) <= 4) or bool(_NUMERIC_DATE.match(word))


def dated_row(text: str, value: Duration) -> bool:
    """True when the line opens with a date and the clock range follows it directly."""
    if not value.clock:
        return False
    words = text[: value.start].replace("|", " ").split()
    if not words or len(words) > MAX_DATE_WORDS:
        return False
    named = any(fold(w).strip(",.") in DAY_WORDS for w in words) or any(
        fold(w).strip(",.") in MONTH_ABBREVIATIONS or fold(w).strip(",.") in MONTHS for w in words
    )
    numeric = any(_NUMERIC_DATE.match(w.strip(",.")) for w in words)
    return (named or numeric) and all(_date_word(w) for w in words)


_ROWS: dict[int, tuple[Node, int]] = {}


def _rows_beside(parent: Node) -> int:
    """How many dated rows sit under ``parent``, counted once per parent (not once per row)."""
    cached = _ROWS.get(id(parent))
    if cached is None or cached[0] is not parent:
        if len(_ROWS) > MAX_SESSIONS:
            _ROWS.clear()
        count = 0
        for child in parent.children:
            value = find_duration(child.text) if child.kind == "para" else None
            count += value is not None and dated_row(child.text, value)
        cached = (parent, count)
        _ROWS[id(parent)] = cached
    return cached[1]


def calendar_row(node: Node, value: Duration) -> bool:
    """True when the line is one dated row of a calendar (with other dated rows beside it)."""
    parent = node.parent
    return parent is not None and dated_row(node.text, value) and _rows_beside(parent) >= MIN_ROWS


def with_meeting_breaks(root: Node, modules: list[Module]) -> None:
    """Each dated row of a calendar less the breaks a sentence says every meeting holds, when the
    calendar lists no break of its own."""
    if any(m.kind == "break" for m in modules):
        return
    paras = [n for n in root.walk() if n.kind == "para"]
    rows = {n.line for n in paras if (v := find_duration(n.text)) and calendar_row(n, v)}
    meetings = [m for m in modules if m.line in rows and m.kind == "instruction" and m.hours]
    if len(meetings) < MIN_ROWS:
        return
    breaks = sum(meeting_breaks(n.text) for n in paras if n.line not in rows)
    if not breaks or any(breaks >= (m.hours or 0.0) for m in meetings):
        return
    for meeting in meetings:
        meeting.hours = round((meeting.hours or 0.0) - breaks, 4)
        meeting.reason = Message(
            "Counted: %(hours)s h, the time “%(text)s” of this meeting less %(breaks)s h of "
            "breaks the syllabus states for every meeting.",
            hours=meeting.hours,
            text=meeting.hours_text,
            breaks=breaks,
        )
