"""Giving a framework's uncredited competencies to the sessions that teach them (pure).

A specialization teaches each of its competencies somewhere, most often one per session. When the
words of a session match two competencies about as well, the crediting of ``crediting.py`` takes
the better one, and a competency that another session already teaches can be taken twice while
the one the session really teaches is credited nowhere. This pass looks at the syllabus as a
whole: a competency no session is credited with goes to a session that is *free* (credited with
nothing, or only with competencies other sessions are credited with too) when the competency is
the best or next best match of that session and scores at least the policy's ``suggest.assign_min_score``.
The session then teaches the missing competency instead of the repeated one, so no competency
loses its last session. A competency with no such evidence stays missing: the rule of coverage
still fails it (no pass is made from nothing).
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from app.messages import Message

if TYPE_CHECKING:
    from app.syllabus.crediting import Check, Credit
    from app.syllabus.parser import Module

RANK = 2  # the missing competency must be the best or the next best match of the session


def _removed(check: Check, module: Module) -> set[str]:
    """Competencies the provider took away from ``module``: never given back here."""
    overrides = getattr(check.syllabus, "credit_overrides", None) or {}
    return {i for i, _evidence, remove in overrides.get(module.line, ()) if remove}


def _free(credit: Credit, counts: Counter) -> bool:
    """A session read from its words whose every competency another session teaches too."""
    return credit.source in ("inferred", "none") and all(counts[i] > 1 for i in credit.ids)


def _top(credit: Credit, rank: int) -> list[str]:
    return sorted(credit.scores, key=lambda i: (-credit.scores[i], i))[:rank]


def _shows(check: Check, module: Module, identifier: str, minimum: float, rank: int) -> float:
    """The score of ``identifier`` in ``module`` when it is among its ``rank`` best matches at or
    above ``minimum`` (and the provider did not take it away), else 0."""
    credit = check.credits[id(module)]
    if credit.source not in ("inferred", "none"):
        return 0.0
    score = credit.scores.get(identifier, 0.0)
    if score < minimum or identifier not in _top(credit, rank):
        return 0.0
    return 0.0 if identifier in _removed(check, module) else score


def _best_pair(check: Check, missing: list[str], counts: Counter, minimum: float):
    """The moves [(session, competency)] that credit a missing competency with the strongest
    evidence: to a free session, or else to a session whose only competency moves to a free
    session that shows it too (each session keeps a competency it is credited by its words)."""
    best: tuple[float, list] | None = None
    for identifier in missing:
        for module in check.taught:
            credit = check.credits[id(module)]
            if _free(credit, counts):
                score, moves = _shows(check, module, identifier, minimum, RANK), []
            elif len(credit.ids) == 1:
                score = _shows(check, module, identifier, minimum, RANK + 1)
                moves = _rehome(check, credit.ids[0], module, counts, minimum) if score else None
            else:
                continue
            if score and moves is not None and (best is None or score > best[0]):
                best = (score, [*moves, (module, identifier)])
    return best[1] if best else None


def _rehome(check: Check, identifier: str, holder: Module, counts: Counter, minimum: float):
    """The move that gives ``identifier`` (taught only by ``holder``) to a free session, or None."""
    found = None
    for module in check.taught:
        if module is holder or not _free(check.credits[id(module)], counts):
            continue
        score = _shows(check, module, identifier, minimum, RANK)
        if score and (found is None or score > found[0]):
            found = (score, module)
    return [(found[1], identifier)] if found else None


def _move(check: Check, module: Module, identifier: str, counts: Counter) -> None:
    credit = check.credits[id(module)]
    for repeated in credit.ids:
        counts[repeated] -= 1
    words = ", ".join(_evidence(credit, identifier))
    credit.ids = [identifier]
    credit.source = "inferred"
    credit.evidence = {
        identifier: [
            Message(
                "the session as a whole, the best of its matches no other session teaches — "
                "%(words)s",
                words=words,
            )
        ]
    }
    credit.split = {identifier: module.counted_hours}
    counts[identifier] += 1


def assign_missing(check: Check) -> None:
    """Credit each uncredited competency of the framework to the free session that shows it best."""
    if check.framework is None:
        return
    minimum = float(check.policy.value("suggest.assign_min_score"))
    counts: Counter = Counter(i for c in check.credits.values() for i in set(c.ids))
    missing = [i for i in check.framework.competency_ids() if counts[i] == 0]
    while missing:
        moves = _best_pair(check, missing, counts, minimum)
        if moves is None:
            return
        for module, identifier in moves:
            _move(check, module, identifier, counts)
        missing = [i for i in missing if counts[i] == 0]


def _evidence(credit: Credit, identifier: str) -> list[str]:
    """The words that matched ``identifier`` (one of the session's three best matches)."""
    shown = [s["evidence"][:3] for s in credit.suggested if s["id"] == identifier]
    return list(shown[0]) if shown else []
