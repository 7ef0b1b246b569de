"""Budgets a test can hold on any machine: CPU time this process spends, never the wall clock.

A busy machine (other tests, other builds) stretches the wall clock but not the CPU time the code
under test uses, so a CPU budget with a generous margin fails only when the work itself grows,
e.g. a quadratic loop on a large input. Timings to compare belong in bench/.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass


@dataclass
class CpuTime:
    seconds: float = 0.0


@contextmanager
def cpu_time() -> Iterator[CpuTime]:
    """The CPU seconds (user + system, all threads) this process spends inside the block."""
    spent = CpuTime()
    start = time.process_time()
    try:
        yield spent
    finally:
        spent.seconds = time.process_time() - start
