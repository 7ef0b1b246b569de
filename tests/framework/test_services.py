"""Graph queries a reviewer relies on."""

from __future__ import annotations

import itertools

import pytest

from app.framework import services
from app.framework.graph import COMPETENCY, CROSSWALK, EXAM_KSA, build_graph


@pytest.fixture(scope="module")
def graph(catalog):
    return build_graph(catalog)


def test_nodes_and_edges_are_typed(graph, catalog):
    assert graph.nodes["core-6"]["type"] == COMPETENCY
    assert graph.nodes["exam-1.1"]["type"] == EXAM_KSA
    assert graph.nodes["crisis-1.k1"]["competency"] == "crisis-1"
    crosswalks = [d for _, _, d in graph.edges(data=True) if d["type"] == CROSSWALK]
    assert len(crosswalks) == len(catalog.links)
    assert {d["provenance"] for d in crosswalks} == {"stated", "derived"}


def test_related_lists_both_directions_with_provenance(graph):
    relations = services.related(graph, "core-1")
    justice = [r for r in relations if r.other == "justice-1"]
    assert justice and justice[0].provenance == "stated" and justice[0].direction == "incoming"
    assert justice[0].seed.startswith("000_")
    assert "justice-1" in services.related_competency_ids(graph, "core-1")
    assert all(not r.startswith("exam-") for r in services.related_competency_ids(graph, "core-1"))


def test_core_foundations_of_a_specialization(graph):
    foundations = services.core_foundations(graph, "justice")
    assert "core-1" in foundations and "core-13" in foundations
    assert "core-7" not in foundations  # JI-LA: no additional information for group facilitation
    assert list(foundations) == sorted(foundations, key=lambda c: int(c.split("-")[1]))


def test_core_without_counterpart(graph):
    everywhere = services.core_without_counterpart(graph)
    assert "core-7" in everywhere and "core-17" in everywhere
    assert "core-10" not in everywhere  # crisis and unhoused repeat Conflict Resolution
    assert "core-10" in services.core_without_counterpart(graph, "justice")


def test_path_between_competencies(graph):
    steps = services.path(graph, "crisis-6", "unhoused-7")
    assert steps[0].source == "crisis-6" and steps[-1].target == "unhoused-7"
    assert len(steps) == 1 and steps[0].edge_type == "same-as"
    longer = services.path(graph, "crisis-6", "justice-9")
    assert next(s.source for s in longer) == "crisis-6" and longer[-1].target == "justice-9"
    for a, b in itertools.pairwise(longer):
        assert a.target == b.source
    with pytest.raises(KeyError):
        services.path(graph, "core-1", "core-99")


def test_exam_items_a_competency_feeds(graph):
    items = services.exam_items(graph, "core-16")
    assert items == [("exam-1.3", items[0][1], 3)]


def test_search_finds_statements_and_ranks_titles(graph):
    hits = services.search(graph, "trauma informed")
    assert hits and all("trauma" in h.text.lower() for h in hits)
    assert any(h.node == "core-6" for h in hits[:5])
    assert services.search(graph, "   ") == []
    assert services.search(graph, "zzzqqq") == []


def test_crosswalk_path_walks_links_either_way_and_prefers_stated(graph):
    from app.framework.services import crosswalk_path

    steps = crosswalk_path(graph, "pcfm-3", "justice-6")
    assert steps[0].source == "pcfm-3" and steps[-1].target == "justice-6"
    for before, after in itertools.pairwise(steps):
        assert before.target == after.source
    # justice-2 builds on core-2 (stated) and repeats its name (derived): the stated link is shown.
    (only,) = crosswalk_path(graph, "core-2", "justice-2")
    assert (only.link_type, only.provenance, only.forward) == ("builds-on", "stated", False)
    assert crosswalk_path(graph, "pcfm-1", "justice-1") == []
    assert crosswalk_path(graph, "core-1", "core-1") == []
    with pytest.raises(KeyError):
        crosswalk_path(graph, "core-1", "core-99")
