"""Browsing pages: every framework, competency, search and the graph picture."""

from __future__ import annotations

import re

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
    assert "core-1" in page and "stated" in page
    assert "Justice-Involved landscape analysis comparison table" in page


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


SEED_WORDS = re.compile(r"\d{3}_[0-9a-f]{16}\.txt|\bseed 00\d|\blines? \d+|README")


def _pages(catalog):
    yield "/frameworks"
    for framework in catalog.frameworks.values():
        yield f"/frameworks/{framework.id}"
        for competency in framework.competencies:
            yield f"/competencies/{competency.id}"
    for left in catalog.frameworks:
        for right in catalog.frameworks:
            if left != right:
                yield f"/graph?left={left}&right={right}"
    yield "/check"
    yield "/help/syllabus-format"


def test_no_page_shows_seed_files_line_numbers_or_readme(client, catalog):
    """People see the Guidelines section or the document's name, never the data's bookkeeping."""
    checked = 0
    for path in _pages(catalog):
        response = client.get(path)
        assert response.status_code == 200, path
        text = re.sub(r"<[^>]+>", " ", response.get_data(as_text=True))
        found = SEED_WORDS.findall(text)
        assert found == [], (path, found[:3])
        checked += 1
    assert checked == 6 + len(catalog.all_competencies()) + 30 + 3


def test_crosswalk_page_shows_a_pair_with_provenance(client, catalog):
    page = client.get("/graph?left=pcfm&right=core").get_data(as_text=True)
    # Two drawings of the same pair (desktop and phone), each a labelled group of links.
    assert page.count('<svg xmlns="http://www.w3.org/2000/svg" class="crosswalk') == 2
    assert 'id="graph-title-w"' in page and 'id="graph-title-n"' in page
    pcfm_core = [
        x for x in catalog.links if x.source.startswith("pcfm") and x.target.startswith("core")
    ]
    assert len(pcfm_core) == 4
    table = page[page.index('<table class="stack links-table">') :]
    assert table.count("<tr>") == 1 + len(pcfm_core)
    assert "derived" in table and "App. H; App. A" in table
    assert "Confidentiality" in table
    assert page.count('class="g-link g-related g-derived"') == 2 * len(pcfm_core)
    for competency in catalog.framework("pcfm").competencies:
        assert f'href="/competencies/{competency.id}"' in page


def test_crosswalk_page_default_and_errors(client):
    page = client.get("/graph").get_data(as_text=True)
    assert "Justice-Involved and Core competencies" in page
    assert client.get("/graph?left=core&right=core").status_code == 400
    assert client.get("/graph?left=basketry").status_code == 404


def test_exam_links_attach_to_their_domain(client, catalog):
    page = client.get("/graph?left=core&right=exam").get_data(as_text=True)
    feeds = [x for x in catalog.links if x.type == "feeds"]
    assert page.count('class="g-link g-feeds g-derived"') == 2 * len(feeds)
    assert "exam-1.1" in page


def test_path_between_two_competencies(client):
    from app.framework.graph import cached_graph
    from app.framework.services import crosswalk_path

    expected = crosswalk_path(cached_graph(None), "pcfm-3", "justice-6")
    page = client.get("/graph/path?source=pcfm-3&target=justice-6").get_data(as_text=True)
    steps = page[page.index('<ol class="path-steps">') : page.index("</ol>")]
    assert steps.count("<li>") == len(expected) >= 2
    for step in expected:
        assert f'href="/competencies/{step.target.split(".")[0]}"' in steps
    assert "derived" in steps and "stated" in steps
    none = client.get("/graph/path?source=pcfm-1&target=justice-1").get_data(as_text=True)
    assert "No chain of crosswalk links joins pcfm-1 and justice-1" in none
    assert client.get("/graph/path?source=pcfm-1&target=nothing").status_code == 400
    assert client.get("/graph/path?source=pcfm-1&target=pcfm-1").status_code == 400
    assert client.get("/graph/path").status_code == 200


def test_syllabus_guide_cites_policy(client):
    page = client.get("/help/syllabus-format").get_data(as_text=True)
    assert "80 (§202.1.G)" in page and "App. C 4.C" in page
    check = client.get("/check").get_data(as_text=True)
    assert 'href="/help/syllabus-format"' in check
