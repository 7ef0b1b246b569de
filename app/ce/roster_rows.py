"""A provider's completion roster for CE: its rows read and judged, before any matching (pure).

Columns (a header row, any order, any case; the usual other names are read too):
``certification_number``, ``name``, ``completed_on``, ``hours``. A row is judged on its own:
a missing or unreadable value, a date in the future or hours beyond the course's approved hours
refuse it with the reason, for the provider to fix. Nothing is guessed.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from datetime import date

from app.ce.spreadsheet import amount, read_date
from app.messages import Listed, Message
from app.stored_messages import stored

HEADERS = {
    "certification_number": "certification_number",
    "certification_no": "certification_number",
    "certification": "certification_number",
    "cert_number": "certification_number",
    "cert_no": "certification_number",
    "mpss": "certification_number",
    "mpss_number": "certification_number",
    "number": "certification_number",
    "name": "name",
    "legal_name": "name",
    "full_name": "name",
    "participant": "name",
    "completed_on": "completed_on",
    "completion_date": "completed_on",
    "date_completed": "completed_on",
    "completed": "completed_on",
    "date": "completed_on",
    "hours": "hours",
    "ce_hours": "hours",
    "credit_hours": "hours",
    "contact_hours": "hours",
}
REQUIRED = ("certification_number", "name", "completed_on", "hours")
HEADER_SEARCH_ROWS = 5


class RosterFileError(ValueError):
    """The roster as a whole cannot be read (no header, no rows)."""


@dataclass
class RosterRow:
    """One row: what it says, and its outcome once judged ("" while it may still be posted)."""

    line: int
    certification_number: str
    name: str
    completed_on: date | None
    hours: float | None
    reason: str = ""

    def as_json(self) -> dict:
        values = asdict(self)
        values["completed_on"] = self.completed_on.isoformat() if self.completed_on else None
        if (kept := stored(self.reason)) is not None:  # so the page shows it in its language
            values["reason_message"] = kept
        return values


def _key(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", text.casefold()).strip("_")


def _header(rows: list[list[str]]) -> tuple[int, dict[str, int]]:
    for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        columns: dict[str, int] = {}
        for position, cell in enumerate(row):
            name = HEADERS.get(_key(cell))
            if name and name not in columns:
                columns[name] = position
        if all(name in columns for name in REQUIRED):
            return index, columns
    raise RosterFileError(
        Message(
            "The roster needs a header row naming certification_number, name, completed_on and "
            "hours (other names such as “Certification Number” or “Completion Date” are read too)."
        )
    )


def normalized_number(text: str) -> str:
    return re.sub(r"[\s-]+", "", text).upper()


def _read_row(line: int, cells: list[str], columns: dict[str, int]) -> RosterRow:
    def cell(name: str) -> str:
        position = columns[name]
        return cells[position].strip() if position < len(cells) else ""

    row = RosterRow(
        line, normalized_number(cell("certification_number"))[:20], cell("name")[:200], None, None
    )
    problems = []
    if not row.certification_number:
        problems.append(Message("the certification number is missing"))
    if not row.name:
        problems.append(Message("the name is missing"))
    if not cell("completed_on"):
        problems.append(Message("the completion date is missing"))
    elif (reading := read_date(cell("completed_on"))).value is None:
        problems.append(Message("the completion date %(error)s", error=reading.error))
    else:
        row.completed_on = reading.value
    hours = amount(cell("hours"))
    if hours.error:
        problems.append(Message("the hours: %(error)s", error=hours.error))
    elif hours.units is not None:
        problems.append(
            Message("the hours %(text)s are units, not hours", text=repr(cell("hours")))
        )
    elif hours.hours is None:
        problems.append(Message("the hours are missing"))
    else:
        row.hours = hours.hours
    row.reason = Message("%(problems)s", problems=Listed(problems, "; ")) if problems else ""
    return row


def read_rows(rows: list[list[str]], *, max_rows: int = 20_000) -> list[RosterRow]:
    """The roster's rows with their own problems noted; blank rows skipped."""
    start, columns = _header(rows)
    found: list[RosterRow] = []
    for line, cells in enumerate(rows[start + 1 :], start=start + 2):
        if not any(c.strip() for c in cells):
            continue
        if len(found) >= max_rows:
            raise RosterFileError(
                Message("The roster has more than %(most)s rows; split it.", most=max_rows)
            )
        found.append(_read_row(line, cells, columns))
    if not found:
        raise RosterFileError(Message("The roster has no rows below its header."))
    return found


def judge(row: RosterRow, *, approved_hours: float | None, today: date) -> None:
    """Refuse a row dated in the future or claiming more than the course's approved hours."""
    if row.reason:
        return
    if row.completed_on and row.completed_on > today:
        row.reason = Message(
            "the completion date %(date)s is in the future", date=f"{row.completed_on:%m/%d/%Y}"
        )
    elif approved_hours and row.hours and row.hours > approved_hours:
        row.reason = Message(
            "%(hours)s hours is more than the course's approved %(approved)s hours",
            hours=row.hours,
            approved=approved_hours,
        )
