"""First-sight figures of one corpus set: the whole verdict beside the hours verdict, and
paraphrase recall on a file of labelled modules.

Run: .venv/bin/python bench/first_sight.py HALF [MODULES.yaml]
     e.g. bench/first_sight.py fresh4 fresh4_modules.yaml

Per syllabus: the hours verdict as bench/corpus_eval.py scores it, and the whole verdict (hours
*and* every competency credited and anything else the checker asks for) against the sidecar's
``meets_hours and covers_all``: right, waiting for confirmation, false pass or false fail, with
the checker's findings when it is wrong. The modules file is scored like
tests/syllabus/test_suggest.py does: precision@1 and recall@3 of the suggester.
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.framework.loader import cached_catalog  # noqa: E402
from app.syllabus.services import check_syllabus  # noqa: E402
from app.syllabus.suggest import suggester_for  # noqa: E402
from tests.syllabus.corpus_scoring import evaluate, sidecars, summary  # noqa: E402

DATA = ROOT / "tests" / "syllabus" / "data"


def whole(half: str) -> None:
    counts = {"right": 0, "needs confirmation": 0, "false pass": 0, "false fail": 0, "error": 0}
    outcomes = []
    for path, sidecar in sidecars(half):
        outcome = evaluate(path, sidecar)
        outcomes.append(outcome)
        expected = bool(sidecar["meets_hours"]) and bool(sidecar.get("covers_all", True))
        codes: list[str] = []
        if outcome.error:
            kind = "error"
        else:
            data = check_syllabus(path, sidecar["program"]).to_dict()
            codes = sorted({f["code"] for f in data["findings"] if f.get("severity") != "info"})
            if outcome.needs_confirmation:
                kind = "needs confirmation"
            elif outcome.passed == expected:
                kind = "right"
            else:
                kind = "false pass" if outcome.passed else "false fail"
        counts[kind] += 1
        hours = "-" if outcome.hours is None else f"{outcome.hours:g}"
        print(
            f"{outcome.name[:46]:46} hours {hours:>6}/{outcome.expected_hours:<6g} "
            f"totals {'ok ' if outcome.totals_ok else 'BAD'} {str(outcome.totals)[:18]:18} "
            f"hours verdict {'ASK' if outcome.needs_confirmation else ('ok ' if outcome.verdict_ok else 'BAD')} "
            f"whole {kind:18} expected {'pass' if expected else 'fail'}; fixes {len(outcome.corrections)}"
            + (f"; findings {', '.join(codes)}" if codes else "")
            + (f"; error {outcome.error[:60]}" if outcome.error else "")
        )
    print(f"\n{summary(half, outcomes)}")
    print(f"whole verdict: {counts}")


def paraphrases(filename: str) -> None:
    rows = yaml.safe_load((DATA / filename).read_text(encoding="utf-8"))
    suggester = suggester_for(cached_catalog())
    top1 = top3 = 0
    for row in rows:
        ids = [s.id for s in suggester.suggest(row["text"], (row["framework"],), limit=3)]
        top1 += ids[:1] == [row["expected"]]
        top3 += row["expected"] in ids
        if row["expected"] not in ids[:1]:
            print(f"  {row['expected']:12} got {ids}  {row['text'][:70]}")
    print(
        f"{filename}: {len(rows)} modules, precision@1 {top1 / len(rows):.2f}, recall@3 {top3 / len(rows):.2f}"
    )


if __name__ == "__main__":
    whole(sys.argv[1])
    if len(sys.argv) > 2:
        paraphrases(sys.argv[2])
