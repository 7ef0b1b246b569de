"""Crosswalk links derived from names, by the rule the derived links in crosswalks.yaml follow (pure).

Two names match when they use the same words once case, punctuation, small words ("the",
"and", "of" ...), plural endings and the abbreviations "MH" and "SUD" are set aside
("Safety and Crisis Planning" and "Crisis and Safety Planning"). This is how the same-as links
between specializations and the core were found. App. H (Parent, Caregiver, Family Member)
repeats no title of another framework, but it names the skills (for competency 2 the knowledge)
assigned to each competency, and several of those names repeat a competency title of another
framework. Such a repetition gives a ``related`` link: a named part of the competency matches
the other competency, not the competency as a whole. A name also matches when all its words, at
least two, appear in the other title ("Recovery Principles" in core 4's "... addiction recovery
principles ...").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.framework.models import Catalog, Competency

SMALL_WORDS = frozenset(
    {"a", "an", "and", "as", "at", "by", "for", "in", "including", "of", "on", "or", "other"}
    | {"the", "to", "with"}
)
ABBREVIATIONS = {"mh": ("mental", "health"), "sud": ("substance", "use", "disorder")}
FRAMEWORK_SECTIONS = {
    "core": "App. A",
    "pcfm": "App. H",
    "crisis": "App. J",
    "unhoused": "App. K",
    "justice": "App. L",
}
GUIDELINES_SEED = "001_e620bba8f7793082.txt"


def name_words(name: str) -> frozenset[str]:
    """The words of a name that carry its meaning, singular, lower case."""
    words: list[str] = []
    for word in re.findall(r"[a-z]+", name.casefold().replace("&", " and ")):
        if word in ABBREVIATIONS:
            words.extend(ABBREVIATIONS[word])
            continue
        if word in SMALL_WORDS:
            continue
        if word.endswith("ies") and len(word) > 4:
            word = word[:-3] + "y"
        elif word.endswith("s") and not word.endswith("ss") and len(word) > 3:
            word = word[:-1]
        words.append(word)
    return frozenset(words)


def name_match(name: str, title: str) -> str | None:
    """ "exact" (the same words), "contained" (all of ``name``'s words, two or more, in ``title``)."""
    mine, theirs = name_words(name), name_words(title)
    if not mine or not theirs:
        return None
    if mine == theirs:
        return "exact"
    if len(mine) >= 2 and mine < theirs:
        return "contained"
    return None


@dataclass(frozen=True)
class DerivedLink:
    source: str
    target: str
    match: str  # exact | contained
    name: str  # the skill or knowledge name of the source that matched
    kind: str  # skill | knowledge
    title: str  # the target's title


def part_name_links(catalog: Catalog, framework_id: str) -> list[DerivedLink]:
    """Competencies of ``framework_id`` whose skill or knowledge names repeat another framework's title."""
    found: list[DerivedLink] = []
    others = [
        c
        for f in catalog.frameworks.values()
        if f.id != framework_id and f.kind != "exam"
        for c in f.competencies
    ]
    for competency in catalog.framework(framework_id).competencies:
        seen: set[str] = set()
        for statement in competency.statements:
            if statement.kind not in ("skill", "knowledge"):
                continue
            for other in others:
                match = name_match(statement.text, other.title)
                if match and other.id not in seen:
                    seen.add(other.id)
                    found.append(
                        DerivedLink(
                            competency.id,
                            other.id,
                            match,
                            statement.text,
                            statement.kind,
                            other.title,
                        )
                    )
    return found


def evidence(link: DerivedLink, target: Competency) -> str:
    """The reason written in crosswalks.yaml for a derived link."""
    kind = "knowledge area" if link.kind == "knowledge" else "skill"
    where = (
        f'core competency {target.number} "{target.title}"'
        if target.framework == "core"
        else f'{FRAMEWORK_SECTIONS[target.framework]} competency {target.number} "{target.title}"'
    )
    how = "repeats" if link.match == "exact" else "is part of"
    return (
        f'Name match ({link.match}): App. H assigns the {kind} "{link.name}" to this competency; '
        f"the name {how} {where}."
    )


def as_yaml_entries(catalog: Catalog, framework_id: str) -> list[dict[str, str]]:
    """The derived links of ``framework_id`` in the shape of crosswalks.yaml entries."""
    entries = []
    for link in part_name_links(catalog, framework_id):
        target = catalog.competency(link.target)
        entries.append(
            {
                "source": link.source,
                "target": link.target,
                "type": "related",
                "provenance": "derived",
                "seed": GUIDELINES_SEED,
                "section": f"{FRAMEWORK_SECTIONS[framework_id]}; {FRAMEWORK_SECTIONS[target.framework]}",
                "evidence": evidence(link, target),
            }
        )
    return entries
