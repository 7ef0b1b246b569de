"""The table of what the checker read (pure), with grounds and confidence for each decision, as
JSON (``reading.schema.json``)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from app.messages import Message
from app.syllabus.correcting import CONFIRM, READING_VERSION, correction_to_dict
from app.syllabus.parser import Module, Syllabus
from app.syllabus.report import Report
from app.syllabus.verdict import DoubtResult, doubt_to_dict


def build_reading(
    report: Report, syllabus: Syllabus, results: Sequence[DoubtResult] = ()
) -> dict[str, Any]:
    """What was read, each decision with its grounds and confidence (``reading.schema.json``)."""
    applied = list(getattr(syllabus, "applied", []) or [])
    corrected_lines = {c.line for c in applied if c.field != CONFIRM}
    doubted = {r.doubt.line: r.doubt for r in results if r.open}
    for result in results:
        for alternative in result.doubt.alternatives:
            if result.open:
                doubted.setdefault(alternative.line, result.doubt)
    modules = {m.line: m for m in syllabus.modules}
    sessions, frames = [], []
    for result in report.modules:
        entry = _session_entry(result, modules.get(result.line), doubted, corrected_lines)
        (frames if result.kind == "frame" else sessions).append(entry)
    return {
        "version": READING_VERSION,
        "program": report.program,
        "verdict": report.decision,
        "total_hours": round(report.total_hours, 2),
        "required_hours": report.required_hours,
        "sessions": sessions,
        "frames": frames,
        "totals": _total_entries(report, doubted, corrected_lines),
        "set_aside": [
            {"line": s["line"], "title": s["title"], "hours": s["hours"], "kind": s["kind"]}
            for s in sessions
            if not s["counted"]
        ]
        + [
            {"line": line, "title": text, "hours": None, "kind": "note"}
            for line, text in _notes(syllabus)
        ],
        "doubts": [doubt_to_dict(r) for r in results],
        "corrections": [correction_to_dict(c) for c in applied],
    }


def _notes(syllabus: Syllabus) -> list[tuple[int, str]]:
    # A note that is a Message stays one, so a stored report keeps its template (stored_text).
    return [
        (int(line or 0), text if isinstance(text, str) else str(text))
        for line, text in syllabus.notes
    ]


def _session_entry(result, module: Module | None, doubted: dict, corrected: set) -> dict[str, Any]:
    doubt = doubted.get(result.line)
    confidence, grounds = _session_confidence(result, module)
    if result.line in corrected:
        confidence, grounds = 1.0, Message("corrected by the provider")
    elif doubt is not None:
        confidence, grounds = min(confidence, float(doubt.confidence)), doubt.grounds
    return {
        "line": result.line,
        "title": result.title,
        "hours": result.hours,
        "hours_text": result.hours_text,
        "kind": result.kind,
        "counted": result.kind == "instruction" and result.counted_hours > 0,
        "counted_hours": round(result.counted_hours, 2),
        "reason": result.reason,
        "path": list(result.path),
        "grounds": grounds,
        "confidence": round(confidence, 2),
        "needs_confirmation": doubt is not None and result.line not in corrected,
        "competencies": [
            {
                "id": cid,
                "source": result.source,
                "evidence": list(result.evidence.get(cid, [])),
                "confidence": _credit_confidence(result.source, result.evidence.get(cid, [])),
            }
            for cid in result.competencies
        ],
    }


def _session_confidence(result, module: Module | None) -> tuple[float, Message]:
    if result.hours is None:
        return 0.5, Message("no hours could be read")

    def has(name: str) -> bool:  # what the reader noted about how it read the hours
        return module is not None and bool(getattr(module, name, False))

    if has("approximate") or (
        module is not None and getattr(module, "hours_max", None) is not None
    ):
        return 0.7, Message("approximate or a range: %(hours)s", hours=result.hours_text)
    if has("from_clock"):
        return 0.9, Message("a clock range: %(hours)s", hours=result.hours_text)
    if has("from_row"):
        return 0.8, Message("a table row's hours: %(hours)s", hours=result.hours_text)
    if has("labelled"):
        return 0.9, Message("a labelled part with its duration: %(hours)s", hours=result.hours_text)
    return 0.75, Message("a line with a duration: %(hours)s", hours=result.hours_text)


def _credit_confidence(source: str, evidence: list[str]) -> float:
    if any("provider" in e for e in evidence):
        return 1.0
    return 0.95 if source == "declared" else 0.6


def _total_entries(report: Report, doubted: dict, corrected: set) -> list[dict[str, Any]]:
    entries = []
    for index, total in enumerate(report.declared_totals):
        line = total.get("line")
        doubt = doubted.get(line or 0)
        confidence = 0.95 if total.get("source") == "front matter" else 0.8
        if (line or 0) in corrected or total.get("source") == "provider":
            confidence = 1.0
        elif doubt is not None:
            confidence = min(confidence, float(doubt.confidence))
        entries.append(
            {
                "line": line,
                "hours": total.get("hours"),
                "maximum": total.get("maximum"),
                "text": total.get("text", ""),
                "source": total.get("source", ""),
                "taken": index == 0,
                "grounds": _total_grounds(total.get("source")),
                "confidence": round(confidence, 2),
                "needs_confirmation": doubt is not None and (line or 0) not in corrected,
            }
        )
    return entries


# Where a declared total can be read (app/syllabus/model.py DeclaredTotal.source).
TOTAL_GROUNDS = {
    "front matter": Message("read from the front matter"),
    "title": Message("read from the title"),
    "header": Message("read from the header"),
    "statement": Message("read from the statement"),
    "provider": Message("read from the provider"),
    "table": Message("read from the table"),
}


def _total_grounds(source: str | None) -> Message:
    """Where a declared total was read, in words ("read from the front matter")."""
    if not source:
        return Message("read from the text")
    return TOTAL_GROUNDS.get(source) or Message("read from the %(source)s", source=source)
