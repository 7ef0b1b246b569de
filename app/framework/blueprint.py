"""Which exam-blueprint domains (App. G) a core syllabus's sessions prepare for (pure).

Information, never a verdict: the Guidelines say the core training prepares for the exam's
areas (§301.1.A) but set no share of hours per domain, so this makes no finding and no pass or
fail. A session prepares for a domain when a competency it covers feeds one of the domain's KSA
statements in the framework graph (the ``feeds`` links of crosswalks.yaml).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import networkx as nx

from app.framework.graph import CROSSWALK, EXAM_DOMAIN, EXAM_KSA, PART_OF

CITATION = "§301.1.A; App. G"
BLUEPRINT_PROGRAMS = frozenset({"core"})


@dataclass(frozen=True)
class DomainCoverage:
    domain_id: str  # exam-1 … exam-8
    number: int
    title: str
    items: int  # the domain's exam items (of the blueprint's total)
    weight_percent: float  # items as a share of all items
    ksas: int  # KSA statements in the domain
    ksas_reached: int  # of them, fed by a competency the syllabus covers
    hours: float  # counted hours of the sessions that prepare for the domain
    hours_percent: float  # those hours as a share of the syllabus's counted hours
    sessions: int  # how many sessions prepare for the domain


@dataclass(frozen=True)
class BlueprintCoverage:
    domains: list[DomainCoverage]
    total_hours: float
    citation: str = CITATION


def _domains(graph: nx.MultiDiGraph) -> list[str]:
    found = [node for node, data in graph.nodes(data=True) if data.get("type") == EXAM_DOMAIN]
    return sorted(found, key=lambda node: graph.nodes[node].get("number", 0))


def _ksa_domain(graph: nx.MultiDiGraph) -> dict[str, str]:
    """KSA id -> its domain id."""
    found = {}
    for source, target, data in graph.edges(data=True):
        if data.get("type") == PART_OF and graph.nodes[source].get("type") == EXAM_KSA:
            found[source] = target
    return found


def _fed_by(graph: nx.MultiDiGraph) -> dict[str, set[str]]:
    """Competency id -> the KSA statements it feeds."""
    found: dict[str, set[str]] = {}
    for source, target, data in graph.edges(data=True):
        if (
            data.get("type") == CROSSWALK
            and data.get("link_type") == "feeds"
            and graph.nodes[target].get("type") == EXAM_KSA
        ):
            found.setdefault(source, set()).add(target)
    return found


@lru_cache(maxsize=8)
def _index(graph: nx.MultiDiGraph):
    """The blueprint's parts, read from the graph once per graph (the app builds one per process)."""
    domains = _domains(graph)
    ksa_domain = _ksa_domain(graph)
    items = dict.fromkeys(domains, 0)
    ksas = dict.fromkeys(domains, 0)
    for ksa, domain in ksa_domain.items():
        if domain in items:
            items[domain] += int(graph.nodes[ksa].get("items") or 0)
            ksas[domain] += 1
    return domains, ksa_domain, _fed_by(graph), items, ksas


def sessions_of(report: Any) -> list[tuple[Sequence[str], float]]:
    """(competencies, counted hours) of each session of a report, as a ``CheckReport`` or as
    the dict it is stored as."""
    if isinstance(report, dict):
        return [
            (m.get("competencies") or [], float(m.get("counted_hours") or 0))
            for m in report.get("modules") or []
        ]
    return [(m.competencies or [], float(m.counted_hours or 0)) for m in report.modules]


def program_of(report: Any) -> str | None:
    return report.get("program") if isinstance(report, dict) else getattr(report, "program", None)


def blueprint_coverage(
    program: str | None,
    modules: Iterable[tuple[Sequence[str], float]],
    graph: nx.MultiDiGraph,
) -> BlueprintCoverage | None:
    """The exam domains a checked syllabus's sessions (``modules``, each: competencies covered, counted
    hours) prepare for, by weight; None for programs other than the core training, or when the
    graph has no blueprint."""
    if program not in BLUEPRINT_PROGRAMS:
        return None
    domains, ksa_domain, fed_by, items, ksas = _index(graph)
    if not domains:
        return None
    total_items = sum(items.values()) or 1
    reached: dict[str, set[str]] = {d: set() for d in domains}
    hours = dict.fromkeys(domains, 0.0)
    sessions = dict.fromkeys(domains, 0)
    total_hours = 0.0
    for competencies, counted in modules:
        total_hours += counted
        fed = set().union(*(fed_by.get(c, set()) for c in competencies))
        touched = {ksa_domain[k] for k in fed if k in ksa_domain}
        for domain in touched & set(domains):
            reached[domain] |= {k for k in fed if ksa_domain.get(k) == domain}
            hours[domain] += counted
            sessions[domain] += 1
    return BlueprintCoverage(
        domains=[
            DomainCoverage(
                domain_id=d,
                number=int(graph.nodes[d].get("number") or 0),
                title=str(graph.nodes[d].get("label") or d),
                items=items[d],
                weight_percent=round(100 * items[d] / total_items, 1),
                ksas=ksas[d],
                ksas_reached=len(reached[d]),
                hours=round(hours[d], 2),
                hours_percent=round(100 * hours[d] / total_hours, 1) if total_hours else 0.0,
                sessions=sessions[d],
            )
            for d in domains
        ],
        total_hours=round(total_hours, 2),
    )
