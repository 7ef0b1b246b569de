"""What the checker read, the provider's corrections, and the verdict while a doubt is open (pure).

The reader turns a syllabus into sessions and declared totals; every one of those decisions can be
wrong on a shape it has not met. This module makes them visible and correctable:

- ``apply_corrections`` returns a copy of a ``Syllabus`` with a provider's corrections (keyed by
  source line) applied, so the rules judge what the provider says rather than what was guessed;
- ``find_doubts`` adds to the reader's own doubts those the parsed syllabus shows (a number that
  may be an identifier, an exam word used in another sense, a table restating other sessions, a
  declared total that disagrees with the sessions);
- ``decide`` evaluates the corrected syllabus, then each open doubt's alternatives, and when one
  of them would change the verdict the verdict is "needs confirmation": a syllabus never passes
  while an unconfirmed doubt could make it fail;
- ``build_reading`` is the table of what was read, with grounds and confidence for each decision,
  as JSON (``reading.schema.json``).
"""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.findings import Finding
from app.syllabus.doubts import CORRECTION_FIELDS, Correction, Doubt
from app.syllabus.errors import CorrectionError
from app.syllabus.parser import DeclaredTotal, Module, Syllabus
from app.syllabus.report import Report

READING_VERSION = 1
CONFIRM = "confirm"  # "the reading of this line is right": closes the doubts on it
FIELDS = (*CORRECTION_FIELDS, CONFIRM)
EXCLUDED = "excluded"  # the kind of a session the provider says is not instruction
TOLERANCE = 0.01
# Each open doubt costs one evaluation per way of settling it, each as much work as the check
# itself; past this much work (sessions evaluated), the remaining doubts are taken as able to change
# the verdict (the safe side: the syllabus does not pass unconfirmed). Counted in work, not time.
MAX_EVALUATIONS = 40
MAX_EVALUATED_SESSIONS = 20_000
VERDICTS = ("pass", "fail", "needs confirmation")


# --- corrections as data ----------------------------------------------------------------------


def correction_to_dict(correction: Correction) -> dict[str, Any]:
    """A correction as JSON (only the keys that say something)."""
    data: dict[str, Any] = {
        "line": correction.line,
        "field": correction.field,
        "value": correction.value,
    }
    if correction.title:
        data["title"] = correction.title
    if correction.hours is not None:
        data["hours"] = correction.hours
    if correction.evidence:
        data["evidence"] = correction.evidence
    if correction.remove:
        data["remove"] = True
    return data


def correction_from_dict(data: Any, index: int = 0) -> Correction:
    """A correction from JSON; CorrectionError naming correction ``index + 1`` when malformed."""
    name = f"Correction {index + 1}"
    if not isinstance(data, dict):
        raise CorrectionError(f"{name} is not an object with line, field and value.")
    line, kind = data.get("line"), data.get("field")
    if not isinstance(line, int) or isinstance(line, bool) or line < 0:
        raise CorrectionError(f"{name}: 'line' must be a line number, not {line!r}.")
    if kind not in FIELDS:
        raise CorrectionError(
            f"{name} (line {line}): unknown field {kind!r}; expected one of {', '.join(FIELDS)}."
        )
    hours = data.get("hours")
    if hours is not None and not _is_number(hours):
        raise CorrectionError(f"{name} (line {line}): 'hours' must be a number, not {hours!r}.")
    return Correction(
        line=line,
        field=kind,
        value=data.get("value", True),
        title=str(data.get("title") or "")[:300],
        hours=float(hours) if hours is not None else None,
        evidence=str(data.get("evidence") or "")[:500],
        remove=bool(data.get("remove", False)),
    )


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and value == value


def _name(correction: Correction, index: int) -> str:
    return f"Correction {index + 1} (line {correction.line}, {correction.field})"


# --- applying corrections ---------------------------------------------------------------------


@dataclass
class CorrectedSyllabus(Syllabus):
    """A syllabus with a provider's corrections applied; the rules read ``credit_overrides``."""

    applied: list[Correction] = field(default_factory=list)
    # module line -> [(competency id, evidence, remove)]
    credit_overrides: dict[int, list[tuple[str, str, bool]]] = field(default_factory=dict)


def apply_corrections(
    syllabus: Syllabus, corrections: Sequence[Correction], *, known: Iterable[str] = ()
) -> CorrectedSyllabus:
    """A copy of ``syllabus`` with ``corrections`` applied in order (the original is untouched).

    ``known`` lists the competency identifiers a correction may credit (empty: any). Raises
    CorrectionError naming the first correction that names no such line, field or value.
    """
    copy = _copy(syllabus)
    known = set(known)
    line_count = syllabus.text.count("\n") + 1 if syllabus.text else 0
    for index, correction in enumerate(corrections):
        _apply(copy, correction, _name(correction, index), known, line_count)
        copy.applied.append(correction)
    copy.modules.sort(key=lambda m: m.line)
    return copy


def _copy(syllabus: Syllabus) -> CorrectedSyllabus:
    values = {f.name: getattr(syllabus, f.name) for f in dataclasses.fields(syllabus)}
    values["modules"] = list(syllabus.modules)
    values["declared_totals"] = list(syllabus.declared_totals)
    values["notes"] = list(syllabus.notes)
    values["meta"] = dict(syllabus.meta)
    values["applied"] = list(values.get("applied") or [])
    values["credit_overrides"] = {
        line: list(items) for line, items in (values.get("credit_overrides") or {}).items()
    }
    doubts = list(getattr(syllabus, "doubts", None) or [])
    if "doubts" in values:
        values["doubts"] = doubts
    copy = CorrectedSyllabus(**values)
    if doubts and "doubts" not in values:
        copy.doubts = doubts  # a reader that attaches doubts without declaring the field
    return copy


def _module_at(syllabus: Syllabus, line: int) -> int | None:
    for index, module in enumerate(syllabus.modules):
        if module.line == line:
            return index
    return None


def _apply(
    syllabus: CorrectedSyllabus, correction: Correction, name: str, known: set, line_count: int
) -> None:
    if correction.field not in FIELDS:
        raise CorrectionError(f"{name}: unknown field; expected one of {', '.join(FIELDS)}.")
    if line_count and not 0 <= correction.line <= line_count:
        raise CorrectionError(f"{name}: the syllabus has {line_count} lines.")
    if correction.field == CONFIRM:
        return
    if correction.field == "total":
        _apply_total(syllabus, correction, name)
    elif correction.field == "session":
        _apply_session(syllabus, correction, name)
    else:
        index = _module_at(syllabus, correction.line)
        if index is None:
            raise CorrectionError(f"{name}: no session was read on line {correction.line}.")
        if correction.field == "hours":
            syllabus.modules[index] = _with_hours(syllabus.modules[index], correction, name)
        elif correction.field == "counted":
            syllabus.modules[index] = _with_counted(syllabus.modules[index], correction)
        else:
            _credit(syllabus, correction, name, known)


def _hours_value(value: Any, name: str) -> float:
    if isinstance(value, str):
        value = value.strip().replace(",", ".")
        try:
            value = float(value)
        except ValueError:
            raise CorrectionError(f"{name}: the hours must be a number, not {value!r}.") from None
    if not _is_number(value) or value < 0 or value > 10_000:
        raise CorrectionError(f"{name}: the hours must be a number from 0, not {value!r}.")
    return float(value)


def _with_hours(module: Module, correction: Correction, name: str) -> Module:
    hours = _hours_value(correction.value, name)
    return dataclasses.replace(
        module,
        hours=hours,
        hours_max=None,
        approximate=False,
        hours_text=f"{hours:g} h (corrected)",
        reason=f"The provider gives this session {hours:g} h.",
    )


def _with_counted(module: Module, correction: Correction) -> Module:
    if _truth(correction.value):
        return dataclasses.replace(
            module, kind="instruction", reason="The provider says this is direct instruction."
        )
    kind = module.kind if module.kind not in ("instruction", "frame") else EXCLUDED
    return dataclasses.replace(
        module, kind=kind, reason="The provider says this is not direct instruction."
    )


def _truth(value: Any) -> bool:
    if isinstance(value, str):
        return value.strip().lower() in ("true", "yes", "y", "1", "on")
    return bool(value)


def _source_line(syllabus: Syllabus, line: int) -> str:
    lines = syllabus.text.split("\n") if syllabus.text else []
    return lines[line - 1].strip() if 0 < line <= len(lines) else ""


def _apply_session(syllabus: CorrectedSyllabus, correction: Correction, name: str) -> None:
    index = _module_at(syllabus, correction.line)
    if not _truth(correction.value):
        if index is None:
            raise CorrectionError(f"{name}: no session was read on line {correction.line}.")
        removed = syllabus.modules.pop(index)
        syllabus.notes.append(
            (correction.line, f"“{removed.title}”: the provider says this is not a session")
        )
        return
    hours = correction.hours
    if hours is None and index is None:
        raise CorrectionError(f"{name}: give the session's hours.")
    title = correction.title or _source_line(syllabus, correction.line)[:160]
    if index is not None:
        module = syllabus.modules[index]
        syllabus.modules[index] = dataclasses.replace(
            module,
            title=title or module.title,
            hours=hours if hours is not None else module.hours,
            kind="instruction",
            reason="The provider says this line is a session.",
        )
        return
    if not title:
        raise CorrectionError(f"{name}: give the session's title.")
    syllabus.modules.append(
        Module(
            title=title,
            line=correction.line,
            hours=_hours_value(hours, name),
            hours_text=f"{hours:g} h (corrected)",
            reason="The provider says this line is a session.",
            parts=[],
        )
    )


def _apply_total(syllabus: CorrectedSyllabus, correction: Correction, name: str) -> None:
    totals = syllabus.declared_totals
    at = [i for i, t in enumerate(totals) if (t.line or 0) == correction.line]
    if not _truth(correction.value):
        if not at:
            raise CorrectionError(f"{name}: no declared total was read on line {correction.line}.")
        syllabus.declared_totals = [t for i, t in enumerate(totals) if i not in at]
        return
    if at:
        chosen = totals[at[0]]
        if correction.hours is not None:
            chosen = dataclasses.replace(chosen, hours=correction.hours, maximum=None)
    else:
        if correction.hours is None:
            raise CorrectionError(f"{name}: give the hours this statement declares.")
        text = correction.title or _source_line(syllabus, correction.line)
        chosen = DeclaredTotal(correction.hours, text[:160], correction.line or None, "provider")
    syllabus.declared_totals = [chosen, *(t for i, t in enumerate(totals) if i not in at)]


def _credit(syllabus: CorrectedSyllabus, correction: Correction, name: str, known: set) -> None:
    identifier = str(correction.value or "").strip().lower()
    if not identifier or (known and identifier not in known):
        raise CorrectionError(f"{name}: {correction.value!r} is not a competency of this program.")
    evidence = correction.evidence
    syllabus.credit_overrides.setdefault(correction.line, []).append(
        (identifier, evidence, correction.remove)
    )


# --- doubts the parsed syllabus shows ---------------------------------------------------------

# A code: letters joined to digits ("ETH-310", "PSS101", "Room#4"), or capitals and digits
# ("ETH 310"), not followed by a unit of time.
_IDENTIFIER = re.compile(
    r"\b(?:[A-Za-z]{2,}[-_#]?|[A-Z]{2,} )(\d{2,4})\b(?!\s*(?:-?\s*)(?:h\b|hours?|hrs?|min|horas?))"
)
_EXAM_WORD = re.compile(r"\b(exam|exams|test|tests|testing|quiz|quizzes)\b", re.I)
_WORD = re.compile(r"[^\W\d_]{3,}")


def find_doubts(syllabus: Syllabus) -> list[Doubt]:
    """The reader's doubts (``syllabus.doubts``) and those the parsed syllabus shows, by line."""
    found = list(getattr(syllabus, "doubts", None) or [])
    found += _identifier_doubts(syllabus)
    found += _exam_word_doubts(syllabus)
    found += _restated_table_doubts(syllabus)
    merged: dict[tuple[str, int], Doubt] = {}
    for doubt in sorted(found, key=lambda d: (d.line, d.kind)):
        key = (doubt.kind, doubt.line)
        if key not in merged:
            merged[key] = doubt
            continue
        # The same question asked twice: one doubt, with every way of settling it.
        first = merged[key]
        extra = tuple(c for c in doubt.alternatives if c not in first.alternatives)
        merged[key] = dataclasses.replace(first, alternatives=first.alternatives + extra)
    return list(merged.values())


def _identifier_doubts(syllabus: Syllabus) -> list[Doubt]:
    """A session's or a total's hours that are also the digits of a code on the same line."""
    doubts = []
    for module in syllabus.sessions:
        if module.hours is None or module.kind != "instruction":
            continue
        code = _code_with(getattr(module, "title_line", "") or module.title, module.hours)
        if code:
            doubts.append(
                Doubt(
                    "identifier",
                    module.line,
                    f"Does “{module.title}” last {module.hours:g} h, or is {module.hours:g} part "
                    f"of the code “{code}”?",
                    f"The number read as its hours is also written in the code “{code}”.",
                    0.5,
                    (Correction(module.line, "session", False),),
                )
            )
    for total in syllabus.declared_totals:
        code = _code_with(total.text, total.hours)
        if code and total.line:
            doubts.append(
                Doubt(
                    "identifier",
                    total.line,
                    f"Does this line declare a total of {total.hours:g} h, or is {total.hours:g} "
                    f"part of the code “{code}”?",
                    f"The number read as the total is also written in the code “{code}”.",
                    0.5,
                    (Correction(total.line, "total", False),),
                )
            )
    return doubts


def _code_with(text: str, hours: float) -> str:
    """The code in ``text`` ("ETH-310", "Room 204") whose digits are ``hours``, if any."""
    if hours != int(hours):
        return ""
    for match in _IDENTIFIER.finditer(text or ""):
        if int(match.group(1)) == int(hours):
            return match.group(0)
    return ""


def _exam_word_doubts(syllabus: Syllabus) -> list[Doubt]:
    """A session set aside as an exam whose title says more than "exam" (e.g. a study skill)."""
    doubts = []
    for module in syllabus.sessions:
        if module.kind != "exam" or module.hours is None:
            continue
        words = _WORD.findall(module.title.split("(")[0])
        heads = [i for i, w in enumerate(words) if _EXAM_WORD.fullmatch(w)]
        if not heads or heads[-1] == len(words) - 1:
            continue  # "Final exam", "Proctored practice exam": the exam word is what it is
        doubts.append(
            Doubt(
                "exam_word",
                module.line,
                f"Is “{module.title}” an exam (not counted), or a session that teaches "
                f"({module.hours:g} h counted)?",
                "An exam word qualifies another word of its title, which may give it another sense.",
                0.6,
                (Correction(module.line, "counted", True),),
            )
        )
    return doubts


def _tables(syllabus: Syllabus) -> list[list[Module]]:
    tables: list[list[Module]] = []
    for module in syllabus.sessions:
        if not getattr(module, "from_row", False):
            continue
        if tables and module.line - tables[-1][-1].line <= 2:
            tables[-1].append(module)
        else:
            tables.append([module])
    return tables


def _restated_table_doubts(syllabus: Syllabus) -> list[Doubt]:
    """A table whose counted rows repeat the hours of the other counted sessions."""
    doubts = []
    for table in _tables(syllabus):
        rows = [m for m in table if m.kind == "instruction" and m.hours]
        inside = {id(m) for m in table}
        others = [
            m
            for m in syllabus.sessions
            if id(m) not in inside and m.kind == "instruction" and m.hours
        ]
        if len(rows) < 2 or len(others) < len(rows):
            continue
        in_table = sum(m.hours or 0.0 for m in rows)
        elsewhere = sum(m.hours or 0.0 for m in others)
        same_sum = abs(in_table - elsewhere) <= TOLERANCE
        if not same_sum and _repeated_rows(rows, others) * 2 < len(rows):
            continue
        doubts.append(
            Doubt(
                "restated_table",
                rows[0].line,
                f"Does the table of lines {rows[0].line}–{rows[-1].line} list sessions of its own "
                f"({in_table:g} h), or restate the sessions read elsewhere?",
                f"Its rows add up to {in_table:g} h and the other sessions to {elsewhere:g} h"
                + ("" if same_sum else "; most rows repeat another session's title and hours")
                + ".",
                0.5,
                tuple(Correction(m.line, "counted", False) for m in rows),
            )
        )
    return doubts


def _repeated_rows(rows: list[Module], others: list[Module]) -> int:
    """How many rows have the hours and a title word of another session (linear: the other
    sessions' title words are pooled by their hours)."""
    words_by_hours: dict[float, set[str]] = {}
    for other in others:
        key = round(other.hours or 0.0, 2)
        words_by_hours.setdefault(key, set()).update(w.lower() for w in _WORD.findall(other.title))
    count = 0
    for row in rows:
        words = {w.lower() for w in _WORD.findall(row.title)}
        if words & words_by_hours.get(round(row.hours or 0.0, 2), set()):
            count += 1
    return count


def total_doubt(syllabus: Syllabus, report: Report) -> Doubt | None:
    """The declared total taken, when it disagrees with the sessions on the side of the rule."""
    total = syllabus.declared_totals[0] if syllabus.declared_totals else None
    required = report.required_hours
    if total is None or required is None or not syllabus.sessions:
        return None
    counted = report.total_hours
    if (total.hours + TOLERANCE >= required) == (counted + TOLERANCE >= required):
        return None
    unread = [m for m in syllabus.sessions if m.kind == "instruction" and m.hours is None]
    if counted < required and not unread:
        # Short of the rule with every session's hours read: the sessions are the evidence, the
        # difference is reported (DECLARED_TOTAL_MISMATCH); a pass is never left to this doubt.
        return None
    return Doubt(
        "total",
        total.line or 0,
        f"The syllabus declares {total.hours:g} h but its sessions as read add up to "
        f"{counted:g} h. Are the sessions read right?",
        f"The declared total and the sessions fall on different sides of the {required:g} h "
        "the program requires.",
        0.4,
        (),
    )


# --- the verdict ------------------------------------------------------------------------------


def closes(correction: Correction, doubt: Doubt) -> bool:
    """True when ``correction`` settles ``doubt``: confirms its line, or decides one of its ways."""
    if correction.line == doubt.line and correction.field in (CONFIRM, "session", "total"):
        return True
    if doubt.kind == "total" and correction.field in ("hours", "counted", "session"):
        return True
    return any((c.line, c.field) == (correction.line, correction.field) for c in doubt.alternatives)


def open_doubts(doubts: Iterable[Doubt], corrections: Sequence[Correction]) -> list[Doubt]:
    return [d for d in doubts if not any(closes(c, d) for c in corrections)]


@dataclass
class DoubtResult:
    doubt: Doubt
    open: bool
    could_change: bool  # under one of its ways the verdict differs
    citations: tuple[str, ...] = ()  # the sections of the error findings that would differ


def decide(
    syllabus: Syllabus,
    corrections: Sequence[Correction],
    evaluate: Callable[[Syllabus], Report],
    *,
    known: Iterable[str] = (),
) -> tuple[Report, CorrectedSyllabus, list[DoubtResult]]:
    """Evaluate ``syllabus`` as corrected, then settle the verdict against its open doubts."""
    known = tuple(known)
    corrected = apply_corrections(syllabus, corrections, known=known)
    report = evaluate(corrected)
    doubts = find_doubts(corrected)
    extra = total_doubt(corrected, report)
    if extra is not None:
        doubts.append(extra)
    open_ = open_doubts(doubts, corrections)
    results = [DoubtResult(d, d in open_, False) for d in doubts]
    size = max(len(corrected.modules), 1)
    budget = min(MAX_EVALUATIONS, MAX_EVALUATED_SESSIONS // size)
    base = _errors(report)
    for result in results:
        if not result.open:
            continue
        if not result.doubt.alternatives:
            result.could_change = _total_decides(result.doubt, report)
            continue
        for trial in _trials(result.doubt):
            budget -= 1
            if budget < 0:
                result.could_change = True
                break
            try:
                other = evaluate(apply_corrections(corrected, trial, known=known))
            except CorrectionError:
                continue
            if other.passed != report.passed:
                result.could_change = True
                other_errors = _errors(other)
                changed = base.keys() ^ other_errors.keys()
                result.citations = tuple(sorted({base.get(c) or other_errors[c] for c in changed}))
                break
    _settle(report, corrected, results)
    return report, corrected, results


HOURS_ERRORS = frozenset({"HOURS_SHORT", "NO_INSTRUCTION_HOURS"})


def _total_decides(doubt: Doubt, report: Report) -> bool:
    """A total that disagrees with the sessions decides the verdict when the hours alone do:
    the course passes, or fails on its hours and nothing else."""
    if doubt.kind != "total":
        return False
    errors = set(_errors(report))
    return not errors or errors <= HOURS_ERRORS


def _trials(doubt: Doubt) -> list[list[Correction]]:
    """All the alternatives together when there are several (the likeliest to change the
    verdict), then each alone."""
    alone = [[c] for c in doubt.alternatives]
    return [list(doubt.alternatives), *alone] if len(alone) > 1 else alone


def _errors(report: Report) -> dict[str, str]:
    return {f.code: f.citation for f in report.findings if f.severity == "error"}


def _settle(report: Report, corrected: CorrectedSyllabus, results: list[DoubtResult]) -> None:
    undecided = [r for r in results if r.open and r.could_change]
    report.corrections = [correction_to_dict(c) for c in corrected.applied]
    report.doubts = [doubt_to_dict(r) for r in results]
    if not undecided:
        report.verdict = "pass" if report.passed else "fail"
        return
    citation = report_citation(report, undecided)
    lines = ", ".join(str(r.doubt.line) for r in undecided)
    report.findings.insert(
        0,
        Finding(
            "error",
            "NEEDS_CONFIRMATION",
            citation,
            f"Not decided until confirmed: the reading of line(s) {lines} is uncertain and the "
            f"verdict would be {'fail' if report.passed else 'pass'} the other way. Confirm or "
            "correct each marked reading; the verdict is then recomputed.",
            undecided[0].doubt.line or None,
        ),
    )
    report.verdict = "needs confirmation"


def report_citation(report: Report, undecided: list[DoubtResult]) -> str:
    """The section of the rule whose finding the doubt would change (the hours rule by default)."""
    citations = sorted({c for r in undecided for c in r.citations})
    if citations:
        return "; ".join(citations)
    for finding in report.findings:
        if finding.code in ("HOURS_SHORT", "DECLARED_TOTAL_MISMATCH"):
            return finding.citation
    return "App. C 4.A"


def doubt_to_dict(result: DoubtResult) -> dict[str, Any]:
    doubt = result.doubt
    return {
        "kind": doubt.kind,
        "line": doubt.line,
        "question": doubt.question,
        "grounds": doubt.grounds,
        "confidence": round(float(doubt.confidence), 2),
        "alternatives": [correction_to_dict(c) for c in doubt.alternatives],
        "open": result.open,
        "could_change_verdict": result.could_change,
    }


# --- the reading as a table -------------------------------------------------------------------


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
    return [(int(line or 0), str(text)) for line, text in syllabus.notes]


def _session_entry(result, module: Module | None, doubted: dict, corrected: set) -> dict[str, Any]:
    doubt = doubted.get(result.line)
    confidence, grounds = _session_confidence(result, module)
    if result.line in corrected:
        confidence, grounds = 1.0, "corrected by the provider"
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


def _session_confidence(result, module: Module | None) -> tuple[float, str]:
    if result.hours is None:
        return 0.5, "no hours could be read"

    def has(name: str) -> bool:  # what the reader noted about how it read the hours
        return module is not None and bool(getattr(module, name, False))

    if has("approximate") or (
        module is not None and getattr(module, "hours_max", None) is not None
    ):
        return 0.7, f"approximate or a range: {result.hours_text}"
    if has("from_clock"):
        return 0.9, f"a clock range: {result.hours_text}"
    if has("from_row"):
        return 0.8, f"a table row's hours: {result.hours_text}"
    if has("labelled"):
        return 0.9, f"a labelled part with its duration: {result.hours_text}"
    return 0.75, f"a line with a duration: {result.hours_text}"


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
                "grounds": f"read from the {total.get('source') or 'text'}",
                "confidence": round(confidence, 2),
                "needs_confirmation": doubt is not None and (line or 0) not in corrected,
            }
        )
    return entries


# --- a reading file: the reading as printed and edited, or a list of corrections --------------


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
            "A reading file holds the reading (an object) or a list of corrections."
        )
    listed = data.get("corrections") or []
    if not isinstance(listed, list):
        raise CorrectionError("'corrections' must be a list.")
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
        raise CorrectionError(f"'{what}' must be a list.")
    out = {}
    for index, entry in enumerate(entries):
        if not isinstance(entry, dict) or not isinstance(entry.get("line"), int):
            raise CorrectionError(f"{what}[{index}] needs a line number.")
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
        raise CorrectionError(f"sessions: the new session on line {line} needs its hours.")
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
            raise CorrectionError(f"sessions: the hours on line {line} must be a number.")
        found.append(Correction(line, "hours", float(hours)))
    if "counted" in entry and bool(entry["counted"]) != bool(was.get("counted")):
        found.append(Correction(line, "counted", bool(entry["counted"])))
    if "competencies" in entry:
        before = {c["id"]: c for c in was.get("competencies", [])}
        after = {}
        for item in entry.get("competencies") or []:
            identifier = item.get("id") if isinstance(item, dict) else item
            if not isinstance(identifier, str):
                raise CorrectionError(f"sessions: a competency on line {line} needs its id.")
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
                raise CorrectionError(f"totals: the hours on line {line} must be a number.")
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
        raise CorrectionError("'totals' must be a list of objects.")
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
