"""The frameworks as one networkx MultiDiGraph with typed nodes and typed edges (pure)."""

from __future__ import annotations

from functools import lru_cache

import networkx as nx

from app.framework.loader import cached_catalog
from app.framework.models import Catalog

# Node types
FRAMEWORK, PHASE, COMPETENCY, STATEMENT, TOPIC, EXAM_DOMAIN, EXAM_KSA = (
    "framework",
    "phase",
    "competency",
    "statement",
    "topic",
    "exam_domain",
    "exam_ksa",
)
# Edge types
PART_OF = "part-of"
CROSSWALK = "crosswalk"  # carries link_type (builds-on, same-as, related, feeds) and provenance


def build_graph(catalog: Catalog) -> nx.MultiDiGraph:
    """Every framework, competency, statement and topic as nodes; part-of and crosswalk edges."""
    graph = nx.MultiDiGraph()
    for framework in catalog.frameworks.values():
        graph.add_node(framework.id, type=FRAMEWORK, label=framework.title, kind=framework.kind)
        for phase in framework.phases:
            phase_node = f"{framework.id}:{phase.id}"
            graph.add_node(phase_node, type=PHASE, label=phase.title, framework=framework.id)
            graph.add_edge(phase_node, framework.id, type=PART_OF)
        for competency in framework.competencies:
            node_type = EXAM_DOMAIN if framework.kind == "exam" else COMPETENCY
            graph.add_node(
                competency.id,
                type=node_type,
                label=competency.title,
                framework=framework.id,
                number=competency.number,
            )
            parent = f"{framework.id}:{competency.phase}" if competency.phase else framework.id
            graph.add_edge(competency.id, parent, type=PART_OF)
            for statement in competency.statements:
                statement_type = EXAM_KSA if statement.kind == "ksa" else STATEMENT
                graph.add_node(
                    statement.id,
                    type=statement_type,
                    label=statement.text,
                    kind=statement.kind,
                    framework=framework.id,
                    competency=competency.id,
                    items=statement.items,
                )
                graph.add_edge(statement.id, competency.id, type=PART_OF)
            for index, topic in enumerate(competency.topics, start=1):
                topic_node = f"{competency.id}.topic{index}"
                graph.add_node(
                    topic_node,
                    type=TOPIC,
                    label=topic,
                    framework=framework.id,
                    competency=competency.id,
                )
                graph.add_edge(topic_node, competency.id, type=PART_OF)
    for link in catalog.links:
        graph.add_edge(
            link.source,
            link.target,
            type=CROSSWALK,
            link_type=link.type,
            provenance=link.provenance,
            seed=link.seed,
            section=link.section,
            evidence=link.evidence,
        )
    return graph


@lru_cache(maxsize=4)
def cached_graph(directory: str | None = None) -> nx.MultiDiGraph:
    """The graph of the catalog in ``directory``, built once per process."""
    return build_graph(cached_catalog(directory))
