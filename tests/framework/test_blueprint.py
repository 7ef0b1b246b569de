"""Exam-blueprint coverage of a core syllabus: information by domain, never a verdict."""

from __future__ import annotations

from types import SimpleNamespace

import networkx as nx

from app.framework.blueprint import blueprint_coverage, program_of, sessions_of
from app.framework.graph import cached_graph
from app.framework.services import exam_items


def _fed_domains(graph, competency_id):
    return {ksa.split(".")[0] for ksa, _, _ in exam_items(graph, competency_id)}


def test_a_session_counts_for_the_domains_its_competencies_feed():
    graph = cached_graph()
    fed = _fed_domains(graph, "core-11")
    assert fed  # the data links core-11 (ethics) to the exam
    coverage = blueprint_coverage("core", [(["core-11"], 4.0), ([], 2.0)], graph)
    assert [d.domain_id for d in coverage.domains] == [f"exam-{n}" for n in range(1, 9)]
    assert sum(d.items for d in coverage.domains) == 100  # App. G: 100 items
    assert coverage.total_hours == 6.0
    for domain in coverage.domains:
        prepared = domain.domain_id in fed
        assert domain.sessions == (1 if prepared else 0)
        assert domain.hours == (4.0 if prepared else 0.0)
        assert domain.hours_percent == (round(100 * 4 / 6, 1) if prepared else 0.0)
        assert (domain.ksas_reached > 0) == prepared
        assert domain.ksas_reached <= domain.ksas


def test_every_core_competency_reaches_every_statement_it_feeds():
    graph = cached_graph()
    every = [f"core-{n}" for n in range(1, 18)]
    coverage = blueprint_coverage("core", [(every, 80.0)], graph)
    reached = sum(d.ksas_reached for d in coverage.domains)
    fed = {ksa for c in every for ksa, _, _ in exam_items(graph, c)}
    assert reached == len(fed)


def test_only_core_syllabi_and_only_with_a_blueprint():
    assert blueprint_coverage("crisis", [(["crisis-1"], 40.0)], cached_graph()) is None
    assert blueprint_coverage("core", [(["core-1"], 1.0)], nx.MultiDiGraph()) is None
    empty = blueprint_coverage("core", [], cached_graph())
    assert empty.total_hours == 0 and all(d.hours_percent == 0 for d in empty.domains)


def test_reports_are_read_as_objects_or_stored_dicts():
    stored = {"program": "core", "modules": [{"competencies": ["core-1"], "counted_hours": 2}]}
    assert program_of(stored) == "core"
    assert sessions_of(stored) == [(["core-1"], 2.0)]

    module = SimpleNamespace(competencies=["core-2"], counted_hours=1.5)
    report = SimpleNamespace(program="core", modules=[module])
    assert program_of(report) == "core" and sessions_of(report) == [(["core-2"], 1.5)]
