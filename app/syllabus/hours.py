"""Hour values as syllabi write them: "3 hrs", "90 minutes", "20-40 hours", "9:00–10:30" (pure)."""

from __future__ import annotations

import re
from dataclasses import dataclass

NUMBER = r"(\d{1,3}(?:\.\d{1,2})?|\.\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|half an?|a half|an?)"
WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "a": 1,
    "an": 1,
    "half a": 0.5,
    "half an": 0.5,
    "a half": 0.5,
}
MAX_MODULE_HOURS = 200.0  # a duration above this in one line is a typo or a total, not a module
HOUR_UNIT = r"(?:hours?|hrs?\.?|h)(?![a-z])"
MIN_UNIT = r"(?:minutes?|mins?\.?|m)(?![a-z])"
RANGE_DASH = r"\s*(?:-|–|to)\s*"
ORDINAL_WORD = re.compile(
    r"\b(day|module|session|week|unit|part|step|section|lesson|chapter|block|no\.?|#)\s*$", re.I
)
QUALIFIER = re.compile(  # "approximately", "about", "min", "at least" right before a duration
    r"(?:\b(?:approx(?:imately|\.)?|about|around|roughly|circa|ca\.|estimated|up to"
    r"|min(?:imum)?\.?|at least)|~)[\s(:,\-–—]*$",
    re.I,
)

RANGE_HOURS = re.compile(rf"\b{NUMBER}{RANGE_DASH}{NUMBER}\s*-?\s*{HOUR_UNIT}", re.I)
HOURS_AND_MINUTES = re.compile(
    rf"\b{NUMBER}\s*-?\s*{HOUR_UNIT}\s*(?:and\s*)?(\d{{1,2}})\s*{MIN_UNIT}", re.I
)
HOURS = re.compile(rf"(?<![\d:.])\b{NUMBER}\s*-?\s*{HOUR_UNIT}", re.I)
MINUTES = re.compile(
    rf"(?<![\d:.])\b(\d{{1,3}})(?:{RANGE_DASH}(\d{{1,3}}))?\s*-?\s*{MIN_UNIT}", re.I
)
H_MM = re.compile(r"\b(\d{1,2})h(\d{2})\b", re.I)

TIME = r"(\d{1,2})(?::(\d{2}))?\s*(a\.?\s?m\.?|p\.?\s?m\.?|am|pm|noon)?"
CLOCK_RANGE = re.compile(rf"(?<![\d:])\b{TIME}\s*(?:-|–|—|to|until)\s*{TIME}(?![\d:])", re.I)


@dataclass(frozen=True)
class HourValue:
    """A duration found in text: the value counted, and what the text said."""

    hours: float  # the value counted (the minimum of a range)
    text: str  # the words it was read from
    maximum: float | None = None  # upper end of a range
    approximate: bool = False
    from_clock: bool = False
    start: int = 0  # position in the line
    end: int = 0

    @property
    def is_range(self) -> bool:
        return self.maximum is not None and self.maximum != self.hours


def _number(text: str) -> float:
    text = text.lower().strip()
    if text in WORDS:
        return float(WORDS[text])
    return float(text)


def _meridiem(value: str | None) -> str | None:
    if not value:
        return None
    value = value.lower().replace(".", "").replace(" ", "")
    return "noon" if value == "noon" else value[0]  # "a" or "p"


def _minutes(hour: str, minute: str | None, meridiem: str | None) -> int | None:
    h, m = int(hour), int(minute or 0)
    if h > 24 or m > 59:
        return None
    if meridiem == "p" and h < 12:
        h += 12
    elif meridiem == "a" and h == 12:
        h = 0
    elif meridiem == "noon":
        h, m = 12, 0
    return h * 60 + m


def clock_duration(match: re.Match) -> float | None:
    """Hours between the two times of a clock range, or None when it is not a time range."""
    h1, m1, ap1, h2, m2, ap2 = match.groups()
    ap1, ap2 = _meridiem(ap1), _meridiem(ap2)
    # A range needs minutes or a.m./p.m. on at least one side: "3-5" alone is not a clock time.
    if not (m1 or m2 or ap1 or ap2):
        return None
    if ap2 and not ap1 and ap2 in ("a", "p"):
        # "10-11:30am": the first time shares the second's meridiem unless that would make it later.
        ap1 = ap2
        start, end = _minutes(h1, m1, ap1), _minutes(h2, m2, ap2)
        if start is not None and end is not None and start > end:
            ap1 = "a"
    start, end = _minutes(h1, m1, ap1), _minutes(h2, m2, ap2)
    if start is None or end is None:
        return None
    if end <= start and not (ap1 and ap2):
        end += 12 * 60  # "11:00-1:00" crosses noon
    if end <= start or end - start > 14 * 60:
        return None
    return round((end - start) / 60, 2)


def find_clock_range(text: str) -> HourValue | None:
    """The first clock-time range in ``text`` ("9:00–10:30", "8:30 AM-5 PM") as a duration."""
    for match in CLOCK_RANGE.finditer(text):
        duration = clock_duration(match)
        if duration is not None:
            return HourValue(
                duration,
                match.group(0).strip(),
                from_clock=True,
                start=match.start(),
                end=match.end(),
            )
    return None


def find_hours(text: str) -> HourValue | None:
    """The first explicit duration in ``text`` ("3 hrs", "90 minutes", "20-40 hours"), or None.

    Numbers without a unit ("Recovery 101") and lone times ("(6:01)") are not durations.
    """
    candidates: list[HourValue] = []
    for match in RANGE_HOURS.finditer(text):
        low, high = _number(match.group(1)), _number(match.group(2))
        if ORDINAL_WORD.search(text[: match.start()]):
            continue  # "Day 1 - 8 hours" names a day, then its hours
        if low <= high:
            candidates.append(
                HourValue(low, match.group(0), maximum=high, start=match.start(), end=match.end())
            )
    for match in HOURS_AND_MINUTES.finditer(text):
        value = _number(match.group(1)) + int(match.group(2)) / 60
        candidates.append(
            HourValue(round(value, 2), match.group(0), start=match.start(), end=match.end())
        )
    for match in H_MM.finditer(text):
        value = int(match.group(1)) + int(match.group(2)) / 60
        candidates.append(
            HourValue(round(value, 2), match.group(0), start=match.start(), end=match.end())
        )
    for match in HOURS.finditer(text):
        candidates.append(
            HourValue(_number(match.group(1)), match.group(0), start=match.start(), end=match.end())
        )
    for match in MINUTES.finditer(text):
        low = int(match.group(1))
        high = int(match.group(2)) if match.group(2) else None
        bare_m = match.group(0).strip().lower().endswith("m") and not re.search(
            r"min", match.group(0), re.I
        )
        if bare_m and low < 10:
            continue  # a bare "m" after one digit ("5m") is too ambiguous to read as minutes
        candidates.append(
            HourValue(
                round(low / 60, 2),
                match.group(0),
                maximum=round(high / 60, 2) if high else None,
                start=match.start(),
                end=match.end(),
            )
        )
    if not candidates:
        return None
    # Earliest in the line wins; at the same place the longest reading wins ("1 hour 30 minutes").
    best = min(candidates, key=lambda c: (c.start, -(c.end - c.start)))
    offset = max(0, best.start - 20)
    before = text[offset : best.start]
    # Only a qualifier right before the number counts: "about 3 hours", not "Learning about boundaries (3 hours)".
    qualifier = QUALIFIER.search(before)
    if best.hours <= 0 or best.hours > MAX_MODULE_HOURS:
        return None
    # Quote what the syllabus said, qualifier included ("approximately 5 hours").
    said = text[offset + qualifier.start() : best.end] if qualifier else best.text
    said = said.strip()
    return HourValue(
        best.hours, said, best.maximum, qualifier is not None, False, best.start, best.end
    )


def strip_hours(text: str, value: HourValue | None) -> str:
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
        start, end = opening, closing + 1  # "(30 minutes daily)": drop the whole bracket
    cleaned = text[:start] + text[end:]
    cleaned = re.sub(
        r"\(\s*(?:approx(?:imately|\.)?|about|~|min(?:imum)?\.?)?\s*\)", "", cleaned, flags=re.I
    )
    cleaned = re.sub(r"\[\s*\]", "", cleaned)
    cleaned = re.sub(
        r"\b(?:approx(?:imately|\.)?|about|around|min(?:imum)?\.?)\s*$",
        "",
        cleaned.strip(),
        flags=re.I,
    )
    return cleaned.strip(" \t-–—:|,;")
