"""Crediting sessions with competencies: what each session of a syllabus covers, how (named in
the syllabus, read from its text, or corrected by the provider), with its evidence and its hours
per competency (pure). The rules in ``app.syllabus.rules`` read what this writes in a ``Check``."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from app.framework.models import Catalog, Framework
from app.messages import Message
from app.policy import Policy, Program, Rule
from app.syllabus.assigning import assign_missing
from app.syllabus.context import in_context, ranked_in_context, ranked_in_phase, topic_heading
from app.syllabus.parser import Module, Syllabus
from app.syllabus.references import NameIndex, numbered, only_numbers
from app.syllabus.report import CompetencyResult, Finding
from app.syllabus.suggest import Suggester


@dataclass
class Credit:
    """The competencies a session is credited with, how, the evidence, and its hours per competency."""

    ids: list[str] = field(default_factory=list)
    source: str = "none"  # declared | inferred | none
    evidence: dict[str, list[str]] = field(default_factory=dict)
    split: dict[str, float] = field(default_factory=dict)
    outside: list[str] = field(default_factory=list)  # named, but of another framework
    unknown: list[str] = field(default_factory=list)  # named, but no such competency
    suggested: list[dict] = field(default_factory=list)
    scores: dict[str, float] = field(default_factory=dict)


@dataclass
class Check:
    """Everything the rules read and write while one syllabus is evaluated."""

    syllabus: Syllabus
    program: Program
    framework: Framework | None
    catalog: Catalog
    policy: Policy
    suggester: Suggester
    names: NameIndex
    required: float | None
    hours_rule: Rule | None
    findings: list[Finding] = field(default_factory=list)
    credits: dict[int, Credit] = field(default_factory=dict)  # id(module) -> credit
    competencies: list[CompetencyResult] = field(default_factory=list)

    @property
    def scope(self) -> tuple[str, ...]:
        return (self.framework.id,) if self.framework else ("core",)

    @property
    def sessions(self) -> list[Module]:
        return self.syllabus.sessions

    @property
    def taught(self) -> list[Module]:
        return [m for m in self.sessions if m.kind == "instruction"]

    @property
    def total(self) -> float:
        return sum(m.counted_hours for m in self.sessions)

    @property
    def hours_citation(self) -> str:
        return self.hours_rule.citation if self.hours_rule else "App. C 4.A"

    def add(self, severity: str, code: str, citation: str, message: str, line=None) -> None:
        self.findings.append(Finding(severity, code, citation, message, line))


# --- crediting sessions with competencies ----------------------------------------------------


def _named(check: Check, module: Module) -> list[str]:
    """Competencies the syllabus itself names for ``module``: identifiers, numbers and titles."""
    framework_id = check.scope[0]
    named = list(module.tags)
    for text in module.references:
        numbers = only_numbers(text)
        if numbers is not None:
            found = [f"{framework_id}-{n}" for n in numbers]
        else:
            found = []
            for item in text.split(";"):
                # Each item of "Competencies covered: …; …" names one competency: by number,
                # identifier or title, or else in words of its own that match one clearly.
                by_name = [*numbered(item, framework_id)]
                by_name += [m.id for m in check.names.find(item, check.scope)]
                found.extend(by_name or _paraphrased(check, item))
        named.extend(i for i in found if i not in named)
    return named


def _paraphrased(check: Check, item: str) -> list[str]:
    """The one competency an item of a competency list describes in other words, if it is clear."""
    if not item.strip():
        return []
    ranked = check.suggester.suggest(item, check.scope, limit=2)
    if not ranked or ranked[0].score < float(check.policy.value("suggest.part_min_score")):
        return []
    lead = ranked[0].score - (ranked[1].score if len(ranked) > 1 else 0.0)
    return [ranked[0].id] if lead >= float(check.policy.value("suggest.part_margin")) else []


def _infer(check: Check, module: Module, credit: Credit) -> None:
    """Credit every competency with strong evidence in a part of the module (title, bullet, sentence)."""
    minimum = float(check.policy.value("suggest.part_min_score"))
    margin = float(check.policy.value("suggest.part_margin"))
    part_hours: dict[str, float] = defaultdict(float)
    # The session's own title is the nearest context ("… before a crisis"), then its headings.
    context = [*module.path, module.title]
    for part in module.parts:
        hits: list[tuple[str, str]] = [
            (in_context(m.id, context, check.catalog), Message("“%(words)s”", words=m.words))
            for m in check.names.find(part.text, check.scope)
        ]
        if not hits:
            ranked = check.suggester.suggest(part.text, check.scope, limit=3)
            ranked = _in_context(check, module, ranked, context)
            if ranked and ranked[0].score >= minimum:
                lead = ranked[0].score - (ranked[1].score if len(ranked) > 1 else 0.0)
                if lead >= margin:
                    # The matched words as a message too, so stored evidence reads in Spanish.
                    words = ", ".join(ranked[0].evidence[:3])
                    hits.append((ranked[0].id, Message("matching words: %(words)s", words=words)))
        for identifier, why in hits:
            if identifier not in credit.ids:
                credit.ids.append(identifier)
            credit.evidence.setdefault(identifier, []).append(
                Message("%(text)s — %(why)s", text=part.text[:80], why=why)
            )
            if part.hours:
                part_hours[identifier] += part.hours / len(hits)
    if not credit.ids:
        ranked = check.suggester.suggest(module.text(), check.scope, limit=3)
        ranked = _in_context(check, module, ranked, context)
        if ranked and ranked[0].score >= float(check.policy.value("suggest.infer_min_score")):
            credit.ids.append(ranked[0].id)
            credit.evidence[ranked[0].id] = [
                Message(
                    "the module as a whole — %(words)s", words=", ".join(ranked[0].evidence[:3])
                )
            ]
    if not credit.ids:
        _from_heading(check, module, credit)
    credit.source = "inferred" if credit.ids else "none"
    if part_hours:
        credit.split = dict(part_hours)


def _in_context(check: Check, module: Module, ranked: list, context: list[str]) -> list:
    """Suggestions with same-titled twins told apart by the title and headings, then those of the
    phase a heading names preferred (a title's "after release" names no phase of the course)."""
    return ranked_in_phase(
        ranked_in_context(ranked, context, check.catalog), module.path, check.catalog
    )


def _from_heading(check: Check, module: Module, credit: Credit) -> None:
    """A session whose own words show nothing, credited by the heading it sits under when that
    heading clearly names one competency ("Unit 3 · Safety, trust and trauma" above a
    "Live, in person: 3 h" line)."""
    heading = topic_heading(module.path, check.framework)
    if heading is None:
        return
    ranked = ranked_in_context(
        check.suggester.suggest(heading, check.scope, limit=3), module.path, check.catalog
    )
    if not ranked or ranked[0].score < float(check.policy.value("suggest.part_min_score")):
        return
    lead = ranked[0].score - (ranked[1].score if len(ranked) > 1 else 0.0)
    if lead < float(check.policy.value("suggest.part_margin")):
        return
    credit.ids.append(ranked[0].id)
    credit.evidence[ranked[0].id] = [
        Message(
            "the heading above the session, “%(heading)s” — %(words)s",
            heading=heading[:80],
            words=", ".join(ranked[0].evidence[:3]),
        )
    ]


def _split(module: Module, credit: Credit) -> dict[str, float]:
    """Hours per competency: the syllabus's split, else the sub-items' hours, else an even split."""
    hours = module.counted_hours
    ids = credit.ids
    if not ids or hours <= 0:
        return {}
    given = {t: h for t, h in module.tag_hours.items() if t in ids} or {
        t: h for t, h in credit.split.items() if t in ids
    }
    if given and sum(given.values()) > hours + 1e-6:
        scale = hours / sum(given.values())
        given = {t: h * scale for t, h in given.items()}
    rest = [t for t in ids if t not in given]
    remaining = max(hours - sum(given.values()), 0.0)
    if rest:
        for tag in rest:
            given[tag] = remaining / len(rest)
    elif remaining > 1e-6 and given:
        scale = hours / sum(given.values())
        given = {t: h * scale for t, h in given.items()}
    return given


def credit_sessions(check: Check) -> None:
    """Credit each session of instruction with the competencies it covers."""
    # A course of continuing education has no framework to cover, but its sessions are still
    # credited with the core competencies they teach (shown, never required).
    crediting = check.framework or check.catalog.framework(check.scope[0])
    in_scope = set(crediting.competency_ids()) if crediting else set()
    for module in check.sessions:
        credit = Credit()
        check.credits[id(module)] = credit
        if module.kind != "instruction":
            continue
        ranked = check.suggester.suggest(module.text(), check.scope, limit=50)
        credit.suggested = [
            {"id": s.id, "score": s.score, "evidence": list(s.evidence)} for s in ranked[:3]
        ]
        credit.scores = {s.id: s.score for s in ranked}
        if crediting is None:
            continue
        named = _named(check, module)
        credit.outside = [i for i in named if i not in in_scope and check.catalog.has(i)]
        credit.unknown = [i for i in named if not check.catalog.has(i)]
        own = [i for i in named if i in in_scope]
        if own:
            credit.ids, credit.source = own, "declared"
            credit.evidence = {i: [Message("named in the syllabus")] for i in own}
        else:
            _infer(check, module, credit)
        _overridden(check, module, credit, in_scope)
        credit.split = _split(module, credit)
    if check.program.id != "refresher":
        assign_missing(check)


def _overridden(check: Check, module: Module, credit: Credit, in_scope: set[str]) -> None:
    """The provider's corrections of this session's competencies (``reading.apply_corrections``)."""
    overrides = getattr(check.syllabus, "credit_overrides", None) or {}
    for identifier, evidence, remove in overrides.get(module.line, ()):
        if remove:
            if identifier in credit.ids:
                credit.ids.remove(identifier)
                credit.evidence.pop(identifier, None)
                credit.split.pop(identifier, None)
            continue
        if identifier not in in_scope or identifier in credit.ids:
            continue
        credit.ids.append(identifier)
        credit.evidence[identifier] = [
            Message("credited by the provider: “%(evidence)s”", evidence=evidence[:200])
            if evidence
            else Message("credited by the provider")
        ]
        if credit.source == "none":
            credit.source = "declared"
    if not credit.ids:
        credit.source = "none"
