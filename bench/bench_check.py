"""Time check_syllabus (parse, suggest, rules) for the core sample and generated syllabi of 50, 500 and 5,000 modules.

Run: .venv/bin/python bench/bench_check.py  (prints time per syllabus and peak memory)
"""

from __future__ import annotations

import random
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.framework.loader import cached_catalog  # noqa: E402 (after the project root is put on sys.path)
from app.policy import DEFAULT_POLICY  # noqa: E402 (after the project root is put on sys.path)
from app.syllabus.parser import parse  # noqa: E402 (after the project root is put on sys.path)
from app.syllabus.services import check_syllabus  # noqa: E402 (after the project root is put on sys.path)
from app.syllabus.suggest import suggester_for  # noqa: E402 (after the project root is put on sys.path)

PHRASES = [
    "Hope and the recovery journey",
    "Advocacy and rights",
    "Sharing lived experience",
    "Motivational interviewing",
    "Cultural humility",
    "Trauma-informed care",
    "Running support groups",
    "Self-care and burnout",
    "Co-occurring disorders",
    "Conflict resolution",
    "Ethics and boundaries",
    "Resume and interview practice",
    "Safety planning",
    "Warm handoffs and referrals",
    "Progress notes",
    "HIPAA and 42 CFR Part 2",
    "Telehealth basics",
]


def generated(modules: int, seed: int = 7) -> str:
    """A tagged core syllabus with ``modules`` modules, breaks and descriptions."""
    rng = random.Random(seed)
    lines = [
        "---",
        "program: core",
        f"total_hours: {modules * 2}",
        "---",
        "",
        "# Generated syllabus",
        "",
    ]
    for index in range(modules):
        number = rng.randrange(17)
        lines += [
            f"## Module {index + 1}: {PHRASES[number]} ({rng.choice([1, 1.5, 2, 2.5, 3])} hours) [core-{number + 1}]",
            f"Participants practise {PHRASES[rng.randrange(17)].lower()} and {PHRASES[rng.randrange(17)].lower()}.",
            "Assessment: quiz",
            "",
        ]
        if index % 5 == 4:
            lines += ["- Break (15 minutes)", ""]
    return "\n".join(lines)


def measure(text: str, repeats: int) -> tuple[float, float]:
    """Fastest CPU seconds of parse + suggest + check over ``repeats``, and peak traced MB of one run.

    The fastest run's processor time, as timeit reports it: other work on the machine only ever
    adds to a run's time, so the minimum is the closest to what the check itself costs.
    """
    catalog = cached_catalog()
    suggester_for(catalog)
    timings = []
    for _ in range(repeats):
        start = time.process_time()
        check_syllabus(text, "core", catalog=catalog, policy=DEFAULT_POLICY)
        timings.append(time.process_time() - start)
    tracemalloc.start()
    check_syllabus(text, "core", catalog=catalog, policy=DEFAULT_POLICY)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return min(timings), peak / 1e6


def main() -> None:
    start = time.perf_counter()
    suggester_for(cached_catalog())  # built once per process, as in the app
    print(f"catalog + suggester index built once in {(time.perf_counter() - start) * 1000:.0f} ms")
    cases = [
        (
            "core sample (curricula/core_80_hour_passing.md)",
            (ROOT / "curricula" / "core_80_hour_passing.md").read_text(),
            20,
        )
    ]
    cases += [
        (f"generated, {n:,} modules", generated(n), 20 if n < 5000 else 5) for n in (50, 500, 5000)
    ]
    print(f"{'syllabus':<50} {'CPU/syllabus':>14} {'ms/module':>10} {'peak MB':>8}")
    rows = []
    for name, text, repeats in cases:
        seconds, peak = measure(text, repeats)
        modules = len(parse(text).modules)
        rows.append((modules, seconds))
        print(
            f"{name:<50} {seconds * 1000:>11.1f} ms {seconds * 1000 / modules:>10.3f} {peak:>8.1f}"
        )
    per_module = [s / m for m, s in rows[1:]]
    growth = per_module[-1] / per_module[0]
    print(f"time per module at 5,000 vs 50 modules: x{growth:.2f} (1.0 = linear)")
    core_ms = rows[0][1] * 1000
    print(
        f"core sample: {core_ms:.1f} ms ({'within' if core_ms < 20 else 'OVER'} the 20 ms budget)"
    )


if __name__ == "__main__":
    main()
