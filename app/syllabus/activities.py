"""A session split into timed activities on one line: its hours are their sum (pure).

"Activities: Lecture 60 min · Role play 120 min · Debrief 60 min" under a session heading, or
"Mini-lecture (20 min); pair practice (25 min); check-out (15 min)": each piece names an activity
and its length, and the session lasts as long as its instruction activities together. A piece
that is a break or a meal is left out of the sum. A line is read so only when every piece carries
exactly one length and none of them is a clock range (a time of day says when, not how long).
"""

from __future__ import annotations

from functools import lru_cache

from app.syllabus.durations import Duration, find_durations
from app.syllabus.folding import fold
from app.syllabus.vocabulary_kinds import ADMIN_WORDS, BREAK_WORDS, EXAM_WORDS, HOMEWORK_WORDS

# What separates the activities of one line.
SEPARATORS = ("·", "•", ";", "|", " + ")

# Words that make a piece something other than instruction (App. C 4.A, 4.C): left out of the sum.
NOT_INSTRUCTION = BREAK_WORDS | ADMIN_WORDS | EXAM_WORDS | HOMEWORK_WORDS

# At least this many timed pieces make a list of activities.
MIN_ACTIVITIES = 2


def _pieces(text: str) -> list[str]:
    _, colon, rest = text.partition(":")
    body = rest if colon and not find_durations(text.partition(":")[0]) else text
    pieces = [body]
    for separator in SEPARATORS:
        pieces = [p for piece in pieces for p in piece.split(separator)]
    return [p.strip() for p in pieces if p.strip()]


@lru_cache(maxsize=4_096)
def activity_total(text: str) -> Duration | None:
    """The summed length of a line of timed activities, or None when the line is not one."""
    pieces = _pieces(text)
    if len(pieces) < MIN_ACTIVITIES:
        return None
    hours = 0.0
    for piece in pieces:
        found = find_durations(piece)
        if len(found) != 1 or found[0].clock or found[0].is_range:
            return None
        words = set(fold(piece).replace("-", " ").split())
        if not words & NOT_INSTRUCTION:
            hours += found[0].hours
    if hours <= 0:
        return None
    return Duration(round(hours, 4), text.strip(), 0, len(text))
