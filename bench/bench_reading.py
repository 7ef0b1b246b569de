"""CPU time of the reading layer (doubts weighed, the reading built) on top of the rules, for
generated syllabi of 50, 500 and 5,000 sessions and for one whose table restates its sessions
(a doubt that is weighed by checking again).

Run: .venv/bin/python bench/bench_reading.py
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_check import generated  # noqa: E402 (after the project root is put on sys.path)

from app.framework.loader import cached_catalog  # noqa: E402
from app.policy import DEFAULT_POLICY  # noqa: E402
from app.syllabus.parser import parse  # noqa: E402
from app.syllabus.rules import evaluate  # noqa: E402
from app.syllabus.services import judge, resolve_program  # noqa: E402
from app.syllabus.suggest import suggester_for  # noqa: E402

RESTATED = (
    "---\nprogram: refresher\n---\n# Peer Refresher\n\nTotal: 40 hours\n\n"
    + "".join(f"## Module {i}: Topic {i} (5 hours)\nText.\n" for i in range(1, 5))
    + "\n## Crosswalk\n\n| Competency area | Hours |\n|---|---|\n"
    + "".join(f"| Topic {i} | 5 |\n" for i in range(1, 5))
)


def cpu(call) -> float:
    start = time.process_time()
    call()
    return time.process_time() - start


def main() -> None:
    catalog = cached_catalog()
    suggester = suggester_for(catalog)
    cases = [(f"{n} sessions", generated(n)) for n in (50, 500, 5000)]
    cases.append(("restated table (a doubt)", RESTATED))
    for name, text in cases:
        syllabus = parse(text)
        program = resolve_program(None, syllabus.meta, DEFAULT_POLICY)
        evaluate(syllabus, program, catalog, DEFAULT_POLICY, suggester)  # warm the caches
        rules = cpu(
            lambda s=syllabus, p=program: evaluate(s, p, catalog, DEFAULT_POLICY, suggester)
        )
        both = cpu(lambda s=syllabus, p=program: judge(s, p, catalog, DEFAULT_POLICY))
        report = judge(syllabus, program, catalog, DEFAULT_POLICY)
        print(
            f"{name:28} rules {rules:.3f} s CPU, with the reading {both:.3f} s CPU; "
            f"verdict {report.decision}, doubts {len(report.doubts)}"
        )


if __name__ == "__main__":
    main()
