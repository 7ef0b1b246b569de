"""Ranges of 24-hour ("military") times written without a colon: "0800-0945", "1300–1645" (pure).

Agendas from public-safety, county and military-style providers write times as four digits, with
no colon and no a.m./p.m.: "0800-0945  Welcome", "1300 to 1645". A pair of such times joined by a
dash or a range word is a range of the clock. The contract, on the tokens ``durations.tokens``
makes (each with ``text``, ``lower``, ``is_digits``, ``start`` and ``end``):

- ``hhmm_range_at(toks, i)`` is ``(start_minute, end_minute, index_after)`` when tokens ``i..``
  are such a range, else None. Both times are exactly four digits, hours 00-24, minutes 00-59, and
  the range runs forward within one day (``max_span`` minutes at most).
- Numbers that only look like it are refused: year spans ("2024-2025", "FY 2019–2020": both
  times in the same hour 19 or 20), a four-digit group inside a longer number ("555-1300-2040",
  "1300-1645-22"), a range shorter than ``MIN_SPAN_MINUTES``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

MIN_SPAN_MINUTES = 5  # "0945-0950" is a short item; "2024-2025" read as a time would be 1 minute
# Joins between the two times; "a"/"al"/"hasta" are Spanish ("0800 a 1230").
HHMM_RANGE_WORDS = frozenset({"-", "–", "—", "to", "until", "till", "a", "al", "hasta"})
# Hours in which a four-digit pair is far more often a span of years than a time of day.
_YEAR_HOURS = frozenset({19, 20})


def _hhmm(token: Any) -> int | None:
    """Minutes of the day of a four-digit token "0800", or None."""
    if not token.is_digits or len(token.text) != 4:
        return None
    hour, minute = int(token.text[:2]), int(token.text[2:])
    if hour > 24 or minute > 59 or (hour == 24 and minute):
        return None
    return hour * 60 + minute


def _glued_number(toks: Sequence[Any], i: int, step: int) -> bool:
    """True when token i is glued to another number by a dash or a dot ("555-1300", "1645-22")."""
    near, far = i + step, i + 2 * step
    if not (0 <= far < len(toks)) or toks[near].text not in "-–—./":
        return False
    left, right = (i, near) if step > 0 else (near, i)
    return toks[left].end == toks[right].start and toks[far].is_digits


def hhmm_range_at(toks: Sequence[Any], i: int, max_span: int) -> tuple[int, int, int] | None:
    """The 24-hour range starting at token i: (start minute, end minute, index after) or None."""
    if i + 2 >= len(toks) or toks[i + 1].lower not in HHMM_RANGE_WORDS:
        return None
    start, end = _hhmm(toks[i]), _hhmm(toks[i + 2])
    if start is None or end is None:
        return None
    if _glued_number(toks, i, -1) or _glued_number(toks, i + 2, 1):
        return None
    if start // 60 == end // 60 and start // 60 in _YEAR_HOURS:
        return None  # "2024-2025": a span of years
    if not MIN_SPAN_MINUTES <= end - start <= max_span:
        return None
    return start, end, i + 3
