"""What the reader has learned while walking the outline (pure data)."""

from __future__ import annotations

from dataclasses import dataclass, field

from app.syllabus.doubts import Doubt
from app.syllabus.limits import Budget
from app.syllabus.model import DeclaredTotal, Module


@dataclass
class Reading:
    """What the parser has learned while walking the outline."""

    totals: list[DeclaredTotal] = field(default_factory=list)
    modules: list[Module] = field(default_factory=list)
    notes: list[tuple[int, str]] = field(default_factory=list)
    doubts: list[Doubt] = field(default_factory=list)
    budget: Budget = field(default_factory=Budget)

    def tick(self) -> None:
        self.budget.session()
