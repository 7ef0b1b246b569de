"""The checker's report: findings with citations, coverage, the crosswalk rubric (pure)."""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from typing import Any

# Finding lives in app.findings (the CE rules use it too); imported from here by the checker.
from app.findings import SEVERITIES, Finding


@dataclass
class ModuleResult:
    title: str
    hours: float | None
    line: int
    kind: str
    counted_hours: float
    competencies: list[str]
    suggested: list[dict[str, Any]]
    hours_text: str = ""
    assessment: str = ""
    day: str | None = None
    reason: str = ""  # why its hours were counted or not
    path: list[str] = field(default_factory=list)  # the parts of the outline above it
    evidence: dict[str, list[str]] = field(default_factory=dict)  # competency -> why credited
    source: str = "none"  # declared | inferred | none

    @property
    def counted(self) -> bool:
        return self.kind == "instruction" and self.counted_hours > 0


@dataclass
class CompetencyResult:
    id: str
    title: str
    covered: bool
    hours: float
    source: str  # "declared", "inferred", or "none"
    modules: list[dict[str, Any]] = field(default_factory=list)  # title, line, hours
    assessments: list[str] = field(default_factory=list)


@dataclass
class Report:
    program: str
    program_title: str
    framework: str | None
    total_hours: float
    required_hours: float | None
    declared_total_hours: float | None
    modules: list[ModuleResult]
    competencies: list[CompetencyResult]
    findings: list[Finding]
    meta: dict[str, Any] = field(default_factory=dict)
    non_instruction_hours: dict[str, float] = field(default_factory=dict)
    inferred: bool = False
    law_ethics_topics: list[dict[str, Any]] = field(default_factory=list)
    required_hours_stated: bool = True
    declared_totals: list[dict[str, Any]] = field(default_factory=list)
    verdict: str = ""  # pass | fail | needs confirmation; "" until the doubts are weighed
    doubts: list[dict[str, Any]] = field(default_factory=list)  # with open, could_change_verdict
    corrections: list[dict[str, Any]] = field(default_factory=list)  # the provider's, applied
    reading: dict[str, Any] = field(default_factory=dict)  # app/syllabus/reading.schema.json

    @property
    def sessions(self) -> list[ModuleResult]:
        """Units whose hours are counted or set aside (frames that hold timed sessions excluded)."""
        return [m for m in self.modules if m.kind != "frame"]

    @property
    def passed(self) -> bool:
        """True when no finding is an error (an undecided verdict holds one, so it never passes)."""
        return not any(f.severity == "error" for f in self.findings)

    @property
    def decision(self) -> str:
        """pass, fail, or "needs confirmation" while an open doubt could change the verdict."""
        if self.verdict == "needs confirmation":
            return self.verdict
        return "pass" if self.passed else "fail"

    @property
    def open_doubts(self) -> list[dict[str, Any]]:
        return [d for d in self.doubts if d.get("open")]

    def counts(self) -> dict[str, int]:
        return {
            severity: sum(1 for f in self.findings if f.severity == severity)
            for severity in SEVERITIES
        }

    def to_dict(self) -> dict[str, Any]:
        """The report in the documented JSON shape (plus extra keys)."""
        return {
            "program": self.program,
            "program_title": self.program_title,
            "framework": self.framework,
            "passed": self.passed,
            "verdict": self.decision,
            "total_hours": round(self.total_hours, 2),
            "required_hours": self.required_hours,
            "required_hours_stated_in_guidelines": self.required_hours_stated,
            "declared_total_hours": self.declared_total_hours,
            "declared_totals": self.declared_totals,
            "non_instruction_hours": {
                k: round(v, 2) for k, v in self.non_instruction_hours.items()
            },
            "inferred": self.inferred,
            "meta": {
                k: (v if isinstance(v, str | int | float | bool) or v is None else str(v))
                for k, v in self.meta.items()
            },
            "modules": [
                {
                    "title": m.title,
                    "hours": m.hours,
                    "line": m.line,
                    "kind": m.kind,
                    "counted_hours": round(m.counted_hours, 2),
                    "competencies": m.competencies,
                    "suggested": m.suggested,
                    "hours_text": m.hours_text,
                    "assessment": m.assessment,
                    "day": m.day,
                    "reason": m.reason,
                    "path": m.path,
                    "evidence": m.evidence,
                    "source": m.source,
                }
                for m in self.modules
            ],
            "competencies": [
                {
                    "id": c.id,
                    "title": c.title,
                    "covered": c.covered,
                    "hours": round(c.hours, 2),
                    "source": c.source,
                }
                for c in self.competencies
            ],
            "rubric": [
                {
                    "id": c.id,
                    "title": c.title,
                    "covered": c.covered,
                    "source": c.source,
                    "hours": round(c.hours, 2),
                    "where": c.modules,
                    "assessment": c.assessments,
                }
                for c in self.competencies
            ],
            "law_ethics_topics": self.law_ethics_topics,
            "findings": [asdict(f) for f in self.findings],
            "counts": self.counts(),
            "doubts": self.doubts,
            "corrections": self.corrections,
            "reading": self.reading,
        }

    def to_csv(self, header: Mapping[str, str] | None = None) -> str:
        """Competency rubric rows, then findings rows, as one CSV; ``header`` names the columns
        (by the keys of CSV_COLUMNS) in the reader's language, the keys themselves by default."""
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow([(header or {}).get(key, key) for key in CSV_COLUMNS])
        for c in self.competencies:
            where = "; ".join(f"{m['title']} (line {m['line']})" for m in c.modules)
            writer.writerow(
                [
                    "competency",
                    c.id,
                    _cell(c.title),
                    c.covered,
                    c.source,
                    round(c.hours, 2),
                    _cell(where),
                    _cell("; ".join(c.assessments)),
                    *[""] * 5,
                ]
            )
        for f in self.findings:
            writer.writerow(
                [
                    "finding",
                    *[""] * 7,
                    f.severity,
                    f.code,
                    f.citation,
                    _cell(f.message),
                    f.line or "",
                ]
            )
        return buffer.getvalue()


CSV_COLUMNS = (
    "section",
    "id",
    "title",
    "covered",
    "source",
    "hours",
    "where",
    "assessment",
    "severity",
    "code",
    "citation",
    "message",
    "line",
)


def _cell(text: str) -> str:
    """Keep spreadsheet programs from running cells that start with = + - @ as formulas."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def report_from_dict(data: dict[str, Any]) -> Report:
    """Rebuild a Report from ``Report.to_dict()`` output (as stored with a curriculum version)."""
    return Report(
        program=data["program"],
        program_title=data.get("program_title", data["program"]),
        framework=data.get("framework"),
        total_hours=data["total_hours"],
        required_hours=data["required_hours"],
        declared_total_hours=data["declared_total_hours"],
        modules=[
            ModuleResult(
                m["title"],
                m["hours"],
                m["line"],
                m.get("kind", "instruction"),
                m.get("counted_hours", 0.0),
                m["competencies"],
                m["suggested"],
                m.get("hours_text", ""),
                m.get("assessment", ""),
                m.get("day"),
                m.get("reason", ""),
                m.get("path", []),
                m.get("evidence", {}),
                m.get("source", "none"),
            )
            for m in data["modules"]
        ],
        competencies=[
            CompetencyResult(
                r["id"],
                r["title"],
                r["covered"],
                r["hours"],
                r["source"],
                r.get("where", []),
                r.get("assessment", []),
            )
            for r in data.get("rubric", [])
        ],
        findings=[Finding(**f) for f in data["findings"]],
        meta=data.get("meta", {}),
        non_instruction_hours=data.get("non_instruction_hours", {}),
        inferred=data.get("inferred", False),
        law_ethics_topics=data.get("law_ethics_topics", []),
        required_hours_stated=data.get("required_hours_stated_in_guidelines", True),
        declared_totals=data.get("declared_totals")
        or (
            [
                {
                    "hours": data["declared_total_hours"],
                    "maximum": None,
                    "text": "",
                    "line": None,
                    "source": "",
                }
            ]
            if data.get("declared_total_hours") is not None
            else []
        ),
        verdict=data.get("verdict", ""),
        doubts=data.get("doubts", []),
        corrections=data.get("corrections", []),
        reading=data.get("reading", {}),
    )
