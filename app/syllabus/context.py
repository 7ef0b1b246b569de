"""The heading path of a session in crediting: which of two same-titled competencies it teaches (pure).

A framework can name two competencies alike in different phases (the Crisis Care
specialization's "Person-Centered Trauma-Informed" before a crisis and during one). The words of
a session cannot tell them apart; the phase or day heading above it can ("Phase 2: Active crisis
support"). A heading names a phase by its number ("Phase 2") or by the words of its title.
"""

from __future__ import annotations

from app.framework.models import Catalog, Framework
from app.syllabus.folding import fold

PHASE_WORDS = ("phase", "fase", "stage", "etapa", "part", "parte")
# Words a phase's title shares with every other phase say nothing about which one it is.
COMMON_WORDS = frozenset({"of", "and", "the", "crisis", "support", "a", "de", "la", "y"})
# Everyday words for the same phases: "before a crisis", "during", "after".
PHASE_SYNONYMS = {
    "before": "prevention",
    "preventing": "prevention",
    "pre": "prevention",
    "during": "active",
    "acute": "active",
    "after": "post",
    "aftercare": "post",
    "follow": "post",
    "while": "active",
    "amid": "active",
    "antes": "prevention",
    "prevenir": "prevention",
    "prevencion": "prevention",
    "durante": "active",
    "activa": "active",
    "activo": "active",
    "despues": "post",
    "poscrisis": "post",
}


def _words(text: str) -> list[str]:
    cleaned = "".join(ch if ch.isalnum() else " " for ch in fold(text))
    return cleaned.split()


def phase_of_path(path: list[str], framework: Framework | None) -> str | None:
    """The phase of ``framework`` the nearest heading of ``path`` names, or None."""
    phases = getattr(framework, "phases", ()) or ()
    if not phases:
        return None
    for step in reversed(path):
        words = _words(step)
        for index, word in enumerate(words[:-1]):
            if word in PHASE_WORDS and words[index + 1].isdigit():
                number = int(words[index + 1])
                if 1 <= number <= len(phases):
                    return phases[number - 1].id
        found = {PHASE_SYNONYMS.get(w, w) for w in words}
        for phase in phases:
            own = {w for w in _words(phase.title) if w not in COMMON_WORDS}
            if own & found:
                return phase.id
    return None


_TWINS: dict[int, tuple[Catalog, dict[str, tuple[str, ...]]]] = {}


def _same_titled(catalog: Catalog) -> dict[str, tuple[str, ...]]:
    """Each competency that shares its title with another of its framework: id -> all of them
    (worked out once per catalog)."""
    cached = _TWINS.get(id(catalog))
    if cached is not None and cached[0] is catalog:
        return cached[1]
    by_title: dict[tuple[str, str], list[str]] = {}
    for competency in catalog.all_competencies():
        by_title.setdefault((competency.framework, fold(competency.title)), []).append(
            competency.id
        )
    twins = {i: tuple(ids) for ids in by_title.values() if len(ids) > 1 for i in ids}
    _TWINS[id(catalog)] = (catalog, twins)
    return twins


def in_context(identifier: str, path: list[str], catalog: Catalog) -> str:
    """``identifier``, or its same-titled twin in the phase the heading path names."""
    twins = _same_titled(catalog).get(identifier)
    if not twins:
        return identifier
    framework = catalog.framework(identifier.split("-")[0])
    phase = phase_of_path(path, framework)
    if phase is None:
        return identifier
    for twin in twins:
        if catalog.competency(twin).phase == phase:
            return twin
    return identifier


# A competency of the phase the context names is preferred to the best match of another phase
# when it scores at least this share of that match (a phase is context, it outweighs no evidence).
PHASE_SHARE = 0.5


def ranked_in_phase(ranked: list, path: list[str], catalog: Catalog) -> list:
    """Suggestions of the phase the context names, when one of them is close enough to the best;
    otherwise ``ranked`` as it is."""
    if not ranked:
        return ranked
    framework = catalog.framework(ranked[0].id.split("-")[0])
    phase = phase_of_path(path, framework)
    if phase is None:
        return ranked
    own = [s for s in ranked if catalog.competency(s.id).phase == phase]
    if not own or own[0] is ranked[0] or own[0].score < PHASE_SHARE * ranked[0].score:
        return ranked
    return own


def ranked_in_context(ranked: list, path: list[str], catalog: Catalog) -> list:
    """Suggestions with a same-titled pair decided by the heading path: the other twin is dropped."""
    if len(ranked) < 2 or ranked[1].id not in _same_titled(catalog).get(ranked[0].id, ()):
        return ranked
    chosen = in_context(ranked[0].id, path, catalog)
    if (
        chosen == ranked[0].id
        and phase_of_path(path, catalog.framework(chosen.split("-")[0])) is None
    ):
        return ranked  # no phase named: the words decide, as before
    return [s for s in ranked if s.id == chosen] + [s for s in ranked[2:]]


def topic_heading(path: list[str], framework: Framework | None) -> str | None:
    """The heading a session sits under that can say what it teaches, or None.

    The nearest heading of the path, when the path has more than the document's title and the
    heading names no phase (a phase tells apart same-titled competencies, it is no topic).
    """
    if len(path) < 2:
        return None
    nearest = path[-1]
    if phase_of_path([nearest], framework) is not None:
        return None
    return nearest
