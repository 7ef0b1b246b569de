"""A finding: one result of a rule, with its severity and the section it comes from (pure).

Shared by the syllabus checker and the CE rules; neither owns it.
"""

from __future__ import annotations

from dataclasses import dataclass

SEVERITIES = ("error", "warning", "info")


@dataclass(frozen=True)
class Finding:
    """One result of a rule: ``error`` fails the check; every finding cites its rule."""

    severity: str
    code: str
    citation: str
    message: str
    line: int | None = None
