"""One sentence gives the hours of every day: "We meet every day from 8:30 a.m. to 5:00 p.m.",
then the breaks in words: "lunch from noon to 12:45 p.m. and a 15-minute break … and another" (pure).

When the days themselves ("## Day 1 — Monday, March 2" over untimed topics) carry no time, each
day is a session lasting the stated span less the breaks and meals the same paragraph states.
A break is a duration whose stretch of the sentence (from the duration before it to the one
after) names a break or a meal; "two 15-minute breaks", "dos descansos de 15 minutos" and "…
and another" give how many.
"""

from __future__ import annotations

import re

from app.syllabus.block_hours import duration_of
from app.syllabus.daily import day_sessions
from app.syllabus.durations import NUMBER_WORDS, Duration, find_durations
from app.syllabus.folding import fold
from app.syllabus.model import Module
from app.syllabus.outline import Node
from app.syllabus.sentences import prose_sentences
from app.syllabus.state import Reading
from app.syllabus.vocabulary import FRAME_RANKS
from app.syllabus.vocabulary_kinds import BREAK_WORDS

DAY_RANK = FRAME_RANKS["day"]

# Words that say a clock range holds on every day of the course.
EVERY_DAY = (
    "every day", "each day", "daily", "per day", "each class day", "each training day",
    "cada dia", "todos los dias", "diariamente", "por dia", "al dia",
)  # fmt: skip

# Words that say a break is taken at every meeting of a calendar ("Each evening includes a
# 15-minute break").
EVERY_MEETING = (
    *EVERY_DAY,
    "each evening", "every evening", "each session", "every session", "each class", "every class",
    "each meeting", "every meeting", "each night", "cada sesion", "cada noche", "cada tarde",
    "cada clase", "cada reunion",
)  # fmt: skip

# Words after a break that add one more of the same ("… and another in the afternoon").
ONE_MORE = frozenset({"another", "otro", "otra"})

# At least this many untimed days make the sentence their time.
MIN_DAYS = 2


def _words(text: str) -> list[str]:
    return fold(text).replace("-", " ").replace(",", " ").replace(".", " ").split()


def _break_count(before: str, after: str) -> int:
    """How many breaks one stated length stands for, from the words around it."""
    words = _words(before)
    count = NUMBER_WORDS.get(words[-1], 1) if words else 1
    for index, word in enumerate(words[:-1]):  # "dos descansos de 15 minutos"
        if _a_break(words[index + 1]) and word in NUMBER_WORDS and index >= len(words) - 4:
            count = NUMBER_WORDS[word]
    return count + sum(1 for word in _words(after) if word in ONE_MORE)


# Where one sentence or clause ends and the next begins ("… 5:00 p.m. Each day we stop …"): the
# sentence splitter keeps "p.m. Each" together, so a stretch is cut here too.
_CLAUSE_END = re.compile(r"[.;:!?]\s+(?=[A-ZÁÉÍÓÚÑ¿])|;")


def _within_clause(before: str, after: str) -> tuple[str, str]:
    starts = [m.end() for m in _CLAUSE_END.finditer(before)]
    cut = _CLAUSE_END.search(after)
    return before[starts[-1] if starts else 0 :], after[: cut.start() if cut else len(after)]


def _every_day(text: str, cues: tuple[str, ...] = EVERY_DAY) -> bool:
    folded = f" {' '.join(_words(text))} "
    return any(f" {cue} " in folded for cue in cues)


def meeting_breaks(text: str) -> float:
    """Hours of breaks a paragraph says every meeting holds, with no time of day of its own
    ("Each evening includes a 15-minute break"), else 0."""
    hours = 0.0
    for sentence in prose_sentences(text):
        span, breaks = _sentence_day(sentence)
        if span is None and breaks and _every_day(sentence, EVERY_MEETING):
            hours += breaks
    return hours


def _a_break(word: str) -> bool:
    return word in BREAK_WORDS or word.removesuffix("s") in BREAK_WORDS


def _is_break(before: str, after: str) -> bool:
    return any(_a_break(w) for w in _words(before)[-4:] + _words(after)[:6])


def _sentence_day(sentence: str) -> tuple[Duration | None, float]:
    """The daily span a sentence states (if any), and the hours of breaks it states."""
    found = find_durations(sentence)
    span, breaks = None, 0.0
    for index, value in enumerate(found):
        start = found[index - 1].end if index else 0
        end = found[index + 1].start if index + 1 < len(found) else len(sentence)
        before, after = _within_clause(sentence[start : value.start], sentence[value.end : end])
        if value.text.endswith(".") and after.lstrip()[:1].isupper():
            after = ""  # "… to 5:00 p.m. Each day …": the sentence ended with the time
        if _is_break(before, after):
            breaks += value.hours * _break_count(before, after)
        elif value.clock and span is None and _every_day(before + after):
            span = value
    return span, breaks


def stated_day(text: str) -> tuple[Duration, float] | None:
    """The span every day runs and the breaks of each day, from one paragraph, or None."""
    spans, breaks = [], 0.0
    for sentence in prose_sentences(text):
        span, stated = _sentence_day(sentence)
        breaks += stated
        if span is not None:
            spans.append(span)
    if len(spans) != 1 or breaks >= spans[0].hours:
        return None  # no span, or two (a different time on some days): not one rule for all
    return spans[0], breaks


def _untimed_days(root: Node) -> list[Node] | None:
    """The day headings and items, when none of them or their contents carries a time."""
    days = [n for n in root.walk() if n.frame_rank == DAY_RANK and n.kind in ("heading", "item")]
    for day in days:
        if any(duration_of(n) is not None for n in day.walk()):
            return None
    return days if len(days) >= MIN_DAYS else None


def day_span_sessions(root: Node, modules: list[Module], reading: Reading) -> list[Module]:
    """The days of a schedule whose daily span and breaks are stated only in a sentence."""
    if any(m.kind == "instruction" for m in modules):
        return []
    days = _untimed_days(root)
    if days is None:
        return []
    stated = [s for n in root.walk() if n.kind == "para" and (s := stated_day(n.text))]
    if len(stated) != 1:
        return []
    span, breaks = stated[0]
    return day_sessions(days, round(span.hours - breaks, 4), span, breaks, reading)
