"""Print the whole verdict (hours, every required competency, prerequisite) on the corpus, and the
paraphrase figures of every labelled set.

Run: .venv/bin/python bench/whole_verdict.py [HALF ...]   (default: fresh3)

A syllabus's expected verdict is its sidecar's ``meets_hours``, ``covers_all`` and
``states_prerequisite`` (true when absent; a specialization that never says its participants must
already be certified fails, §212; CC). Only ``fresh3``'s ``covers_all`` means "every competency the
program requires": in the earlier sets a CE course or a refresher is marked ``covers_all: false``
although the program does not require them all, so those rows read as false passes there. Per syllabus: expected, got, the
error codes; per set: right, needs confirmation, false passes, false fails.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.framework.loader import cached_catalog  # noqa: E402
from app.syllabus.services import check_syllabus  # noqa: E402
from tests.syllabus.corpus_scoring import sidecars  # noqa: E402
from tests.syllabus.test_suggest import _measure  # noqa: E402

PARAPHRASES = (
    "labelled_modules.yaml",
    "held_out_modules.yaml",
    "fresh_modules.yaml",
    "fresh3_modules.yaml",
)


def _half(half: str) -> None:
    right = ask = false_pass = false_fail = 0
    rows = sidecars(half)
    for path, sidecar in rows:
        expected = (
            bool(sidecar["meets_hours"])
            and bool(sidecar.get("covers_all", True))
            and bool(sidecar.get("states_prerequisite", True))
        )
        report = check_syllabus(path, sidecar["program"])
        data = report.to_dict()
        verdict = data.get("verdict") or ("pass" if data["passed"] else "fail")
        errors = sorted({f["code"] for f in data["findings"] if f["severity"] == "error"})
        if verdict == "needs confirmation":
            ask += 1
            mark = "ASK"
        elif (verdict == "pass") == expected:
            right += 1
            mark = "ok"
        elif verdict == "pass":
            false_pass += 1
            mark = "FALSE PASS"
        else:
            false_fail += 1
            mark = "BAD"
        want = "pass" if expected else "fail"
        print(f"{path.name:50} expected {want:4}  got {verdict:20} {mark:4} {errors}")
    print(
        f"{half}: whole verdict right {right}/{len(rows)}, needs confirmation {ask}, "
        f"false pass {false_pass}, false fail {false_fail}"
    )


def main(halves: list[str]) -> None:
    for half in halves:
        _half(half)
    catalog = cached_catalog()
    for name in PARAPHRASES:
        p1, r3, count = _measure(catalog, name)
        print(f"{name}: {count} modules, precision@1 {p1:.2f}, recall@3 {r3:.2f}")


if __name__ == "__main__":
    main(sys.argv[1:] or ["fresh3"])
