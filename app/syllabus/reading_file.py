"""A reading file as the provider sends it back (pure): the reading table as edited, or a list of
corrections, turned into corrections."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from app.messages import Message
from app.syllabus.correcting import CONFIRM, _is_number, correction_from_dict
from app.syllabus.doubts import Correction
from app.syllabus.errors import CorrectionError


def corrections_from_file(
    data: Any, reading_of: Callable[[list[Correction]], dict[str, Any]]
) -> list[Correction]:
    """The corrections a reading file asks for.

    The file is a list of corrections, an object with ``corrections``, the reading as printed
    (``curriculum check --json`` prints it under ``reading``), or that reading edited: each
    difference from the machine's reading becomes a correction keyed by its line.
    ``reading_of(corrections)`` returns the machine's reading under those corrections.
    """
    if isinstance(data, dict) and isinstance(data.get("reading"), dict):
        data = data["reading"]
    if isinstance(data, list):
        return [correction_from_dict(item, i) for i, item in enumerate(data)]
    if not isinstance(data, dict):
        raise CorrectionError(
            Message("A reading file holds the reading (an object) or a list of corrections.")
        )
    listed = data.get("corrections") or []
    if not isinstance(listed, list):
        raise CorrectionError(Message("'corrections' must be a list."))
    base = [correction_from_dict(item, i) for i, item in enumerate(listed)]
    if "sessions" not in data and "totals" not in data:
        return base
    machine = reading_of(base)
    found = _session_changes(machine, data) + _total_changes(machine, data)
    found += _confirmations(data, base + found)
    return base + found


def _by_line(entries: Any, what: str) -> dict[int, dict[str, Any]]:
    if entries is None:
        return {}
    if not isinstance(entries, list):
        raise CorrectionError(Message("'%(what)s' must be a list.", what=what))
    out = {}
    for index, entry in enumerate(entries):
        if not isinstance(entry, dict) or not isinstance(entry.get("line"), int):
            raise CorrectionError(
                Message("%(what)s[%(index)s] needs a line number.", what=what, index=index)
            )
        out[entry["line"]] = entry
    return out


def _session_changes(machine: dict[str, Any], edited: dict[str, Any]) -> list[Correction]:
    if "sessions" not in edited:
        return []
    mine = _by_line(machine.get("sessions"), "sessions")
    frames = _by_line(machine.get("frames"), "frames")
    theirs = _by_line(edited.get("sessions"), "sessions")
    kept_frames = _by_line(edited.get("frames"), "frames")
    found: list[Correction] = []
    for line, entry in sorted(theirs.items()):
        was = mine.get(line)
        if was is None:
            found.append(_new_session(line, entry, line in frames))
            continue
        found += _entry_changes(line, was, entry)
    for line in sorted(set(mine) - set(theirs) - set(kept_frames)):
        found.append(Correction(line, "session", False))
    return found


def _new_session(line: int, entry: dict[str, Any], framed: bool) -> Correction:
    hours = entry.get("hours")
    if not framed and not _is_number(hours):
        raise CorrectionError(
            Message("sessions: the new session on line %(line)s needs its hours.", line=line)
        )
    return Correction(
        line,
        "session",
        True,
        title=str(entry.get("title") or "")[:300],
        hours=float(hours) if _is_number(hours) else None,
    )


def _entry_changes(line: int, was: dict[str, Any], entry: dict[str, Any]) -> list[Correction]:
    found = []
    hours = entry.get("hours")
    if hours != was.get("hours") and hours is not None:
        if not _is_number(hours):
            raise CorrectionError(
                Message("sessions: the hours on line %(line)s must be a number.", line=line)
            )
        found.append(Correction(line, "hours", float(hours)))
    if "counted" in entry and bool(entry["counted"]) != bool(was.get("counted")):
        found.append(Correction(line, "counted", bool(entry["counted"])))
    if "competencies" in entry:
        before = {c["id"]: c for c in was.get("competencies", [])}
        after = {}
        for item in entry.get("competencies") or []:
            identifier = item.get("id") if isinstance(item, dict) else item
            if not isinstance(identifier, str):
                raise CorrectionError(
                    Message("sessions: a competency on line %(line)s needs its id.", line=line)
                )
            after[identifier] = item if isinstance(item, dict) else {}
        for identifier in sorted(set(after) - set(before)):
            evidence = after[identifier].get("evidence") or ""
            if isinstance(evidence, list):
                evidence = "; ".join(str(e) for e in evidence)
            found.append(Correction(line, "competency", identifier, evidence=str(evidence)))
        for identifier in sorted(set(before) - set(after)):
            found.append(Correction(line, "competency", identifier, remove=True))
    return found


def _total_changes(machine: dict[str, Any], edited: dict[str, Any]) -> list[Correction]:
    if "totals" not in edited:
        return []
    mine = {(t.get("line") or 0): t for t in machine.get("totals", [])}
    theirs = {(t.get("line") or 0): t for t in _by_line_or_zero(edited.get("totals"))}
    found: list[Correction] = []
    for line in sorted(set(mine) - set(theirs)):
        found.append(Correction(line, "total", False))
    taken = [line for line, t in theirs.items() if t.get("taken")]
    machine_taken = next((line for line, t in mine.items() if t.get("taken")), None)
    for line, entry in sorted(theirs.items()):
        hours = entry.get("hours")
        changed = line not in mine or (hours is not None and hours != mine[line].get("hours"))
        if changed or (line in taken[:1] and line != machine_taken):
            if hours is not None and not _is_number(hours):
                raise CorrectionError(
                    Message("totals: the hours on line %(line)s must be a number.", line=line)
                )
            found.append(
                Correction(
                    line,
                    "total",
                    True,
                    title=str(entry.get("text") or ""),
                    hours=float(hours) if changed and hours is not None else None,
                )
            )
    return found


def _by_line_or_zero(entries: Any) -> list[dict[str, Any]]:
    if entries is None:
        return []
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        raise CorrectionError(Message("'totals' must be a list of objects."))
    return entries


def _confirmations(edited: dict[str, Any], found: list[Correction]) -> list[Correction]:
    lines = set()
    for key in ("sessions", "totals", "doubts"):
        for entry in edited.get(key) or []:
            if isinstance(entry, dict) and entry.get("confirmed") is True:
                lines.add(int(entry.get("line") or 0))
    done = {c.line for c in found if c.field == CONFIRM}
    return [Correction(line, CONFIRM, True) for line in sorted(lines - done)]


SCHEMA_PATH = Path(__file__).with_name("reading.schema.json")


def reading_schema() -> dict[str, Any]:
    """The JSON Schema of ``build_reading``'s output (documented in the README)."""
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
