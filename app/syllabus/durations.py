"""Durations as syllabi write them, read from tokens in linear time (pure).

"1.5 hrs", "90 min", "1 hr 15 min", "2,5 horas", "3–4 hours", "9:00–10:30", "10:00 a.m. to noon",
"13:00-16:15", "8:00 a.m. to 5:00 p.m.". A line is split once into tokens (digit runs, letter runs,
single symbols) by a regular expression without nested or overlapping quantifiers, and the tokens
are read left to right by hand, so no input can make reading slow. Numbers that are not durations
are left alone: "Recovery 101", a video length "(6:01)", "office hours", "24 hours a day",
"within 36 hours", phone numbers and dates.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from app.syllabus.hour_kinds import kind_follows
from app.syllabus.identifiers import number_in_identifier
from app.syllabus.military_time import hhmm_range_at
from app.syllabus.number_words import NUMBER_WORDS as SPELLED_NUMBERS
from app.syllabus.number_words import compound_at
from app.syllabus.vocabulary import MONTH_ABBREVIATIONS, MONTHS, ORDINAL_WORDS

MAX_LINE_CHARS = 2_000  # a line is read up to here; syllabus lines are far shorter
MAX_SESSION_HOURS = 200.0  # more than this on one line is a total or a typo, never one session
MAX_CLOCK_SPAN_MINUTES = 14 * 60

# Digit runs, letter runs (any script), or one other visible character: linear, no backtracking.
_TOKEN = re.compile(r"[0-9]{1,9}|[^\W\d_]{1,60}|\S")

HOUR_WORDS = frozenset(
    {"h", "hr", "hrs", "hour", "hours", "hora", "horas", "hs", "uur", "clock-hours"}
)
MINUTE_WORDS = frozenset({"min", "mins", "minute", "minutes", "minuto", "minutos", "m"})
NUMBER_WORDS = {**SPELLED_NUMBERS, "an": 1, "a": 1}  # "an hour", "a half hour"
FRACTIONS = {"½": 0.5, "¼": 0.25, "¾": 0.75}
# Words that may stand between a number and its unit: "6 contact hours", "2 CE hours".
UNIT_QUALIFIERS = frozenset(
    {"contact", "clock", "instructional", "instruction", "training", "ce", "credit", "direct"}
    | {"classroom"}  # "40 classroom hours"
)
RANGE_WORDS = frozenset({"-", "–", "—", "to", "until", "till", "through", "a", "hasta", "al"})
APPROXIMATE = frozenset(
    {
        "approximately",
        "approx",
        "about",
        "around",
        "roughly",
        "circa",
        "~",
        "nearly",
        "almost",
        "min",
        "minimum",
        "aproximadamente",
        "aprox",
        "unos",
        "unas",
        "cerca",
        "least",  # "at least"
    }
)
# A number after these is a deadline or a rate, not how long a session lasts.
NOT_LENGTH_BEFORE = frozenset(
    {"within", "after", "every", "each", "per", "past", "last", "next", "first", "dentro", "cada"}
)
# "24 hours a day", "hours per week", "24/7": a rate or an availability, not a duration.
RATE_AFTER = frozenset({"day", "days", "week", "weeks", "día", "dia", "semana"})
# "a 24-hour hotline": the duration describes something that is not a session.
NOT_SESSION_NOUNS = frozenset(
    {
        "hotline",
        "line",
        "crisis",
        "shift",
        "hold",
        "holds",
        "period",
        "access",
        "service",
        "services",
        "window",
        "notice",
        "clock",
        "fast",
        "rule",
        "day",
        "days",
        "week",
        "weeks",
        "coverage",
        "staffing",
        "support",
    }
)
# "an 80-hour training": the duration is a statement about the whole course.
COURSE_NOUNS = frozenset(
    {
        "training",
        "trainings",
        "course",
        "program",
        "programme",
        "curriculum",
        "certification",
        "specialization",
        "refresher",
        "academy",
        "series",
        "capacitación",
        "capacitacion",
        "curso",
        "programa",
        "entrenamiento",
        "formación",
    }
)
MONTHS = MONTHS | MONTH_ABBREVIATIONS
LABEL_WORDS = ORDINAL_WORDS
MERIDIEM_WORDS = {"am": "a", "pm": "p", "a": "a", "p": "p"}
NOON_WORDS = {"noon": 12 * 60, "mediodía": 12 * 60, "mediodia": 12 * 60, "midnight": 24 * 60}


class Token(NamedTuple):
    """One token of a line (a tuple: a line of a long syllabus makes thousands of them)."""

    text: str
    start: int
    end: int
    lower: str
    is_digits: bool


@dataclass(frozen=True)
class Duration:
    """A duration found in a line: the hours counted and the words it was read from."""

    hours: float  # the value counted: the lower bound of a range
    text: str  # the words as written
    start: int
    end: int
    maximum: float | None = None  # the upper bound of a range
    approximate: bool = False
    clock: bool = False  # read from a clock-time range
    course_total: bool = False  # "an 80-hour training": describes the whole course

    @property
    def implausible(self) -> bool:
        """More than one session can last: a typo or a total, never counted as a session."""
        return self.hours > MAX_SESSION_HOURS

    @property
    def is_range(self) -> bool:
        return self.maximum is not None and self.maximum > self.hours


@lru_cache(maxsize=65_536)
def tokens(text: str) -> tuple[Token, ...]:
    """The tokens of one line (up to MAX_LINE_CHARS characters)."""
    found = []
    make = tuple.__new__  # Token(...) without its keyword handling: a long syllabus makes many
    for match in _TOKEN.finditer(text[:MAX_LINE_CHARS]):
        word = match.group()
        start, end = match.span()
        found.append(
            make(Token, (word, start, end, word.lower(), word.isdigit() and word.isascii()))
        )
    return tuple(found)


def _adjacent(toks: tuple[Token, ...], i: int) -> bool:
    """True when token i follows token i-1 with no space between them."""
    return i > 0 and toks[i].start == toks[i - 1].end


def _number_at(toks: tuple[Token, ...], i: int) -> tuple[float, int] | None:
    """A number starting at token i ("2", "2.5", "2,5", "two"), and the index after it."""
    if i >= len(toks):
        return None
    token = toks[i]
    if token.is_digits and len(token.text) <= 4:
        value = float(token.text)
        if _thousands_at(toks, i):
            return float(token.text + toks[i + 2].text), i + 3  # "2,400 minutes", "2.400 minutos"
        if (
            i + 2 < len(toks)
            and toks[i + 1].text in ".,"
            and toks[i + 2].is_digits
            and len(toks[i + 2].text) <= 2
            and _adjacent(toks, i + 1)
            and _adjacent(toks, i + 2)
        ):
            return value + float("0." + toks[i + 2].text), i + 3
        if i + 1 < len(toks) and toks[i + 1].text in FRACTIONS and _adjacent(toks, i + 1):
            return value + FRACTIONS[toks[i + 1].text], i + 2  # "2½ hours"
        return value, i + 1
    if token.text in FRACTIONS:
        return FRACTIONS[token.text], i + 1  # "¾ hr"
    if token.text == "." and i + 1 < len(toks) and toks[i + 1].is_digits and _adjacent(toks, i + 1):
        return float("0." + toks[i + 1].text[:2]), i + 2
    compound = compound_at(toks, i)
    if compound is not None:
        return float(compound[0]), compound[1]  # "forty-five", "cuarenta y cinco"
    if token.lower in NUMBER_WORDS:
        after = toks[i + 1 : i + 4]
        if (
            len(after) == 3
            and after[0].text == "("
            and after[1].is_digits
            and after[2].text == ")"
            and float(after[1].text) == NUMBER_WORDS[token.lower]
        ):
            return float(after[1].text), i + 4  # "two (2) hours", as contracts write it
        return float(NUMBER_WORDS[token.lower]), i + 1
    return None


def _thousands_at(toks: tuple[Token, ...], i: int) -> bool:
    """ "2,400" or "2.400": a group of three digits after a separator is thousands, never a
    fraction of an hour written to the thousandth."""
    return (
        len(toks[i].text) <= 3
        and i + 2 < len(toks)
        and toks[i + 1].text in ".,"
        and toks[i + 2].is_digits
        and len(toks[i + 2].text) == 3
        and _adjacent(toks, i + 1)
        and _adjacent(toks, i + 2)
        and not (i + 3 < len(toks) and toks[i + 3].text in ".," and _continues(toks, i + 3))
    )


def _continues(toks: tuple[Token, ...], i: int) -> bool:
    """True when the separator at ``i`` is followed, with no space, by more digits."""
    return i + 1 < len(toks) and toks[i + 1].is_digits and _adjacent(toks, i + 1)


def _skip_dash(toks: tuple[Token, ...], i: int) -> int:
    """Skip one hyphen glued on both sides, as in "2-hour"."""
    if i < len(toks) and toks[i].text == "-" and _adjacent(toks, i):
        return i + 1
    return i


def _unit_at(toks: tuple[Token, ...], i: int) -> tuple[str, int] | None:
    """ "h" or "m" when a time unit starts at token i (an optional qualifier word before it)."""
    i = _skip_dash(toks, i)
    # Up to two qualifiers: "6 contact hours", "6 direct instruction hours".
    for width in (1, 2):
        qualifiers = toks[i : i + width]
        if (
            i + width < len(toks)
            and all(t.lower in UNIT_QUALIFIERS for t in qualifiers)
            and toks[i + width].lower in HOUR_WORDS - {"h"}
        ):
            i += width
            break
    if i >= len(toks):
        return None
    word = toks[i].lower
    nxt = i + 1
    if nxt < len(toks) and toks[nxt].text == "." and word in {"hr", "hrs", "min", "mins"}:
        nxt += 1
    if word in HOUR_WORDS:
        # A lone "h" only right after the number ("2h", "1h30"), never "2 h of reading".
        if word == "h" and not _adjacent(toks, i):
            following = toks[i + 1].text if i + 1 < len(toks) else ""
            kind = kind_follows([t.lower for t in toks[i + 1 : i + 3]])  # "3 h lectivas"
            closing = following == "." and i + 2 == len(toks)  # "— 4 h." ends the line
            ends = following in ("", ")", "]", ",", ";", "(") or following.isdigit()
            if not (ends or kind or closing):
                return None
        return "h", nxt
    if word in MINUTE_WORDS:
        if word == "m" and not _adjacent(toks, i):
            return None
        return "m", nxt
    return None


def _half_after(toks: tuple[Token, ...], i: int) -> tuple[float, int]:
    """ "and a half" / "y media" after a unit: (0.5, index after) or (0, i)."""
    words = [t.lower for t in toks[i : i + 3]]
    if words[:3] == ["and", "a", "half"]:
        return 0.5, i + 3
    if words[:2] == ["y", "media"]:
        return 0.5, i + 2
    return 0.0, i


def _half_before_unit(toks: tuple[Token, ...], j: int, low: float) -> tuple[float, int]:
    """ "two and a half hours", "2 and a half hrs": the half before the unit, when a unit follows."""
    half, k = _half_after(toks, j)
    if half and _unit_at(toks, k) is not None:
        return low + half, k
    return low, j


def _approximate_before(toks: tuple[Token, ...], i: int) -> bool:
    return any(t.lower in APPROXIMATE for t in toks[max(0, i - 3) : i])


def _context_rejects(toks: tuple[Token, ...], start: int, end: int) -> bool:
    """Deadlines ("within 36 hours"), rates ("24 hours a day") and "24-hour hotline"."""
    before = [t.lower for t in toks[max(0, start - 2) : start]]
    if before and before[-1] in NOT_LENGTH_BEFORE:
        return True
    if len(before) == 2 and before[0] in NOT_LENGTH_BEFORE and before[1] in ("the", "los", "las"):
        return True
    after = [t.lower for t in toks[end : end + 3]]
    if (
        len(after) >= 2
        and after[0] in ("a", "an", "per", "por", "al", "del")
        and after[1] in RATE_AFTER
    ):
        return True
    if after[:2] == ["/", "7"] or after[:2] == ["/", "day"] or after[:2] == ["/", "week"]:
        return True
    hyphenated = end - 1 > start and toks[end - 2].text == "-"
    return bool(hyphenated and after and after[0] in NOT_SESSION_NOUNS)


def _course_total(toks: tuple[Token, ...], end: int, hyphenated: bool) -> bool:
    after = [t.lower for t in toks[end : end + 2]]
    if hyphenated and after and after[0] in COURSE_NOUNS:
        return True
    return bool(after[:1] == ["long"])


def _in_identifier(toks: tuple[Token, ...], i: int) -> bool:
    """The number at token i names a course or a place ("ETH-310 hours", "Room 12 hours")."""
    if i == 0:
        return False
    if not _adjacent(toks, i):  # only a word for a place or a code can name it: "Room 12"
        return number_in_identifier([toks[i - 1].text], "")
    glued = ""
    j = i
    while j > 0 and _adjacent(toks, j) and len(glued) < 12:
        j -= 1
        glued = toks[j].text + glued
    words = [t.text for t in toks[max(0, j - 2) : j]]
    return number_in_identifier(words, glued)


def identifier_hours(text: str) -> list[tuple[float, str]]:
    """Numbers followed by an hour or minute word that were read as part of an identifier
    ("ETH-310 hours", "Room 12 hours"): the reader's choice, and a question for the provider."""
    toks = tokens(text)
    found = []
    for i, token in enumerate(toks):
        if token.is_digits and _in_identifier(toks, i):
            unit = _unit_at(toks, i + 1)
            if unit is not None:
                end = toks[unit[1] - 1].end
                hours = float(token.text) / (60 if unit[0] == "m" else 1)
                found.append((hours, text[token.start : end]))
    return found


def _duration_at(toks: tuple[Token, ...], i: int, text: str) -> Duration | None:
    """A length of time starting at token i, or None."""
    half = _half_hour_at(toks, i, text)
    if half is not None:
        return half
    first = _number_at(toks, i)
    if first is None or (toks[i].is_digits and _in_identifier(toks, i)):
        return None
    low, j = first
    ordinal = i > 0 and (toks[i - 1].lower in LABEL_WORDS or toks[i - 1].text == "#")
    if ordinal and _unit_at(toks, j) is None:
        return None  # "Day 1 - 8 hours": the number names the day
    high, j = _range_end(toks, j, low)
    if high is None:
        colon = _colon_hours(toks, i, j, low, text)
        if colon is not None:
            return colon
        low, j = _half_before_unit(toks, j, low)
    unit = _unit_at(toks, j)
    if unit is None or not _article_fits(toks, i, unit):
        return None
    kind, k = unit
    if kind == "m":
        if toks[j].lower == "m" and low < 10:
            return None  # "5m" is too ambiguous to read as minutes
        return _build(toks, i, k, low / 60, None if high is None else high / 60, text)
    half_hour, k = _half_after(toks, k)
    if high is None:
        with_minutes = _minutes_after(toks, i, k, low + half_hour, text)
        if with_minutes is not None:
            return with_minutes
    return _build(toks, i, k, low + half_hour, high, text)


def _half_hour_at(toks: tuple[Token, ...], i: int, text: str) -> Duration | None:
    """ "half an hour", "half hour", "media hora"."""
    if toks[i].lower not in ("half", "media"):
        return None
    words = [t.lower for t in toks[i : i + 3]]
    if words[:3] == ["half", "an", "hour"] or words[:2] in (["half", "hour"], ["media", "hora"]):
        end = i + (3 if words[0] == "half" and words[1] == "an" else 2)
        return _build(toks, i, end, 0.5, None, text)
    return None


def _range_end(toks: tuple[Token, ...], j: int, low: float) -> tuple[float | None, int]:
    """The upper bound of "3-4 hours", "3 to 4 hours", "20-40 hours", or (None, j)."""
    if j < len(toks) and toks[j].lower in ("-", "–", "—", "to", "a"):
        second = _number_at(toks, j + 1)
        if second is not None and _unit_at(toks, second[1]) is not None and second[0] >= low:
            return second
    return None, j


def _colon_hours(toks: tuple[Token, ...], i: int, j: int, low: float, text: str) -> Duration | None:
    """ "1:30 hours"."""
    if not (j + 1 < len(toks) and toks[j].text == ":" and toks[j + 1].is_digits):
        return None
    unit = _unit_at(toks, j + 2) or _clock_unit_at(toks, j + 2)
    minutes = int(toks[j + 1].text) if len(toks[j + 1].text) == 2 else 60
    if unit is not None and unit[0] == "h" and minutes < 60:
        return _build(toks, i, unit[1], low + minutes / 60, None, text)
    return None


CLOCK_NOTATIONS = {("hh", ":", "mm"): "h", ("h", ":", "mm"): "h"}


def _clock_unit_at(toks: tuple[Token, ...], i: int) -> tuple[str, int] | None:
    """ "(hh:mm)" after "40:00": the notation names hours and minutes (never "(mm:ss)")."""
    words = tuple(t.lower for t in toks[i : i + 5])
    if len(words) == 5 and words[0] == "(" and words[4] == ")" and words[1:4] in CLOCK_NOTATIONS:
        return CLOCK_NOTATIONS[words[1:4]], i + 5
    return None


def _article_fits(toks: tuple[Token, ...], i: int, unit: tuple[str, int]) -> bool:
    """ "an hour" is a length; "a minute" is not a session's, and "a" before anything but
    "hour" is an article."""
    kind, k = unit
    if toks[i].lower in ("a", "an", "un", "una") and kind != "h":
        return False
    return not (
        toks[i].lower in ("a", "un") and not (k - 1 < len(toks) and toks[k - 1].lower == "hour")
    )


def _minutes_after(
    toks: tuple[Token, ...], i: int, k: int, hours: float, text: str
) -> Duration | None:
    """ "1 hr 15 min", "4 hours 15 minutes", "1h30", "2 horas y 30 minutos"."""
    m = k + 1 if k < len(toks) and toks[k].lower in ("and", "y", ",") else k
    minutes = _number_at(toks, m)
    if minutes is None or minutes[0] >= 60:
        return None
    after_minutes = _unit_at(toks, minutes[1])
    if after_minutes is not None and after_minutes[0] == "m":
        return _build(toks, i, after_minutes[1], hours + minutes[0] / 60, None, text)
    glued = toks[k - 1].lower == "h" and _adjacent(toks, m) and m == k
    if glued and after_minutes is None and toks[m].is_digits and len(toks[m].text) == 2:
        return _build(toks, i, minutes[1], hours + minutes[0] / 60, None, text)
    return None


def _build(
    toks: tuple[Token, ...], i: int, end: int, hours: float, maximum: float | None, text: str
) -> Duration | None:
    if hours <= 0 or hours > MAX_SESSION_HOURS * 100:
        return None
    if _context_rejects(toks, i, end):
        return None
    hyphenated = any(t.text == "-" for t in toks[i + 1 : end]) and _adjacent(toks, end - 1)
    approximate = _approximate_before(toks, i)
    start = toks[i].start
    if approximate:  # quote the qualifier with the value: "approximately 44 hours"
        for back in range(max(0, i - 3), i):
            if toks[back].lower in APPROXIMATE:
                start = (
                    toks[back - 1].start
                    if toks[back].lower == "least" and back
                    else toks[back].start
                )
                break
    return Duration(
        hours=round(hours, 4),
        text=text[start : toks[end - 1].end],
        start=start,
        end=toks[end - 1].end,
        maximum=None if maximum is None else round(maximum, 4),
        approximate=approximate,
        course_total=_course_total(toks, end, hyphenated),
    )


# --- clock times -------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Time:
    hour: int
    minute: int
    has_minutes: bool
    meridiem: str | None  # "a", "p" or None
    fixed: int | None  # minutes of day for noon / midnight
    end: int  # token index after the time
    leading_zero: bool


def _meridiem_at(toks: tuple[Token, ...], i: int) -> tuple[str | None, int]:
    """ "am", "pm", "a.m.", "p. m.", "AM" at token i."""
    if i >= len(toks):
        return None, i
    word = toks[i].lower
    if word in ("am", "pm"):
        return MERIDIEM_WORDS[word], i + 1
    dotted = i + 2 < len(toks) and toks[i + 1].text == "." and toks[i + 2].lower == "m"
    if word in ("a", "p") and dotted:
        end = i + 3
        if end < len(toks) and toks[end].text == ".":
            end += 1
        return MERIDIEM_WORDS[word], end
    return None, i


def _time_at(toks: tuple[Token, ...], i: int) -> _Time | None:
    if i >= len(toks):
        return None
    word = toks[i].lower
    if word in NOON_WORDS:
        return _Time(0, 0, False, None, NOON_WORDS[word], i + 1, False)
    token = toks[i]
    if not token.is_digits or len(token.text) > 2:
        return None
    hour, minute, has_minutes, j = int(token.text), 0, False, i + 1
    if (
        j + 1 < len(toks)
        and toks[j].text in (":", ".")
        and _adjacent(toks, j)
        and toks[j + 1].is_digits
        and len(toks[j + 1].text) == 2
        and _adjacent(toks, j + 1)
    ):
        minute, has_minutes, j = int(toks[j + 1].text), True, j + 2
    if hour > 24 or minute > 59:
        return None
    meridiem, j = _meridiem_at(toks, j)
    if j < len(toks) and toks[j].lower in NOON_WORDS and hour == 12:
        return _Time(0, 0, False, None, 12 * 60, j + 1, False)  # "12 noon"
    return _Time(hour, minute, has_minutes, meridiem, None, j, token.text.startswith("0"))


def _minutes_of_day(time: _Time, meridiem: str | None) -> int | None:
    if time.fixed is not None:
        return time.fixed
    hour = time.hour
    if meridiem == "p" and hour < 12:
        hour += 12
    elif meridiem == "a" and hour == 12:
        hour = 0
    if meridiem and time.hour > 12:
        return None  # "13 pm"
    return hour * 60 + time.minute


def _reads_as_clock_range(toks: tuple[Token, ...], i: int, first: _Time, second: _Time) -> bool:
    """Two times that make a range of the clock, not "3-5", "June 5 to 16" or "1:30-2:45:10"."""
    if second.end < len(toks) and toks[second.end].text == ":":
        return False  # "1:30-2:45:10" is not a range of clock times
    explicit = any(t.has_minutes or t.meridiem or t.fixed is not None for t in (first, second))
    preceded = (
        i > 0
        and toks[i - 1].lower in ("from", "de", "desde")
        and first.hour <= 12
        and second.hour <= 12
    )
    if not explicit and not preceded:
        return False  # "3-5" or "June 5 to 16" is not a clock range
    bare_first = not (first.has_minutes or first.meridiem or first.fixed is not None)
    return not (bare_first and i > 0 and (toks[i - 1].lower in MONTHS or toks[i - 1].text == ","))


def _span_minutes(first: _Time, second: _Time) -> tuple[int, int] | None:
    """The range's start and end in minutes of the day, morning or afternoon settled."""
    m1, m2 = first.meridiem, second.meridiem
    twenty_four = first.hour > 12 or second.hour > 12 or first.leading_zero
    if m2 and not m1 and not twenty_four:
        m1 = m2
        start, end = _minutes_of_day(first, m1), _minutes_of_day(second, m2)
        if start is not None and end is not None and start > end:
            m1 = "a"  # "11-1pm"
    start, end = _minutes_of_day(first, m1), _minutes_of_day(second, m2)
    if start is None or end is None:
        return None
    if end <= start and not (m1 and m2) and not twenty_four:
        end += 12 * 60  # "11:00-1:00" or "9 to 4" crosses noon
    return start, end


def _clock_at(toks: tuple[Token, ...], i: int, text: str) -> Duration | None:
    """A clock-time range starting at token i ("9:00–10:30", "10 a.m. to noon", "13:00-16:15")."""
    if i > 0 and (toks[i - 1].lower in LABEL_WORDS or toks[i - 1].text == "#"):
        return None  # "Day 3 — 8:00 a.m.": the 3 names the day
    first = _time_at(toks, i)
    if first is None:
        return None
    j = first.end
    if j >= len(toks) or toks[j].lower not in RANGE_WORDS:
        return None
    second = _time_at(toks, j + 1)
    if second is None or not _reads_as_clock_range(toks, i, first, second):
        return None
    minutes = _span_minutes(first, second)
    if minutes is None:
        return None
    start, end = minutes
    span = end - start
    if span <= 0 or span > MAX_CLOCK_SPAN_MINUTES:
        return None
    return Duration(
        hours=round(span / 60, 4),
        text=text[toks[i].start : toks[second.end - 1].end],
        start=toks[i].start,
        end=toks[second.end - 1].end,
        clock=True,
    )


def _hhmm_clock_at(toks: tuple[Token, ...], i: int, text: str) -> Duration | None:
    """A 24-hour range without colons ("0800-0945"), read as a clock range."""
    found = hhmm_range_at(toks, i, MAX_CLOCK_SPAN_MINUTES)
    if found is None:
        return None
    start, end, after = found
    return Duration(
        hours=round((end - start) / 60, 4),
        text=text[toks[i].start : toks[after - 1].end],
        start=toks[i].start,
        end=toks[after - 1].end,
        clock=True,
    )


_STARTS = frozenset({*NUMBER_WORDS, *FRACTIONS, *NOON_WORDS, ".", "half", "media"})
# Anything that could start one: a digit, or one of _STARTS as a whole word (any case).
_MAY_START = re.compile(
    "[0-9½¼¾]|(?<![^\\W\\d_])(?:"
    + "|".join(re.escape(word) for word in sorted(_STARTS - {"."}, key=len, reverse=True))
    + ")(?![^\\W\\d_])",
    re.IGNORECASE,
)


@lru_cache(maxsize=65_536)
def find_durations(text: str) -> tuple[Duration, ...]:
    """Every duration and clock range in ``text``, left to right, not overlapping."""
    if _MAY_START.search(text, 0, MAX_LINE_CHARS) is None:
        return ()  # no digit, number word, fraction, "half" or "noon": prose read in one pass
    toks = tokens(text)
    found: list[Duration] = []
    i = 0
    while i < len(toks):
        if not toks[i].is_digits and toks[i].lower not in _STARTS:
            i += 1  # only a number, a number word, "half" or "noon" starts a duration
            continue
        value = (
            _clock_at(toks, i, text) or _hhmm_clock_at(toks, i, text) or _duration_at(toks, i, text)
        )
        if value is None:
            i += 1
            continue
        found.append(value)
        while i < len(toks) and toks[i].start < value.end:
            i += 1
    return tuple(found)


def find_duration(text: str) -> Duration | None:
    """The first duration or clock range in ``text``, or None."""
    found = find_durations(text)
    return found[0] if found else None


def strip_duration(text: str, value: Duration | None) -> str:
    """``text`` without the duration and the brackets or dashes around it."""
    if value is None:
        return text.strip()
    start, end = value.start, value.end
    opening, closing = text.rfind("(", 0, start), text.find(")", end)
    if (
        opening != -1
        and closing != -1
        and ")" not in text[opening:start]
        and "(" not in text[end:closing]
    ):
        start, end = opening, closing + 1
    else:
        opening, closing = text.rfind("[", 0, start), text.find("]", end)
        if opening != -1 and closing != -1 and "]" not in text[opening:start]:
            start, end = opening, closing + 1
    cleaned = (text[:start] + " " + text[end:]).strip()
    for separator in "|·•":
        if separator in cleaned:  # "Peer Academy | 40 hours | Fresno": no empty field left
            kept = [piece.strip() for piece in cleaned.split(separator) if piece.strip()]
            cleaned = f" {separator} ".join(kept)
    return cleaned.strip(" \t-–—:|,;·•*_").strip()
