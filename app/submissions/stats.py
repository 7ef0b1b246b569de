"""The reviewer dashboard's figures and chart (pure): open items by days left, decisions per
month, median days to decision, and the bars of an SVG chart."""

from __future__ import annotations

import statistics
from collections import Counter
from dataclasses import dataclass
from datetime import date

# (label, lowest days left, highest days left); None: unbounded
DAYS_LEFT_BUCKETS: tuple[tuple[str, int | None, int | None], ...] = (
    ("overdue", None, -1),
    ("0–14 days", 0, 14),
    ("15–30 days", 15, 30),
    ("31–60 days", 31, 60),
    ("61–90 days", 61, None),
)


def days_left_buckets(days_left: list[int]) -> list[tuple[str, int]]:
    """How many running clocks fall in each bucket of days left."""
    counts = []
    for label, low, high in DAYS_LEFT_BUCKETS:
        counts.append(
            (
                label,
                sum(
                    1
                    for d in days_left
                    if (low is None or d >= low) and (high is None or d <= high)
                ),
            )
        )
    return counts


def months_back(today: date, count: int) -> list[str]:
    """The last ``count`` months as "YYYY-MM", oldest first, ending with ``today``'s."""
    year, month = today.year, today.month
    result = []
    for _ in range(count):
        result.append(f"{year:04d}-{month:02d}")
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return result[::-1]


def per_month(days: list[date], months: list[str]) -> list[tuple[str, int]]:
    counted = Counter(d.strftime("%Y-%m") for d in days)
    return [(m, counted.get(m, 0)) for m in months]


def median_days(pairs: list[tuple[date, date]]) -> float | None:
    """The median of (decided − complete) in days; None without decisions."""
    spans = [(decided - started).days for started, decided in pairs if decided >= started]
    return statistics.median(spans) if spans else None


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    x: float
    y: float
    width: float
    height: float


def bars(values: list[tuple[str, int]], *, width: int = 600, height: int = 160) -> list[Bar]:
    """Bars for an SVG chart of ``values`` scaled to ``width`` × ``height`` (room for labels)."""
    if not values:
        return []
    most = max(v for _, v in values) or 1
    step = width / len(values)
    result = []
    for i, (label, value) in enumerate(values):
        h = (height - 20) * value / most
        result.append(Bar(label, value, i * step + 4, height - 20 - h, step - 8, h))
    return result
