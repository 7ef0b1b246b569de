"""Calendar arithmetic and reading dates typed in a cell, which the rules share (pure)."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from app.messages import Message


def add_years(day: date, years: int) -> date:
    """The same calendar day ``years`` later (or earlier); 29 February becomes 28 February in
    common years."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


_MONTHS = {
    name.casefold(): number
    for number in range(1, 13)
    for name in (calendar.month_name[number], calendar.month_abbr[number])
}
_MONTHS["sept"] = 9
_ISO = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ]\d{1,2}:\d{2}(?::\d{2})?.*)?$")
_NUMERIC = re.compile(
    r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})(?: \d{1,2}:\d{2}(?::\d{2})?.*)?$"
)
_MONTH_FIRST = re.compile(r"^([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$")
_DAY_FIRST = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]+)\.?,?\s+(\d{4})$")
_SERIAL = re.compile(r"^\d{5}(?:\.\d+)?$")


@dataclass(frozen=True)
class DateReading:
    """A date read from a cell, or why not; ``day_first`` marks a DD/MM cell (then refused)."""

    value: date | None = None
    error: str = ""
    day_first: bool = False
    month_day: bool = False  # an all-numeric date with month and day both 12 or less


def _make(year: int, month: int, day: int, text: str) -> DateReading:
    if not 1 <= month <= 12:
        return DateReading(
            error=Message(
                "%(text)s is not a date: there is no month %(month)s", text=repr(text), month=month
            )
        )
    last = calendar.monthrange(year, month)[1]
    if not 1 <= day <= last:
        return DateReading(
            error=Message(
                "%(text)s is not a date: %(month)s %(year)s has %(days)s days",
                text=repr(text),
                month=calendar.month_name[month],
                year=str(year),
                days=last,
            )
        )
    return DateReading(value=date(year, month, day))


def read_date(value: str) -> DateReading:
    """``2025-03-15``, ``03/15/2025``, ``3/15/25``, ``March 15, 2025``, ``15 Mar 2025``."""
    text = value.strip()
    key = " ".join(text.casefold().split())
    if m := _ISO.match(key):
        return _make(int(m.group(1)), int(m.group(2)), int(m.group(3)), text)
    if m := _NUMERIC.match(key):
        first, second, year = int(m.group(1)), int(m.group(2)), int(m.group(3))
        if len(m.group(3)) == 2:
            return DateReading(
                error=Message(
                    "%(text)s has a two-digit year; write the year in full (MM/DD/YYYY)",
                    text=repr(text),
                )
            )
        if first > 12 and second <= 12:
            return DateReading(
                error=Message(
                    "%(text)s reads as day/month; write dates as MM/DD/YYYY or YYYY-MM-DD",
                    text=repr(text),
                ),
                day_first=True,
            )
        reading = _make(year, first, second, text)
        if reading.value and second <= 12 and first != second:
            return DateReading(value=reading.value, month_day=True)
        return reading
    for pattern, month_group, day_group in ((_MONTH_FIRST, 1, 2), (_DAY_FIRST, 2, 1)):
        if m := pattern.match(key):
            month = _MONTHS.get(m.group(month_group).rstrip("."))
            if month is None:
                break
            return _make(int(m.group(3)), month, int(m.group(day_group)), text)
    if _SERIAL.match(key):
        return DateReading(
            error=Message(
                "%(text)s is a spreadsheet day number; format the column as a date (MM/DD/YYYY)",
                text=repr(text),
            )
        )
    return DateReading(
        error=Message("%(text)s is not a date (MM/DD/YYYY or YYYY-MM-DD)", text=repr(text))
    )
