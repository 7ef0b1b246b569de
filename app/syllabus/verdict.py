"""The verdict while a doubt is open (pure): the corrected syllabus is judged, then each open doubt's
alternatives; when one of them would change the verdict, the verdict is "needs confirmation", so a
syllabus never passes while an unconfirmed doubt could make it fail."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from app.findings import Finding
from app.messages import Message, term
from app.syllabus.correcting import (
    CONFIRM,
    CorrectedSyllabus,
    apply_corrections,
    correction_to_dict,
)
from app.syllabus.coverage_doubts import KIND as COVERAGE
from app.syllabus.coverage_doubts import coverage_doubts
from app.syllabus.doubts import Correction, Doubt
from app.syllabus.errors import CorrectionError
from app.syllabus.found_doubts import THIN, find_doubts, total_doubt
from app.syllabus.parser import Syllabus
from app.syllabus.report import Report

# Each open doubt costs one evaluation per way of settling it, each as much work as the check
# itself; past this much work (sessions evaluated), the remaining doubts are taken as able to change
# the verdict (the safe side: the syllabus does not pass unconfirmed). Counted in work, not time.
MAX_EVALUATIONS = 40
MAX_EVALUATED_SESSIONS = 20_000
VERDICTS = ("pass", "fail", "needs confirmation")


def closes(correction: Correction, doubt: Doubt) -> bool:
    """True when ``correction`` settles ``doubt``: confirms its line, or decides one of its ways."""
    if correction.line == doubt.line and correction.field in (CONFIRM, "session", "total"):
        return True
    if doubt.kind in ("total", THIN) and correction.field in ("hours", "counted", "session"):
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
    ask_min_score: float | None = None,
) -> tuple[Report, CorrectedSyllabus, list[DoubtResult]]:
    """Evaluate ``syllabus`` as corrected, then settle the verdict against its open doubts; with
    ``ask_min_score``, also ask about missing competencies a session's words match that well."""
    known = tuple(known)
    corrected = apply_corrections(syllabus, corrections, known=known)
    report = evaluate(corrected)
    doubts = find_doubts(corrected)
    extra = total_doubt(corrected, report)
    if extra is not None:
        doubts.append(extra)
    if ask_min_score is not None:
        doubts += coverage_doubts(report, ask_min_score)
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
        for trial in _trials(result.doubt, _peers(result, results)):
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
# What sessions the reader missed can also account for.
UNREAD_ERRORS = frozenset({"NO_MODULES", "COMPETENCY_MISSING", "DECLARED_TOTAL_MISMATCH"})


def _total_decides(doubt: Doubt, report: Report) -> bool:
    """A total that disagrees with the sessions decides the verdict when the hours alone do:
    the course passes, or fails on its hours and nothing else."""
    errors = set(_errors(report))
    if doubt.kind == THIN:  # sessions left unread may hold the missing hours and competencies
        return not errors or errors <= HOURS_ERRORS | UNREAD_ERRORS
    if doubt.kind != "total":
        return False
    return not errors or errors <= HOURS_ERRORS


def _peers(result: DoubtResult, results: list[DoubtResult]) -> tuple[Correction, ...]:
    """The ways of settling the other open doubts about missing competencies: two competencies
    missing change the verdict only together."""
    if result.doubt.kind != COVERAGE:
        return ()
    return tuple(
        c
        for r in results
        if r is not result and r.open and r.doubt.kind == COVERAGE
        for c in r.doubt.alternatives
    )


def _trials(doubt: Doubt, peers: tuple[Correction, ...] = ()) -> list[list[Correction]]:
    """All the alternatives together when there are several (the likeliest to change the
    verdict), then each alone; first of all, with ``peers``, each with those of its peers."""
    alone = [[c] for c in doubt.alternatives]
    trials = [list(doubt.alternatives), *alone] if len(alone) > 1 else alone
    return [[*doubt.alternatives, *peers], *trials] if peers else trials


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
            Message(
                "Not decided until confirmed: the reading of line(s) %(lines)s is uncertain and the "
                "verdict would be %(verdict)s the other way. Confirm or correct each marked "
                "reading; the verdict is then recomputed.",
                lines=lines,
                verdict=term("fail" if report.passed else "pass"),
            ),
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
