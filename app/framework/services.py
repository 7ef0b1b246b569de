"""Questions a reviewer asks of the frameworks, answered from the graph (pure)."""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass

import networkx as nx

from app.framework.graph import COMPETENCY, CROSSWALK, EXAM_KSA, STATEMENT, TOPIC
from app.policy import SPECIALIZATIONS
from app.textfold import fold


@dataclass(frozen=True)
class Relation:
    """A crosswalk seen from one competency: the other end and where the link comes from."""

    other: str
    other_title: str
    other_framework: str
    link_type: str
    direction: str  # "outgoing" (this -> other) or "incoming"
    provenance: str
    seed: str
    section: str
    evidence: str


@dataclass(frozen=True)
class PathStep:
    source: str
    target: str
    edge_type: str  # part-of, or the crosswalk's link type


@dataclass(frozen=True)
class SearchHit:
    node: str
    node_type: str
    text: str
    competency: str
    framework: str
    score: float


def related(graph: nx.MultiDiGraph, competency_id: str) -> list[Relation]:
    """Every crosswalk touching ``competency_id``, both directions, with provenance."""
    if competency_id not in graph:
        raise KeyError(competency_id)
    relations = []
    for _, other, data in graph.out_edges(competency_id, data=True):
        if data["type"] == CROSSWALK:
            relations.append(_relation(graph, other, data, "outgoing"))
    for other, _, data in graph.in_edges(competency_id, data=True):
        if data["type"] == CROSSWALK:
            relations.append(_relation(graph, other, data, "incoming"))
    return sorted(
        relations, key=lambda r: (r.other_framework, graph.nodes[r.other].get("number", 0), r.other)
    )


def _relation(graph, other, data, direction) -> Relation:
    node = graph.nodes[other]
    framework = node.get("framework", "")
    return Relation(
        other=other,
        other_title=node.get("label", other),
        other_framework=framework,
        link_type=data["link_type"],
        direction=direction,
        provenance=data["provenance"],
        seed=data["seed"],
        section=data["section"],
        evidence=data["evidence"],
    )


def related_competency_ids(graph: nx.MultiDiGraph, competency_id: str) -> list[str]:
    """Competencies of other frameworks linked to ``competency_id`` (exam KSAs excluded)."""
    own = graph.nodes[competency_id].get("framework")
    seen: dict[str, None] = {}
    for relation in related(graph, competency_id):
        if (
            relation.other_framework not in (own, "exam")
            and graph.nodes[relation.other]["type"] == COMPETENCY
        ):
            seen.setdefault(relation.other)
    return list(seen)


def core_foundations(graph: nx.MultiDiGraph, framework_id: str) -> dict[str, list[Relation]]:
    """Core competencies a specialization builds on, each with the links that show it.

    A stated builds-on link and a name repetition (same-as) both count.
    """
    result: dict[str, list[Relation]] = {}
    for node, data in graph.nodes(data=True):
        if data.get("framework") != framework_id or data["type"] != COMPETENCY:
            continue
        for relation in related(graph, node):
            if relation.other_framework == "core" and relation.link_type in (
                "builds-on",
                "same-as",
            ):
                result.setdefault(relation.other, []).append(relation)
    return dict(sorted(result.items(), key=lambda item: graph.nodes[item[0]]["number"]))


def core_without_counterpart(graph: nx.MultiDiGraph, framework_id: str | None = None) -> list[str]:
    """Core competencies with no specialization counterpart (in one framework, or in any)."""
    frameworks = (framework_id,) if framework_id else SPECIALIZATIONS
    linked = set()
    for framework in frameworks:
        linked |= set(core_foundations(graph, framework))
    core = [
        n
        for n, d in graph.nodes(data=True)
        if d.get("framework") == "core" and d["type"] == COMPETENCY
    ]
    return sorted((c for c in core if c not in linked), key=lambda c: graph.nodes[c]["number"])


def path(graph: nx.MultiDiGraph, source: str, target: str) -> list[PathStep]:
    """A shortest path between two nodes through any edges, ignoring direction; [] when none."""
    for node in (source, target):
        if node not in graph:
            raise KeyError(node)
    undirected = nx.Graph()
    for a, b, data in graph.edges(data=True):
        edge_type = data.get("link_type", data["type"])
        # Prefer crosswalk edges over part-of when both join the same pair.
        if not undirected.has_edge(a, b) or data["type"] == CROSSWALK:
            undirected.add_edge(a, b, edge_type=edge_type)
    try:
        nodes = nx.shortest_path(undirected, source, target)
    except nx.NetworkXNoPath:
        return []
    return [
        PathStep(a, b, undirected.edges[a, b]["edge_type"]) for a, b in itertools.pairwise(nodes)
    ]


def exam_items(graph: nx.MultiDiGraph, competency_id: str) -> list[tuple[str, str, int]]:
    """Exam blueprint KSAs the competency feeds: (KSA id, text, items)."""
    found = []
    for relation in related(graph, competency_id):
        if relation.link_type == "feeds" and graph.nodes[relation.other]["type"] == EXAM_KSA:
            found.append(relation.other)
    return [
        (k, graph.nodes[k]["label"], _ksa_items(graph, k)) for k in sorted(set(found), key=_ksa_key)
    ]


def _ksa_key(ksa_id: str) -> tuple[int, int]:
    domain, number = ksa_id.removeprefix("exam-").split(".")
    return int(domain), int(number)


def _ksa_items(graph, ksa_id) -> int:
    return graph.nodes[ksa_id].get("items", 0)


WORD = re.compile(r"[a-z0-9]+")


def search(
    graph: nx.MultiDiGraph,
    text: str,
    *,
    limit: int = 50,
    other_names: Callable[[str], str] | None = None,
) -> list[SearchHit]:
    """Competencies, statements and topics containing the words of ``text``, best first.

    Accents and case are ignored; ``other_names(competency_id)`` adds a competency's names in
    another language (its Spanish title and terms) to what its title is matched against."""
    words = [w for w in WORD.findall(fold(text)) if len(w) > 1]
    if not words:
        return []
    hits = []
    for node, data in graph.nodes(data=True):
        if data["type"] not in (COMPETENCY, STATEMENT, TOPIC, EXAM_KSA, "exam_domain"):
            continue
        label = data.get("label", "")
        haystack = fold(label)
        if other_names is not None and data["type"] == COMPETENCY:
            haystack += " " + fold(other_names(node))
        tokens = set(WORD.findall(haystack))
        matched = [w for w in words if w in tokens or any(t.startswith(w) for t in tokens)]
        tokens = set(WORD.findall(fold(label)))  # the score weighs the words shown
        if len(matched) < len(words):
            continue
        phrase_bonus = 1.0 if " ".join(words) in haystack else 0.0
        type_bonus = 0.5 if data["type"] in (COMPETENCY, "exam_domain") else 0.0
        score = len(matched) / (1 + len(tokens) / 20) + phrase_bonus + type_bonus
        competency = data.get("competency", node)
        hits.append(
            SearchHit(
                node, data["type"], label, competency, data.get("framework", ""), round(score, 3)
            )
        )
    hits.sort(key=lambda h: (-h.score, h.node))
    return hits[:limit]


@dataclass(frozen=True)
class LinkStep:
    """One crosswalk link walked from ``source`` to ``target`` (``forward``: in its own direction)."""

    source: str
    target: str
    link_type: str
    forward: bool
    provenance: str
    seed: str
    section: str
    evidence: str


def crosswalk_path(graph: nx.MultiDiGraph, source: str, target: str) -> list[LinkStep]:
    """The shortest chain of crosswalk links joining two competencies, either way round; [] when none.

    Only crosswalk links count (not membership of a framework), and a stated link is preferred
    to a derived one between the same two competencies.
    """
    for node in (source, target):
        if node not in graph:
            raise KeyError(node)
    if source == target:
        return []
    links = nx.Graph()
    for a, b, data in graph.edges(data=True):
        if data["type"] != CROSSWALK:
            continue
        known = links.get_edge_data(a, b)
        if known is None or (known["provenance"] == "derived" and data["provenance"] == "stated"):
            links.add_edge(a, b, source=a, **data)
    try:
        nodes = nx.shortest_path(links, source, target)
    except (nx.NetworkXNoPath, nx.NodeNotFound):
        return []
    steps = []
    for a, b in itertools.pairwise(nodes):
        data = links.edges[a, b]
        steps.append(
            LinkStep(
                a,
                b,
                data["link_type"],
                data["source"] == a,
                data["provenance"],
                data["seed"],
                data["section"],
                data["evidence"],
            )
        )
    return steps
