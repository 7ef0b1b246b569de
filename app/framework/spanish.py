"""The frameworks' text in Spanish: read ``competencies/es/<framework>.yaml`` and give a Catalog
whose titles, summaries, statements, topics and phase names are the Spanish ones (pure: no Flask).

Each Spanish file follows its English file: a competency's lists hold the same statements in the
same order, so the n-th Spanish skill is the translation of the n-th English one. A file names
only what has been translated; whatever it leaves out stays in English. Every identifier must
exist in the English data, and a list must have as many entries as the English one: a broken
file stops the app with an error naming the file and the field, as the English files do.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

import networkx as nx

from app.framework.graph import build_graph
from app.framework.loader import DEFAULT_DIR, cached_catalog, read_yaml
from app.framework.models import (
    FRAMEWORK_IDS,
    Catalog,
    Competency,
    CompetencyTerms,
    Framework,
    Phase,
)
from app.framework.schema import FrameworkDataError, validate_translation
from app.framework.spanish_crosswalks import (
    SpanishCrosswalks,
    crosswalks_in_spanish,
    load_spanish_crosswalks,
)

FOLDER = "es"
# es/crosswalks.yaml: the links' reasons, read by app.framework.spanish_crosswalks.
CROSSWALKS = "crosswalks"
# The lists of a competency entry, and the id letter its statements get (as app.framework.loader).
STATEMENT_LETTERS = {
    "knowledge": "k",
    "skills": "s",
    "abilities": "a",
    "themes": "t",
    "examples": "e",
}
_KIND_LISTS = {
    "knowledge": "knowledge",
    "skill": "skills",
    "ability": "abilities",
    "theme": "themes",
    "example": "examples",
}

# Text as people read it: no stray or doubled spaces, no HTML or bullets (as the English files).
_TEXT = {
    "type": "string",
    "minLength": 1,
    "pattern": r"^(?!\s)(?!.*\s$)(?!.*  )(?!.*[<>•·])(?!.*&[a-z]+;)[\s\S]+$",
}
_TEXT_LIST = {"type": "array", "items": _TEXT, "minItems": 1}
SPANISH_SCHEMA = {
    "type": "object",
    "required": ["framework", "reviewed", "translation_of", "competencies"],
    "additionalProperties": False,
    "properties": {
        "framework": {"enum": list(FRAMEWORK_IDS)},
        "reviewed": {"type": "boolean"},
        "translation_of": {"type": "string", "minLength": 1},
        "title": _TEXT,
        "phases": {"type": "object", "additionalProperties": _TEXT},
        "competencies": {
            "type": "object",
            "additionalProperties": {
                "type": "object",
                "additionalProperties": False,
                "properties": {
                    "title": _TEXT,
                    "summary": _TEXT,
                    **{name: _TEXT_LIST for name in STATEMENT_LETTERS},
                    "topics": _TEXT_LIST,
                    "ksas": {"type": "object", "additionalProperties": _TEXT},
                },
            },
        },
    },
}


@dataclass(frozen=True)
class SpanishText:
    """The Spanish of the frameworks, by identifier; what is absent has no Spanish yet."""

    reviewed: dict[str, bool] = field(default_factory=dict)  # framework id -> reviewed by a person
    translation_of: dict[str, str] = field(default_factory=dict)  # framework id -> English version
    framework_titles: dict[str, str] = field(default_factory=dict)
    phase_titles: dict[str, str] = field(default_factory=dict)  # "crisis:prevention" -> title
    competency_titles: dict[str, str] = field(default_factory=dict)
    summaries: dict[str, str] = field(default_factory=dict)
    statements: dict[str, str] = field(default_factory=dict)  # statement id -> text
    topics: dict[str, tuple[str, ...]] = field(default_factory=dict)  # competency id -> topics
    crosswalks: SpanishCrosswalks = field(default_factory=SpanishCrosswalks)

    def unreviewed(self) -> tuple[str, ...]:
        """The frameworks with Spanish text no person has reviewed yet, then "crosswalks" when
        the links' reasons have Spanish no person has reviewed."""
        frameworks = tuple(f for f, reviewed in self.reviewed.items() if not reviewed)
        links = self.crosswalks.present and not self.crosswalks.reviewed
        return (*frameworks, CROSSWALKS) if links else frameworks


def _english_list(competency: Competency, name: str) -> tuple[str, ...]:
    if name == "topics":
        return competency.topics
    kind = next(k for k, n in _KIND_LISTS.items() if n == name)
    return tuple(s.text for s in competency.statements_of(kind))


def _read_file(path: Path, framework: Framework, found: SpanishText) -> None:
    """Check one Spanish file against its English framework and add its text to ``found``."""
    filename = f"{FOLDER}/{path.name}"
    data = read_yaml(path)
    validate_translation(filename, data, SPANISH_SCHEMA)
    if data["framework"] != framework.id:
        raise FrameworkDataError(
            filename, "framework", f"{data['framework']!r} is not this file's framework"
        )
    found.reviewed[framework.id] = data["reviewed"]
    found.translation_of[framework.id] = str(data["translation_of"])
    if "title" in data:
        found.framework_titles[framework.id] = data["title"]
    phases = {p.id for p in framework.phases}
    for phase_id, title in (data.get("phases") or {}).items():
        if phase_id not in phases:
            raise FrameworkDataError(filename, f"phases.{phase_id}", f"unknown phase {phase_id!r}")
        found.phase_titles[f"{framework.id}:{phase_id}"] = title
    by_id = {c.id: c for c in framework.competencies}
    for competency_id, entry in data["competencies"].items():
        competency = by_id.get(competency_id)
        if competency is None:
            raise FrameworkDataError(
                filename,
                f"competencies.{competency_id}",
                f"unknown identifier {competency_id!r}: {framework.id}.yaml has no such competency",
            )
        _read_competency(filename, competency, entry or {}, found)


def _read_competency(
    filename: str, competency: Competency, entry: dict[str, Any], found: SpanishText
) -> None:
    where = f"competencies.{competency.id}"
    if "title" in entry:
        found.competency_titles[competency.id] = entry["title"]
    if "summary" in entry:
        if not competency.summary:
            raise FrameworkDataError(filename, f"{where}.summary", "the English has no summary")
        found.summaries[competency.id] = entry["summary"]
    for name in (*STATEMENT_LETTERS, "topics"):
        if name not in entry:
            continue
        english = _english_list(competency, name)
        if len(entry[name]) != len(english):
            raise FrameworkDataError(
                filename,
                f"{where}.{name}",
                f"{len(entry[name])} entries, but the English has {len(english)}: "
                "translate every one, in the same order",
            )
        if name == "topics":
            found.topics[competency.id] = tuple(entry[name])
            continue
        letter = STATEMENT_LETTERS[name]
        for index, text in enumerate(entry[name], start=1):
            found.statements[f"{competency.id}.{letter}{index}"] = text
    ksas = {s.id for s in competency.statements_of("ksa")}
    for ksa_id, text in (entry.get("ksas") or {}).items():
        if ksa_id not in ksas:
            raise FrameworkDataError(
                filename, f"{where}.ksas.{ksa_id}", f"unknown identifier {ksa_id!r}"
            )
        found.statements[ksa_id] = text


def load_spanish(catalog: Catalog, directory: str | Path | None = None) -> SpanishText:
    """The Spanish text under ``directory``/es, checked against ``catalog`` (the English)."""
    folder = (Path(directory) if directory else DEFAULT_DIR) / FOLDER
    if not folder.is_dir():
        return SpanishText()
    found = SpanishText(crosswalks=load_spanish_crosswalks(catalog, folder))
    for path in sorted(folder.glob("*.yaml")):
        if path.stem == CROSSWALKS:
            continue
        if path.stem not in catalog.frameworks:
            raise FrameworkDataError(
                f"{FOLDER}/{path.name}", "", f"no framework is called {path.stem!r}"
            )
        _read_file(path, catalog.framework(path.stem), found)
    return found


def _competency_in_spanish(
    competency: Competency, spanish: SpanishText, terms: CompetencyTerms | None
) -> Competency:
    es_title = terms.es_title if terms else ""
    statements = tuple(
        replace(s, text=spanish.statements.get(s.id, s.text)) for s in competency.statements
    )
    return replace(
        competency,
        title=spanish.competency_titles.get(competency.id) or es_title or competency.title,
        short_title=(terms.es_short if terms else "") or competency.short_title,
        summary=spanish.summaries.get(competency.id, competency.summary),
        statements=statements,
        topics=spanish.topics.get(competency.id, competency.topics),
    )


def in_spanish(catalog: Catalog, spanish: SpanishText) -> Catalog:
    """A copy of ``catalog`` with every text that has Spanish in Spanish (the rest in English).

    Competency titles come from the Spanish file, else from terms.yaml's Spanish title; the
    links' reasons from es/crosswalks.yaml."""
    frameworks = {}
    for framework in catalog.frameworks.values():
        competencies = tuple(
            _competency_in_spanish(c, spanish, catalog.terms.get(c.id))
            for c in framework.competencies
        )
        phases = tuple(
            Phase(
                id=p.id,
                title=spanish.phase_titles.get(f"{framework.id}:{p.id}", p.title),
                competencies=p.competencies,
            )
            for p in framework.phases
        )
        frameworks[framework.id] = replace(
            framework,
            title=spanish.framework_titles.get(framework.id, framework.title),
            competencies=competencies,
            phases=phases,
        )
    # The rest as it is; the lookups by identifier are built again, from the Spanish frameworks.
    translated = replace(catalog, frameworks=frameworks, _competencies={}, _statements={})
    return crosswalks_in_spanish(translated, spanish.crosswalks)


def untranslated(catalog: Catalog, spanish: SpanishText) -> list[str]:
    """What has no Spanish yet: framework and phase titles, competency titles, summaries,
    statements (by id) and topic lists (``<competency>.topics``)."""
    missing: list[str] = []
    for framework in catalog.frameworks.values():
        if framework.id not in spanish.framework_titles:
            missing.append(framework.id)
        missing += [
            f"{framework.id}:{p.id}"
            for p in framework.phases
            if f"{framework.id}:{p.id}" not in spanish.phase_titles
        ]
        for competency in framework.competencies:
            terms = catalog.terms.get(competency.id)
            if competency.id not in spanish.competency_titles and not (terms and terms.es_title):
                missing.append(competency.id)
            if competency.summary and competency.id not in spanish.summaries:
                missing.append(f"{competency.id}.summary")
            missing += [s.id for s in competency.statements if s.id not in spanish.statements]
            if competency.topics and competency.id not in spanish.topics:
                missing.append(f"{competency.id}.topics")
    return missing


def _spanish_words(competency: Competency, text: SpanishText) -> str:
    """The Spanish summary, statements and topics of a competency, in one string."""
    parts = [text.summaries.get(competency.id, "")]
    parts += [text.statements[s.id] for s in competency.statements if s.id in text.statements]
    parts += text.topics.get(competency.id, ())
    return " ".join(p for p in parts if p)


@dataclass(frozen=True)
class SpanishFrameworks:
    """Everything the Spanish pages read: the text, the catalog and graph in Spanish, and the
    Spanish words of each competency for the search."""

    text: SpanishText
    catalog: Catalog
    graph: nx.MultiDiGraph
    words: dict[str, str]  # competency id -> its Spanish summary, statements and topics


def spanish_frameworks(catalog: Catalog, directory: str | Path | None = None) -> SpanishFrameworks:
    text = load_spanish(catalog, directory)
    translated = in_spanish(catalog, text)
    words = {c.id: _spanish_words(c, text) for c in catalog.all_competencies()}
    return SpanishFrameworks(text, translated, build_graph(translated), words)


@lru_cache(maxsize=4)
def cached_spanish(directory: str | None = None) -> SpanishFrameworks:
    """The Spanish frameworks of ``directory``, loaded once per process."""
    return spanish_frameworks(cached_catalog(directory), directory)
