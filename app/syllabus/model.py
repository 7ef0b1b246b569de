"""What the reader returns: the syllabus's sessions, declared totals and parts (pure data)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from app.syllabus.doubts import Doubt
from app.syllabus.durations import Duration


@dataclass(frozen=True)
class Part:
    """A title, bullet or sentence of a session: what competency evidence is read from."""

    text: str
    line: int
    hours: float | None = None


@dataclass(frozen=True)
class DeclaredTotal:
    """A statement of the course's total hours, where the syllabus makes it."""

    hours: float
    text: str
    line: int | None
    source: str  # front matter | title | header | statement
    maximum: float | None = None


@dataclass
class Module:
    """A unit of the syllabus with a duration, and whether and why its hours count."""

    title: str
    line: int
    hours: float | None = None
    hours_text: str = ""
    hours_max: float | None = None
    approximate: bool = False
    from_clock: bool = False
    kind: str = "instruction"  # instruction | break | admin | homework | practicum | exam | frame
    reason: str = ""
    tags: list[str] = field(default_factory=list)  # competency identifiers written in the text
    tag_hours: dict[str, float] = field(default_factory=dict)
    references: list[str] = field(default_factory=list)  # "Competencies covered: …" values
    parts: list[Part] = field(default_factory=list)
    description: list[str] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    assessment: str = ""
    assessment_line: int | None = None
    day: str | None = None
    path: list[str] = field(default_factory=list)
    refinements: list[Module] = field(default_factory=list)
    labelled: bool = False  # opened by "Module", "Session", "Day"…
    from_row: bool = False  # read from a table row
    title_line: str = ""  # the line the session was read from, as written
    duration: Duration | None = field(default=None, repr=False)

    @property
    def counted_hours(self) -> float:
        """Hours that count as direct instruction (breaks, homework, practicum, exams do not)."""
        if self.kind != "instruction" or self.hours is None:
            return 0.0
        return self.hours

    def text(self) -> str:
        """Everything the module says about itself, for matching against competencies."""
        return " ".join(part.text for part in self.parts) or self.title


@dataclass
class Syllabus:
    meta: dict[str, Any]
    modules: list[Module]  # sessions (counted or not) and frames, in document order
    declared_totals: list[DeclaredTotal] = field(default_factory=list)
    meta_lines: dict[str, int] = field(default_factory=dict)
    text: str = ""
    notes: list[tuple[int, str]] = field(default_factory=list)  # (line, what was set aside)
    doubts: list[Doubt] = field(default_factory=list)  # readings the reader is unsure of

    @property
    def sessions(self) -> list[Module]:
        return [m for m in self.modules if m.kind != "frame"]

    @property
    def tagged(self) -> bool:
        return any(m.tags or m.references for m in self.sessions)

    @property
    def declared_total(self) -> float | None:
        return self.declared_totals[0].hours if self.declared_totals else None

    @property
    def declared_total_line(self) -> int | None:
        return self.declared_totals[0].line if self.declared_totals else None
