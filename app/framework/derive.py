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


# The reason of a derived link in each language the pages speak, phrase by phrase. The Spanish
# keeps the English names quoted, since the rule matches those English words (as the Spanish of
# crosswalks.yaml quotes the Guidelines in English); section names ("App. H") stay as written.
REASON_PHRASES: dict[str, dict[str, str]] = {
    "sentence": {
        "en": 'Name match ({match}): App. H assigns the {kind} "{name}" to this competency; '
        "the name {how} {where}.",
        "es": "Coincidencia de nombre ({match}): el App. H asigna a esta competencia "
        '{kind} "{name}"; el nombre {how} {where}.',
    },
    "exact": {"en": "exact", "es": "exacta"},
    "contained": {"en": "contained", "es": "contenida"},
    "knowledge": {"en": "knowledge area", "es": "el área de conocimiento"},
    "skill": {"en": "skill", "es": "la habilidad"},
    "how exact": {"en": "repeats", "es": "repite"},
    "how contained": {"en": "is part of", "es": "forma parte de"},
    "core": {
        "en": 'core competency {number} "{title}"',
        "es": 'la competencia básica {number} "{title}"',
    },
    "other": {
        "en": '{section} competency {number} "{title}"',
        "es": 'la competencia {number} del {section} "{title}"',
    },
}


def evidence(link: DerivedLink, target: Competency, language: str = "en") -> str:
    """The reason written in crosswalks.yaml for a derived link (``language`` "en"), or in
    competencies/es/crosswalks.yaml (``language`` "es"); ``target`` is the English competency.

    Raises KeyError for a language with no sentence."""
    place = "core" if target.framework == "core" else "other"
    where = REASON_PHRASES[place][language].format(
        number=target.number,
        title=target.title,
        section=FRAMEWORK_SECTIONS.get(target.framework, ""),
    )
    return REASON_PHRASES["sentence"][language].format(
        match=REASON_PHRASES[link.match][language],
        kind=REASON_PHRASES[link.kind][language],
        name=link.name,
        how=REASON_PHRASES[f"how {link.match}"][language],
        where=where,
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


def derived_reasons(
    catalog: Catalog, framework_id: str, language: str
) -> dict[tuple[str, str, str], str]:
    """The reason of each derived link of ``framework_id`` in ``language``, keyed as the Spanish
    crosswalks file keys its links: (source, target, type). ``catalog`` is the English one, whose
    names the rule matches."""
    return {
        (link.source, link.target, "related"): evidence(
            link, catalog.competency(link.target), language
        )
        for link in part_name_links(catalog, framework_id)
    }
