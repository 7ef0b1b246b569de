"""The reading table as a form: what a provider changed in it, read back as an edited reading (pure).

Each row of the table on the check page and on a draft carries controls named by its line:

    hours-<line>      the session's hours (a number)
    counted-<line>    "yes" or "no": its hours count as direct instruction
    drop-<line>       checked: this line is not a session
    add-<line>        a competency id to credit, with evidence-<line> (the words that show it)
    remove-<line>     (several) competency ids to take away
    confirm-<line>    checked: the reading of this line is right (closes its doubt)
    total             the line of the statement that is the declared total
    nototal-<line>    checked: this statement is not a declared total
    new-line, new-title, new-hours   a line the reader missed that is a session

``edited_reading`` turns the posted form into the reading as the provider edited it;
``reading.corrections_from_file`` then makes the corrections from the differences.
"""

from __future__ import annotations

import copy
from typing import Any, Protocol

from app.messages import Message


class Form(Protocol):
    def get(self, key: str, default: Any = None) -> Any: ...

    def getlist(self, key: str) -> list[Any]: ...


class FormProblems(ValueError):
    """The form cannot be read; ``problems`` says what to fix, by line."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("; ".join(problems))


def _number(text: str) -> float | None:
    try:
        value = float(text.strip().replace(",", "."))
    except ValueError:
        return None
    return value if 0 <= value <= 10_000 and value == value else None


def edited_reading(reading: dict[str, Any], form: Form) -> dict[str, Any]:
    """The reading with the form's changes; FormProblems lists every value that cannot be used."""
    edited = copy.deepcopy(reading)
    problems: list[str] = []
    sessions = []
    for session in edited.get("sessions", []) + edited.get("frames", []):
        line = session["line"]
        if form.get(f"drop-{line}"):
            continue
        was_frame = session.get("kind") == "frame"
        _edit_session(session, form, problems)
        if not was_frame or session.get("counted"):
            sessions.append(session)
    edited["frames"] = [f for f in edited.get("frames", []) if f not in sessions]
    new = _new_session(form, problems)
    if new is not None:
        sessions.append(new)
    edited["sessions"] = sessions
    _edit_totals(edited, form, problems)
    for doubt in edited.get("doubts", []):
        if form.get(f"confirm-{doubt['line']}"):
            doubt["confirmed"] = True
    if problems:
        raise FormProblems(problems)
    return edited


def _edit_session(session: dict[str, Any], form: Form, problems: list[str]) -> None:
    line = session["line"]
    hours = (form.get(f"hours-{line}") or "").strip()
    if hours:
        value = _number(hours)
        if value is None:
            problems.append(
                Message(
                    "Line %(line)s: the hours must be a number, not “%(value)s”.",
                    line=line,
                    value=hours[:20],
                )
            )
        elif session.get("hours") is None or abs(value - float(session["hours"])) > 1e-9:
            session["hours"] = value
    counted = form.get(f"counted-{line}")
    if counted in ("yes", "no"):
        session["counted"] = counted == "yes"
    removed = set(form.getlist(f"remove-{line}"))
    competencies = [c for c in session.get("competencies", []) if c["id"] not in removed]
    added = (form.get(f"add-{line}") or "").strip().lower()
    if added and all(c["id"] != added for c in competencies):
        evidence = (form.get(f"evidence-{line}") or "").strip()
        competencies.append({"id": added, "evidence": evidence[:500]})
    session["competencies"] = competencies
    if form.get(f"confirm-{line}"):
        session["confirmed"] = True


def _new_session(form: Form, problems: list[str]) -> dict[str, Any] | None:
    line_text = (form.get("new-line") or "").strip()
    title = (form.get("new-title") or "").strip()
    hours_text = (form.get("new-hours") or "").strip()
    if not (line_text or title or hours_text):
        return None
    line = int(line_text) if line_text.isdigit() else None
    hours = _number(hours_text) if hours_text else None
    if line is None or line < 1:
        problems.append(Message("New session: give the line it starts on (a number)."))
    if hours is None:
        problems.append(Message("New session: give its hours (a number)."))
    if line is None or hours is None:
        return None
    return {"line": line, "title": title[:300], "hours": hours, "counted": True}


def _edit_totals(edited: dict[str, Any], form: Form, problems: list[str]) -> None:
    totals = [t for t in edited.get("totals", []) if not form.get(f"nototal-{t.get('line') or 0}")]
    chosen = (form.get("total") or "").strip()
    if chosen:
        if not chosen.isdigit() or all(str(t.get("line") or 0) != chosen for t in totals):
            problems.append(Message("Declared total: choose one of the statements listed."))
        else:
            for total in totals:
                total["taken"] = str(total.get("line") or 0) == chosen
            totals.sort(key=lambda t: not t["taken"])
    for total in totals:
        if form.get(f"confirm-{total.get('line') or 0}"):
            total["confirmed"] = True
    edited["totals"] = totals
