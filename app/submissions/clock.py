"""The 90-day review clock (§803.3): it runs from the complete application and pauses while a
revision request is with the provider (pure; calendar days)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from app.submissions.states import SubmissionState as S


@dataclass(frozen=True)
class ClockEvent:
    on: date
    to_state: str


@dataclass(frozen=True)
class ClockStatus:
    started_on: date | None
    days_used: int
    days_left: int | None
    due_on: date | None
    paused: bool
    running: bool
    overdue: bool
    pauses: tuple[tuple[date, date | None], ...]  # (paused on, resumed on)


def review_clock(events: list[ClockEvent], today: date, *, limit_days: int) -> ClockStatus:
    """Days used and left of ``limit_days`` given the state changes in ``events`` (oldest first).

    The clock starts on the day the application is submitted, stops counting on the day a
    revision request goes out and starts again on the day of resubmission; a decision stops it.
    """
    started: date | None = None
    running_since: date | None = None
    used = 0
    pauses: list[tuple[date, date | None]] = []
    for event in sorted(events, key=lambda e: e.on):
        state = S(event.to_state)
        if state == S.SUBMITTED:
            if started is None:
                started = event.on
            if pauses and pauses[-1][1] is None:
                pauses[-1] = (pauses[-1][0], event.on)
            if running_since is None:
                running_since = event.on
        elif running_since is not None:
            used += (event.on - running_since).days
            running_since = None
            if state == S.REVISIONS_REQUESTED:
                pauses.append((event.on, None))
    running = running_since is not None
    if running:
        used += (today - running_since).days
    paused = bool(pauses) and pauses[-1][1] is None
    if started is None:
        return ClockStatus(None, 0, None, None, False, False, False, ())
    left = limit_days - used
    due = date.fromordinal(today.toordinal() + left) if running else None
    return ClockStatus(
        started, used, left, due, paused, running, running and left < 0, tuple(pauses)
    )
