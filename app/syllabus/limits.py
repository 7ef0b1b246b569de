"""How much a syllabus may ask of the reader, counted in work done (pure).

The one place for the reader's limits. They are counted in what the reading does (characters,
lines, outline nodes, sessions, and the CPU time of this process), never in wall-clock time: a
server busy with other requests spends more wall-clock seconds on the same document, but not more
CPU time, so a 300-page PDF read on a loaded server is read, not refused.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

from app.syllabus.errors import SyllabusReadError

MAX_CHARS = 6_000_000  # more text than any syllabus holds; read no further
MAX_LINES = 50_000
MAX_SESSIONS = 10_000
MAX_NODES = 120_000  # outline blocks (headings, items, rows, fields, paragraphs) one reading builds
MAX_CPU_SECONDS = 20.0  # CPU time one reading may use; far above the 1 s a 200-page file takes
MAX_DECLARED_HOURS = 10_000.0  # a sanity bound on a declared total, not a rule of the Guidelines
CHECK_EVERY = 64  # the CPU clock is read once every this many units of work


@dataclass
class Budget:
    """The work one reading may do, and what it has done so far."""

    cpu_seconds: float = MAX_CPU_SECONDS
    max_nodes: int = MAX_NODES
    max_sessions: int = MAX_SESSIONS
    nodes: int = 0
    sessions: int = 0
    chars: int = 0
    clock: Callable[[], float] = time.process_time  # this process's CPU seconds
    started: float = field(init=False)

    def __post_init__(self) -> None:
        self.started = self.clock()

    def used_cpu(self) -> float:
        return self.clock() - self.started

    def count_chars(self, chars: int) -> None:
        self.chars += chars
        if chars > MAX_CHARS:
            raise SyllabusReadError(
                f"The syllabus is longer than {MAX_CHARS // 1_000_000} million characters."
            )

    def node(self) -> None:
        """One more block of the outline."""
        self.nodes += 1
        self._within(self.nodes, self.max_nodes, "headings, items and paragraphs")

    def session(self) -> None:
        """One more session read."""
        self.sessions += 1
        self._within(self.sessions, self.max_sessions, "sessions")

    def _within(self, count: int, limit: int, what: str) -> None:
        """SyllabusReadError once ``count`` of ``what`` passes ``limit``; the CPU time is read
        every CHECK_EVERY units (reading the clock on each would cost more than the work)."""
        if count > limit:
            raise SyllabusReadError(
                f"The syllabus has more than {limit:,} {what}; split it into courses."
            )
        if count % CHECK_EVERY == 0:
            self._check_cpu()

    def _check_cpu(self) -> None:
        if self.used_cpu() > self.cpu_seconds:
            raise SyllabusReadError(
                f"Reading the syllabus took more than {self.cpu_seconds:g} seconds of computing; simplify or split it."
            )

    def describe(self) -> str:
        return (
            f"{self.used_cpu():.3f} s CPU of {self.cpu_seconds:g}, {self.nodes:,} outline nodes "
            f"of {self.max_nodes:,}, {self.sessions:,} sessions of {self.max_sessions:,}, "
            f"{self.chars:,} characters of {MAX_CHARS:,}"
        )
