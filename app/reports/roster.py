"""Reading a provider's completion roster (CSV), pure.

Columns (header row, any order, case-insensitive): ``email`` or ``certification_number`` (who),
``name`` (optional), ``registered_on`` and ``completed_on`` (YYYY-MM-DD or MM/DD/YYYY; leave
``completed_on`` empty for someone who registered but has not completed).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date, datetime

MAX_ROWS = 20_000


class RosterError(ValueError):
    """The roster cannot be read; the message names the line."""


@dataclass(frozen=True)
class RosterLine:
    person: str
    name: str
    registered_on: date | None
    completed_on: date | None


def _date(text: str, line: int, column: str) -> date | None:
    text = text.strip()
    if not text:
        return None
    for pattern in ("%Y-%m-%d", "%m/%d/%Y"):
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise RosterError(f"Line {line}: {column} {text!r} is not a date (YYYY-MM-DD or MM/DD/YYYY).")


def read_roster(data: bytes) -> list[RosterLine]:
    """The roster's lines; RosterError says what is wrong and where."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise RosterError("The roster is not UTF-8 text; save it as CSV UTF-8.") from None
    reader = csv.DictReader(io.StringIO(text))
    fields = {(f or "").strip().lower(): f for f in reader.fieldnames or []}
    who = fields.get("email") or fields.get("certification_number")
    if who is None or "registered_on" not in fields:
        raise RosterError(
            "The roster needs a header row with email (or certification_number), registered_on "
            "and completed_on."
        )
    lines = []
    for number, row in enumerate(reader, start=2):
        if number > MAX_ROWS + 1:
            raise RosterError(f"The roster has more than {MAX_ROWS} lines; split it.")
        person = (row.get(who) or "").strip().lower()
        if not person:
            raise RosterError(f"Line {number}: who is it? The {who} column is empty.")
        registered = _date(row.get(fields["registered_on"]) or "", number, "registered_on")
        completed = _date(row.get(fields.get("completed_on", ""), "") or "", number, "completed_on")
        if registered and completed and completed < registered:
            raise RosterError(f"Line {number}: completed_on is before registered_on.")
        if registered is None and completed is None:
            raise RosterError(f"Line {number}: give registered_on or completed_on.")
        name = (row.get(fields.get("name", ""), "") or "").strip()[:200]
        lines.append(RosterLine(person[:254], name, registered, completed))
    if not lines:
        raise RosterError("The roster has no lines below its header.")
    return lines
