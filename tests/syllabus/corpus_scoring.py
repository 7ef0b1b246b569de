"""Score the checker on the syllabus corpus: hours, declared totals, verdicts, per-session competencies.

Used by tests/syllabus/test_corpus.py and by bench/corpus_eval.py, which prints the table.

Each syllabus in tests/syllabus/corpus/<half>/ has a sidecar NAME.yaml written by hand from the
Guidelines (instruction hours, declared totals, whether it meets the hours rule, and every counted
session with the competencies it teaches). Competency credit is scored per session as multi-label
precision, recall and F1 over (session, competency) pairs. It uses only ``check_syllabus`` and the
report's JSON shape, so any version of the checker can be measured with it.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from app.syllabus.doubts import Correction
from app.syllabus.errors import SyllabusReadError
from app.syllabus.readers import read_document
from app.syllabus.reading import CONFIRM
from app.syllabus.services import check_syllabus

CORPUS = Path(__file__).resolve().parent / "corpus"
TOLERANCE = 0.01


def _fold(text: str) -> str:
    """Lowercase, accents and runs of white space folded, for matching titles."""
    text = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode()
    return " ".join(text.lower().replace("*", " ").split())


@dataclass
class Outcome:
    """What the checker did with one corpus syllabus, compared with its sidecar."""

    name: str
    program: str
    expected_hours: float
    hours: float | None
    expected_totals: list[float]
    totals: list[float]
    meets_hours: bool
    hours_short_reported: bool | None
    passed: bool | None
    verdict: str = ""  # pass | fail | needs confirmation
    error: str = ""
    # The corrections (as a provider would make them) that bring the reading to the sidecar's,
    # and whether the verdict is then right; None when the sidecar does not say enough.
    corrections: list[Correction] = field(default_factory=list)
    corrected_verdict_ok: bool | None = None
    pairs: dict[str, int] = field(default_factory=lambda: {"tp": 0, "fp": 0, "fn": 0})
    missed_sessions: list[str] = field(default_factory=list)

    @property
    def hours_ok(self) -> bool:
        return self.hours is not None and abs(self.hours - self.expected_hours) <= TOLERANCE

    @property
    def totals_ok(self) -> bool:
        return sorted(self.totals) == sorted(self.expected_totals)

    @property
    def needs_confirmation(self) -> bool:
        return self.verdict == "needs confirmation"

    @property
    def right_without_correction(self) -> bool:
        """Decided at first sight, and right: the hours verdict agrees with the sidecar."""
        if self.hours_short_reported is None or self.needs_confirmation:
            return False
        if not self.meets_hours and self.passed:
            return False
        return self.hours_short_reported == (not self.meets_hours)

    @property
    def verdict_ok(self) -> bool:
        """Right, or not decided until confirmed (which is never a pass, so never a false pass)."""
        if self.hours_short_reported is None:
            return False
        return self.needs_confirmation or self.right_without_correction


def sidecars(half: str) -> list[tuple[Path, dict]]:
    """(syllabus path, sidecar) for every sidecar of ``half``."""
    folder = CORPUS / half
    found = []
    for sidecar in sorted(folder.glob("*.yaml")):
        data = yaml.safe_load(sidecar.read_text(encoding="utf-8"))
        found.append((folder / data["file"], data))
    return found


def _report_totals(data: dict) -> list[float]:
    if "declared_totals" in data:
        return [float(t["hours"]) for t in data["declared_totals"]]
    value = data.get("declared_total_hours")
    return [] if value is None else [float(value)]


def _session_labels(modules: list[dict], match: str) -> tuple[bool, set[str]]:
    """Whether any instruction session matches ``match``, and the competencies credited to those."""
    wanted = _fold(match)
    found, labels = False, set()
    for module in modules:
        if module.get("kind", "instruction") != "instruction":
            continue
        places = [module.get("title", ""), module.get("day") or "", *module.get("path", [])]
        if any(wanted in _fold(place) for place in places):
            found = True
            labels.update(module.get("competencies", []))
    return found, labels


def evaluate(path: Path, sidecar: dict) -> Outcome:
    """Check one syllabus and compare the report with its sidecar."""
    program = sidecar["program"]
    outcome = Outcome(
        name=path.name,
        program=program,
        expected_hours=float(sidecar["instruction_hours"]),
        hours=None,
        expected_totals=[float(t) for t in sidecar.get("declared_totals") or []],
        totals=[],
        meets_hours=bool(sidecar["meets_hours"]),
        hours_short_reported=None,
        passed=None,
    )
    try:
        report = check_syllabus(path, program)
    except SyllabusReadError as error:
        outcome.error = str(error)
        return outcome
    data = report.to_dict()
    outcome.hours = float(data["total_hours"])
    outcome.totals = _report_totals(data)
    outcome.passed = bool(data["passed"])
    outcome.verdict = data.get("verdict") or ("pass" if outcome.passed else "fail")
    outcome.hours_short_reported = any(
        f["code"] in ("HOURS_SHORT", "NO_INSTRUCTION_HOURS", "NO_MODULES") for f in data["findings"]
    )
    for session in sidecar.get("sessions") or []:
        if "competencies" not in session:
            continue
        gold = set(session["competencies"])
        found, predicted = _session_labels(data["modules"], session["match"])
        if not found:
            outcome.missed_sessions.append(session["match"])
        outcome.pairs["tp"] += len(gold & predicted)
        outcome.pairs["fp"] += len(predicted - gold)
        outcome.pairs["fn"] += len(gold - predicted)
    if outcome.right_without_correction and outcome.hours_ok and outcome.totals_ok:
        outcome.corrected_verdict_ok = True  # the reading is the sidecar's: nothing to correct
    else:
        _corrections_needed(outcome, path, sidecar, data)
    return outcome


def _short_reported(data: dict) -> bool:
    return any(
        f["code"] in ("HOURS_SHORT", "NO_INSTRUCTION_HOURS", "NO_MODULES") for f in data["findings"]
    )


def _corrections_needed(outcome: Outcome, path: Path, sidecar: dict, data: dict) -> None:
    """Build the corrections that make the reading match the sidecar, apply them, and record
    whether the verdict is then right (confirming what is left open, one click each)."""
    lines = _source_lines(path)
    fixes = [] if outcome.hours_ok else _session_fixes(sidecar, data, lines)
    if not outcome.totals_ok:
        fixes += _total_fixes(sidecar, data, lines)
    try:
        report = check_syllabus(path, sidecar["program"], corrections=fixes).to_dict()
        confirm = [
            Correction(d["line"], CONFIRM, True)
            for d in report["doubts"]
            if d["open"] and d["could_change_verdict"]
        ]
        if confirm:
            fixes += confirm
            report = check_syllabus(path, sidecar["program"], corrections=fixes).to_dict()
    except SyllabusReadError:
        outcome.corrections, outcome.corrected_verdict_ok = fixes, False
        return
    outcome.corrections = fixes
    short = _short_reported(report)
    outcome.corrected_verdict_ok = report["verdict"] != "needs confirmation" and short == (
        not outcome.meets_hours
    )


def _source_lines(path: Path) -> list[str]:
    """The text the checker read, line by line (the lines corrections are keyed by)."""
    text = read_document(path.read_bytes(), path.name)
    return text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff").split("\n")


def _matching(modules: list[dict], match: str, used: set[int]) -> dict | None:
    wanted = _fold(match)
    for places in ("title", "path"):
        for module in modules:
            if module["line"] in used or module.get("kind") == "frame":
                continue
            texts = [module.get("title", "")] if places == "title" else module.get("path", [])
            if any(wanted in _fold(text) for text in texts):
                return module
    return None


def _session_fixes(sidecar: dict, data: dict, lines: list[str]) -> list[Correction]:
    """Wrong hours, sessions not counted or not read, counted parts that are no session."""
    listed = [s for s in sidecar.get("sessions") or [] if s.get("hours") is not None]
    if not listed:
        return []
    modules, used, fixes = data["modules"], set(), []
    for session in listed:
        module = _matching(modules, session["match"], used)
        hours = float(session["hours"])
        if module is None:
            line = _line_of(lines, session["match"])
            if line:
                fixes.append(Correction(line, "session", True, title=session["match"], hours=hours))
            continue
        used.add(module["line"])
        if module.get("hours") is None or abs(float(module["hours"]) - hours) > TOLERANCE:
            fixes.append(Correction(module["line"], "hours", hours))
        if module.get("kind") != "instruction":
            fixes.append(Correction(module["line"], "counted", True))
    complete = abs(sum(float(s["hours"]) for s in listed) - float(sidecar["instruction_hours"]))
    if complete <= TOLERANCE:
        for module in modules:
            if module["line"] not in used and module.get("counted_hours", 0) > 0:
                fixes.append(Correction(module["line"], "counted", False))
    return fixes


def _line_of(lines: list[str], match: str) -> int | None:
    wanted = _fold(match)
    for index, text in enumerate(lines):
        if wanted in _fold(text):
            return index + 1
    return None


def _total_fixes(sidecar: dict, data: dict, lines: list[str]) -> list[Correction]:
    """Declared totals read that the sidecar does not hold, and those it holds that were missed."""
    expected = [float(t) for t in sidecar.get("declared_totals") or []]
    fixes, left = [], list(expected)
    for total in data.get("declared_totals", []):
        hours = float(total["hours"])
        if any(abs(hours - e) <= TOLERANCE for e in left):
            left.remove(next(e for e in left if abs(hours - e) <= TOLERANCE))
        elif total.get("line"):
            fixes.append(Correction(total["line"], "total", False))
    for hours in left:
        line = _line_stating(lines, hours)
        if line:
            fixes.append(Correction(line, "total", True, hours=hours))
    return fixes


def _line_stating(lines: list[str], hours: float) -> int | None:
    number = re.compile(rf"(?<![\d.]){hours:g}(?![\d.])[\s-]*(?:hours?|hrs?|horas?|contact)", re.I)
    for index, text in enumerate(lines):
        if number.search(text):
            return index + 1
    return None


def scores(outcomes: list[Outcome]) -> dict[str, float]:
    """Micro-averaged precision, recall and F1 of competency credit, and the share of each check."""
    tp = sum(o.pairs["tp"] for o in outcomes)
    fp = sum(o.pairs["fp"] for o in outcomes)
    fn = sum(o.pairs["fn"] for o in outcomes)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    count = max(len(outcomes), 1)
    return {
        "syllabi": len(outcomes),
        "hours": sum(o.hours_ok for o in outcomes) / count,
        "totals": sum(o.totals_ok for o in outcomes) / count,
        "verdict": sum(o.verdict_ok for o in outcomes) / count,
        "right_without_correction": sum(o.right_without_correction for o in outcomes) / count,
        "needs_confirmation": sum(o.needs_confirmation for o in outcomes),
        "corrected_right": sum(bool(o.corrected_verdict_ok) for o in outcomes) / count,
        "corrections": sum(len(o.corrections) for o in outcomes),
        "short_passed": sum(1 for o in outcomes if not o.meets_hours and o.passed),
        "precision": precision,
        "recall": recall,
        "f1": f1,
    }


def main(halves: list[str]) -> None:
    for half in halves:
        outcomes = [evaluate(path, sidecar) for path, sidecar in sidecars(half)]
        print(f"\n== {half} ==")
        print(f"{'file':44} {'hours':>15} {'totals':>20} verdict  P/R pairs  fixes  then")
        for o in outcomes:
            hours = f"{o.hours if o.hours is not None else '-'}/{o.expected_hours:g}"
            totals = f"{o.totals}/{o.expected_totals}"
            mark = "ok " if o.hours_ok else "BAD"
            print(
                f"{o.name[:44]:44} {mark} {hours:>11} {'ok ' if o.totals_ok else 'BAD'}{totals[:17]:>17} "
                f"{_verdict_mark(o)}    {o.pairs['tp']}/{o.pairs['fp']}/{o.pairs['fn']}"
                f"  {len(o.corrections):>5}  {'ok' if o.corrected_verdict_ok else 'BAD'}"
                + (f"  error: {o.error[:60]}" if o.error else "")
                + (f"  unmatched: {o.missed_sessions[:2]}" if o.missed_sessions else "")
            )
        print(summary(half, outcomes))


def summary(half: str, outcomes: list[Outcome]) -> str:
    """One line of a corpus set's scores, as bench/corpus_eval.py and bench/first_sight.py print it."""
    s = scores(outcomes)
    return (
        f"{half}: {s['syllabi']} syllabi; hours right {s['hours']:.0%}, declared totals right "
        f"{s['totals']:.0%}, hours verdict right or to confirm {s['verdict']:.0%}, right with "
        f"no correction {s['right_without_correction']:.0%}, needs confirmation "
        f"{s['needs_confirmation']}, corrections needed {s['corrections']} (verdict then right "
        f"{s['corrected_right']:.0%}), short courses passed {s['short_passed']}; competency credit "
        f"per session P {s['precision']:.2f} R {s['recall']:.2f} F1 {s['f1']:.2f}"
    )


def _verdict_mark(outcome: Outcome) -> str:
    if outcome.needs_confirmation:
        return "ASK"
    return "ok " if outcome.verdict_ok else "BAD"
