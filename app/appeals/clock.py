"""The clocks of an appeal, pure, in calendar days: the window to appeal a decision (§702.1.D,
§702.2.A), the 90(+30)-day review shared with complaints' investigations (§805.6–7), and the
date a letter of final disposition can carry.

The work is completed within 90 days of receipt. It may be extended once by up to 30 days, and
the person who complained or appealed is told in writing at least five days before the 90 days
run out; so an extension is possible only up to that notice date.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from app.messages import LongDate, Message
from app.policy import Policy


@dataclass(frozen=True)
class ClockRules:
    limit_days: int = 90  # §805.6
    extension_days: int = 30  # §805.7.A
    notice_days: int = 5  # §805.7.B


@dataclass(frozen=True)
class InvestigationClock:
    received_on: date
    due_on: date  # the 90th day, or the extended date
    first_due_on: date  # the 90th day
    notice_by: date  # last day to send the extension notice
    extended_days: int
    days_left: int | None  # None once closed
    closed: bool
    overdue: bool
    can_extend: bool

    @property
    def extended(self) -> bool:
        return self.extended_days > 0


def investigation_clock(
    received_on: date,
    today: date,
    rules: ClockRules,
    *,
    extended_days: int = 0,
    closed_on: date | None = None,
) -> InvestigationClock:
    """Where the clock of a matter received on ``received_on`` stands on ``today``."""
    first_due = received_on + timedelta(days=rules.limit_days)
    due = first_due + timedelta(days=extended_days)
    notice_by = first_due - timedelta(days=rules.notice_days)
    closed = closed_on is not None
    left = None if closed else (due - today).days
    return InvestigationClock(
        received_on=received_on,
        due_on=due,
        first_due_on=first_due,
        notice_by=notice_by,
        extended_days=extended_days,
        days_left=left,
        closed=closed,
        overdue=(closed_on or today) > due,
        can_extend=not closed and extended_days == 0 and today <= notice_by,
    )


def check_extension(clock: InvestigationClock, days: int, rules: ClockRules, today: date) -> None:
    """ValueError saying why an extension of ``days`` is not allowed now (§805.7)."""
    if clock.closed:
        raise ValueError(Message("the matter is closed"))
    if clock.extended:
        raise ValueError(Message("the investigation was already extended once"))
    if not 1 <= days <= rules.extension_days:
        raise ValueError(
            Message(
                "an extension is between 1 and %(days)s calendar days", days=rules.extension_days
            )
        )
    if today > clock.notice_by:
        raise ValueError(
            Message(
                "the written notice of an extension goes out at least %(notice)s days before "
                "the %(limit)s days run out, so by %(date)s",
                notice=rules.notice_days,
                limit=rules.limit_days,
                date=LongDate(clock.notice_by),
            )
        )


def rules_from(policy: Policy) -> ClockRules:
    """The 90(+30)-day rules as ``policy`` sets them (§805.6–7)."""
    return ClockRules(
        limit_days=int(policy.value("complaint.investigation_days")),
        extension_days=int(policy.value("complaint.extension_days")),
        notice_days=int(policy.value("complaint.extension_notice_days")),
    )


def appeal_deadline(decided_on: date | None, window_days: int) -> date | None:
    """The last day to appeal a decision made on ``decided_on``: ``window_days`` calendar days
    later (14, §702.1.D); None while nothing is decided."""
    if decided_on is None:
        return None
    return decided_on + timedelta(days=window_days)


def window_open(decided_on: date | None, window_days: int, today: date) -> bool:
    """Whether an appeal of a decision made on ``decided_on`` can still be filed on ``today``."""
    deadline = appeal_deadline(decided_on, window_days)
    return deadline is None or today <= deadline


def check_letter_date(sent_on: date | None, decided_on: date | None, today: date) -> None:
    """ValueError saying why ``sent_on`` cannot be the date the letter of final disposition was
    sent: the appeal must be decided, and the letter goes out neither before the decision nor
    after today."""
    if decided_on is None:
        raise ValueError(
            Message("the appeal is not decided yet, so no letter of final disposition exists")
        )
    if sent_on is None:
        raise ValueError(Message("give the date the letter was sent"))
    if sent_on > today:
        raise ValueError(
            Message("the date is in the future; today is %(date)s", date=LongDate(today))
        )
    if sent_on < decided_on:
        raise ValueError(
            Message(
                "the letter cannot be sent before the decision of %(date)s",
                date=LongDate(decided_on),
            )
        )
