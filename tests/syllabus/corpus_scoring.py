"""Score the checker on the syllabus corpus: hours, declared totals, verdicts, per-session competencies.

Used by tests/syllabus/test_corpus.py and by bench/corpus_eval.py, which prints the table.

Each syllabus in tests/syllabus/corpus/<half>/ has a sidecar NAME.yaml written by hand from the
Guidelines (instruction hours, declared totals, whether it meets the hours rule, and every counted
session with the competencies it teaches). Competency credit is scored per session as multi-label
precision, recall and F1 over (session, competency) pairs. It uses only ``check_syllabus`` and the
report's JSON shape, so any version of the checker can be measured with it.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from app.syllabus.errors import SyllabusReadError
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
    error: str = ""
    pairs: dict[str, int] = field(default_factory=lambda: {"tp": 0, "fp": 0, "fn": 0})
    missed_sessions: list[str] = field(default_factory=list)

    @property
    def hours_ok(self) -> bool:
        return self.hours is not None and abs(self.hours - self.expected_hours) <= TOLERANCE

    @property
    def totals_ok(self) -> bool:
        return sorted(self.totals) == sorted(self.expected_totals)

    @property
    def verdict_ok(self) -> bool:
        """The hours verdict agrees with the sidecar, and a short course never passes."""
        if self.hours_short_reported is None:
            return False
        if not self.meets_hours and self.passed:
            return False
        return self.hours_short_reported == (not self.meets_hours)


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
    return outcome


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
        "short_passed": sum(1 for o in outcomes if not o.meets_hours and o.passed),
        "precision": precision,
        "recall": recall,
        "f1": f1,
    }


def main(halves: list[str]) -> None:
    for half in halves:
        outcomes = [evaluate(path, sidecar) for path, sidecar in sidecars(half)]
        print(f"\n== {half} ==")
        print(f"{'file':44} {'hours':>15} {'totals':>20} verdict  P/R pairs")
        for o in outcomes:
            hours = f"{o.hours if o.hours is not None else '-'}/{o.expected_hours:g}"
            totals = f"{o.totals}/{o.expected_totals}"
            mark = "ok " if o.hours_ok else "BAD"
            print(
                f"{o.name[:44]:44} {mark} {hours:>11} {'ok ' if o.totals_ok else 'BAD'}{totals[:17]:>17} "
                f"{'ok ' if o.verdict_ok else 'BAD'}    {o.pairs['tp']}/{o.pairs['fp']}/{o.pairs['fn']}"
                + (f"  error: {o.error[:60]}" if o.error else "")
                + (f"  unmatched: {o.missed_sessions[:2]}" if o.missed_sessions else "")
            )
        s = scores(outcomes)
        print(
            f"{half}: {s['syllabi']} syllabi; hours right {s['hours']:.0%}, declared totals right "
            f"{s['totals']:.0%}, hours verdict right {s['verdict']:.0%}, short courses passed "
            f"{s['short_passed']}; competency credit per session P {s['precision']:.2f} "
            f"R {s['recall']:.2f} F1 {s['f1']:.2f}"
        )
