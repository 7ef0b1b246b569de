"""What changed between two versions of a curriculum, from their checker reports (pure)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class VersionDiff:
    added: list[dict[str, Any]] = field(default_factory=list)
    removed: list[dict[str, Any]] = field(default_factory=list)
    hours_changed: list[tuple[str, float | None, float | None]] = field(default_factory=list)
    competencies_changed: list[tuple[str, list[str], list[str]]] = field(default_factory=list)
    total_hours: tuple[float, float] = (0.0, 0.0)
    coverage_gained: list[str] = field(default_factory=list)
    coverage_lost: list[str] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.hours_changed or self.competencies_changed)


def _key(module: dict[str, Any]) -> str:
    return " ".join(str(module.get("title", "")).lower().split())


def diff_reports(old: dict[str, Any], new: dict[str, Any]) -> VersionDiff:
    """Modules added and removed (matched by title), hours and competencies changed."""
    before = {_key(m): m for m in old.get("modules", [])}
    after = {_key(m): m for m in new.get("modules", [])}
    result = VersionDiff(total_hours=(old.get("total_hours", 0.0), new.get("total_hours", 0.0)))
    result.added = [after[k] for k in after if k not in before]
    result.removed = [before[k] for k in before if k not in after]
    for key in before.keys() & after.keys():
        a, b = before[key], after[key]
        if a.get("hours") != b.get("hours"):
            result.hours_changed.append((b["title"], a.get("hours"), b.get("hours")))
        if sorted(a.get("competencies", [])) != sorted(b.get("competencies", [])):
            result.competencies_changed.append(
                (b["title"], sorted(a.get("competencies", [])), sorted(b.get("competencies", [])))
            )
    covered_before = {c["id"] for c in old.get("competencies", []) if c.get("covered")}
    covered_after = {c["id"] for c in new.get("competencies", []) if c.get("covered")}
    result.coverage_gained = sorted(covered_after - covered_before, key=_order)
    result.coverage_lost = sorted(covered_before - covered_after, key=_order)
    result.hours_changed.sort()
    result.competencies_changed.sort()
    return result


def _order(identifier: str) -> tuple[str, int]:
    prefix, _, number = identifier.partition("-")
    return prefix, int(number) if number.isdigit() else 0
