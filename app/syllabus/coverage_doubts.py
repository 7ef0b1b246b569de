"""Doubts about a competency no session is credited with (pure).

A course fails when a required competency is credited nowhere. When the words of a session match
that competency, though not clearly enough to credit it, the miss may be the reader's and not the
course's: the checker asks, on the session whose words match it best, whether it teaches the
competency, rather than failing the course on a guess. Sessions whose competencies the provider
named are not second-guessed; a competency no session's words match (below the policy's
``suggest.doubt_min_score``) stays missing, so nothing passes on no evidence.
"""

from __future__ import annotations

from app.messages import Message
from app.syllabus.doubts import Correction, Doubt
from app.syllabus.report import ModuleResult, Report

MISSING = "COMPETENCY_MISSING"
KIND = "competency"


def coverage_doubts(report: Report, minimum: float) -> list[Doubt]:
    """One doubt per required competency credited nowhere that a session's words match at or
    above ``minimum``: on that session, settled by crediting it there."""
    if not any(f.code == MISSING and f.severity == "error" for f in report.findings):
        return []
    doubts = []
    for competency in report.competencies:
        if competency.covered:
            continue
        best = _best_match(report.modules, competency.id, minimum)
        if best is None:
            continue
        module, score, evidence = best
        words = ", ".join(evidence[:3])
        doubts.append(
            Doubt(
                KIND,
                module.line,
                Message(
                    "Does “%(title)s” teach %(id)s (%(competency)s)? Its words match it: %(words)s.",
                    title=module.title,
                    id=competency.id,
                    competency=competency.title,
                    words=words,
                ),
                Message(
                    "No session is credited with %(id)s; the words of this one match it best, "
                    "though not clearly enough to credit it.",
                    id=competency.id,
                ),
                round(1.0 - score, 2),
                (Correction(module.line, "competency", competency.id, evidence=words),),
            )
        )
    return doubts


def _best_match(
    modules: list[ModuleResult], identifier: str, minimum: float
) -> tuple[ModuleResult, float, list[str]] | None:
    """The session of instruction, read from its words, that matches ``identifier`` best."""
    best = None
    for module in modules:
        if module.kind != "instruction" or module.source == "declared":
            continue
        for suggestion in module.suggested:
            score = float(suggestion["score"])
            stronger = best is None or score > best[1]
            if suggestion["id"] == identifier and score >= minimum and stronger:
                best = (module, score, list(suggestion.get("evidence") or []))
    return best
