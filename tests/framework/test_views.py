"""Browsing pages: every framework, competency, search and the graph picture."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("framework_id", ["core", "pcfm", "crisis", "unhoused", "justice", "exam"])
def test_framework_pages(client, catalog, framework_id):
    response = client.get(f"/frameworks/{framework_id}")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    for competency in catalog.framework(framework_id).competencies:
        assert f"/competencies/{competency.id}" in page


def test_crisis_page_groups_by_phase(client):
    page = client.get("/frameworks/crisis").get_data(as_text=True)
    headings = [
        "<h2>Prevention of Crisis</h2>",
        "<h2>Active Crisis Support</h2>",
        "<h2>Post-Crisis / Recovery</h2>",
    ]
    positions = [page.index(h) for h in headings]
    assert positions == sorted(positions)


def test_competency_page_shows_statements_topics_and_provenance(client, catalog):
    page = client.get("/competencies/justice-1").get_data(as_text=True)
    competency = catalog.competency("justice-1")
    assert competency.statements[0].text.replace("'", "&#39;") in page
    assert "Possible trainings" in page
    assert "core-1" in page and "stated" in page and "JI-LA comparison table" in page


def test_core_competency_page_lists_exam_items(client):
    page = client.get("/competencies/core-16").get_data(as_text=True)
    assert "exam-1.3" in page


def test_unknown_ids_are_404(client):
    assert client.get("/frameworks/basketry").status_code == 404
    assert client.get("/competencies/core-99").status_code == 404


def test_search_page(client):
    page = client.get("/search?q=naloxone").get_data(as_text=True)
    assert "Naloxone" in page and "/competencies/crisis-8" in page
    assert client.get("/search").status_code == 200


def test_graph_picture_is_accessible_svg_with_table(client, catalog):
    page = client.get("/graph").get_data(as_text=True)
    assert '<svg xmlns="http://www.w3.org/2000/svg"' in page and 'role="group"' in page
    assert '<title id="graph-title">' in page and "<desc" in page
    assert page.count("<tr>") >= len(catalog.links)
