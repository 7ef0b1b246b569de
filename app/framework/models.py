"""The competency frameworks as plain, immutable data (no Flask, no database)."""

from __future__ import annotations

from dataclasses import dataclass, field

# Every framework, in the order they are loaded and listed; each is competencies/<id>.yaml.
FRAMEWORK_IDS = ("core", "pcfm", "crisis", "unhoused", "justice", "exam")


@dataclass(frozen=True)
class Source:
    """Where a piece of data was transcribed from."""

    seed: str
    section: str
    document: str = ""
    notes: str = ""


@dataclass(frozen=True)
class Statement:
    """One knowledge, skill, ability or exam-KSA statement of a competency."""

    id: str  # e.g. "crisis-1.k2", "core-6.s3", "exam-1.1"
    kind: str  # knowledge, skill, ability, theme, example or ksa
    text: str
    items: int | None = None  # exam KSA: number of exam items
    percent: float | None = None  # exam KSA: blueprint percentage


@dataclass(frozen=True)
class Phase:
    id: str
    title: str
    competencies: tuple[str, ...]


@dataclass(frozen=True)
class Competency:
    """A competency (or, for the exam blueprint, a domain)."""

    id: str
    framework: str
    number: int
    title: str
    source: Source
    statements: tuple[Statement, ...] = ()
    topics: tuple[str, ...] = ()
    summary: str = ""
    phase: str | None = None
    items: int | None = None  # exam domain: items in the domain
    weight_percent: float | None = None  # exam domain: printed weight
    short_title: str = ""  # the short name of terms.yaml (exam domains have none)

    @property
    def short_name(self) -> str:
        """The short name for headings, pictures and exports; the title when there is none."""
        return self.short_title or self.title

    def statements_of(self, kind: str) -> tuple[Statement, ...]:
        return tuple(s for s in self.statements if s.kind == kind)


@dataclass(frozen=True)
class Framework:
    id: str
    title: str
    kind: str  # core | specialization | exam
    version: str
    source: Source
    competencies: tuple[Competency, ...]
    phases: tuple[Phase, ...] = ()
    total_items: int | None = None

    def competency_ids(self) -> tuple[str, ...]:
        return tuple(c.id for c in self.competencies)


@dataclass(frozen=True)
class Link:
    """A typed relationship between two competencies (or a competency and an exam KSA)."""

    source: str
    target: str
    type: str  # builds-on | same-as | related | feeds
    provenance: str  # stated | derived
    seed: str
    section: str
    evidence: str


@dataclass(frozen=True)
class NoAdditional:
    """A seed's statement that a specialization adds nothing to a core competency."""

    competency: str
    framework: str
    seed: str
    section: str
    evidence: str


@dataclass(frozen=True)
class LawEthicsTopic:
    id: str
    title: str
    keywords: tuple[str, ...] = ()


@dataclass(frozen=True)
class CompetencyTerms:
    """Names a syllabus may use for a competency: a short name, aliases, and the Spanish ones."""

    id: str
    short: str
    aliases: tuple[str, ...] = ()
    es_title: str = ""
    es_short: str = ""
    es_terms: tuple[str, ...] = ()

    def phrases(self) -> tuple[str, ...]:
        """Every name a syllabus may write for this competency, in English or Spanish."""
        return tuple(p for p in (self.short, *self.aliases, self.es_title, self.es_short) if p)


@dataclass(frozen=True)
class Catalog:
    """Every framework, crosswalk and CE topic, with lookups by identifier."""

    frameworks: dict[str, Framework]
    links: tuple[Link, ...] = ()
    no_additional: tuple[NoAdditional, ...] = ()
    law_ethics_topics: tuple[LawEthicsTopic, ...] = ()
    law_ethics_source: Source | None = None
    crosswalk_version: str = ""
    crosswalk_notes: tuple[str, ...] = ()
    terms: dict[str, CompetencyTerms] = field(default_factory=dict)
    terms_source: dict[str, str] = field(default_factory=dict)
    _competencies: dict[str, Competency] = field(default_factory=dict, repr=False)
    _statements: dict[str, Statement] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        for framework in self.frameworks.values():
            for competency in framework.competencies:
                self._competencies[competency.id] = competency
                for statement in competency.statements:
                    self._statements[statement.id] = statement

    def framework(self, framework_id: str) -> Framework:
        """The framework ``framework_id``; KeyError when unknown."""
        return self.frameworks[framework_id]

    def competency(self, competency_id: str) -> Competency:
        """The competency or exam domain ``competency_id``; KeyError when unknown."""
        return self._competencies[competency_id]

    def statement(self, statement_id: str) -> Statement:
        return self._statements[statement_id]

    def has(self, identifier: str) -> bool:
        return identifier in self._competencies or identifier in self._statements

    def all_competencies(self) -> tuple[Competency, ...]:
        return tuple(self._competencies.values())
