"""The framework pages in Spanish: statements, topics and phases from competencies/es, with the
note that no person has reviewed the translation yet; English pages unchanged."""

from __future__ import annotations

import pytest
from flask_babel import refresh

from app.framework.exam_info import exam_blueprint

SPANISH = {"Accept-Language": "es"}
ENGLISH = {"Accept-Language": "en"}
NOTE = "Esta traducción al español de las competencias aún no ha sido revisada por una persona."


def _page(client, url, headers):
    response = client.get(url, headers=headers)
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_spanish_competency_page_shows_spanish_statements_and_the_note(client, catalog):
    html = _page(client, "/competencies/crisis-8", SPANISH)
    assert "Llamar de inmediato al 911 ante una emergencia por sobredosis." in html
    assert "Tratamiento asistido con medicamentos" in html  # a possible training
    assert "Apoyo durante una crisis activa" in html  # the phase
    assert catalog.statement("crisis-8.a1").text not in html
    assert NOTE in html
    assert "<h2>Conocimientos</h2>" in html


def test_english_competency_page_is_unchanged(client, catalog):
    html = _page(client, "/competencies/crisis-8", ENGLISH)
    assert catalog.statement("crisis-8.a1").text in html
    assert "Immediately call 911 in an overdose emergency." in html
    assert "Active Crisis Support" in html
    assert "Llamar de inmediato" not in html
    assert NOTE not in html
    assert "<h2>Knowledge</h2>" in html


@pytest.mark.parametrize("url", ["/frameworks", "/frameworks/crisis", "/graph", "/search?q=crisis"])
def test_spanish_framework_pages_carry_the_note_english_ones_do_not(client, url):
    assert NOTE in _page(client, url, SPANISH)
    assert NOTE not in _page(client, url, ENGLISH)


def test_spanish_framework_page_has_spanish_title_and_phases(client):
    html = _page(client, "/frameworks/crisis", SPANISH)
    assert "<h1>Servicios de pares en la atención de crisis</h1>" in html
    assert "<h2>Prevención de crisis</h2>" in html
    english = _page(client, "/frameworks/crisis", ENGLISH)
    assert "<h1>Peer Services in Crisis Care</h1>" in english
    assert "<h2>Prevention of Crisis</h2>" in english


@pytest.mark.parametrize("headers", [SPANISH, ENGLISH])
def test_search_finds_a_competency_by_a_spanish_statement_word(client, headers):
    # "naloxona" is in no title nor term of crisis-8, only in the Spanish of its statements.
    html = _page(client, "/search?q=naloxona", headers)
    assert "/competencies/crisis-8" in html


def test_spanish_search_shows_the_spanish_statement(client):
    html = _page(client, "/search?q=naloxona", SPANISH)
    assert "como la naloxona en caso de sobredosis" in html


def test_english_search_for_an_english_word_is_unchanged(client):
    html = _page(client, "/search?q=naloxone", ENGLISH)
    assert "Naloxone in case of overdose" in html
    assert "/competencies/crisis-8" in html


def test_spanish_exam_pages_show_spanish_domains_and_statements(client, catalog):
    html = _page(client, "/frameworks/exam", SPANISH)
    assert "Responsabilidades administrativas" in html
    assert "<h2>Dominios</h2>" in html
    domain = _page(client, "/competencies/exam-8", SPANISH)
    assert "<h1>8. Manejo de crisis</h1>" in domain
    assert "crisis de salud conductual" in domain
    assert catalog.statement("exam-8.1").text not in domain
    assert "Administrative Responsibilities" in _page(client, "/frameworks/exam", ENGLISH)


def test_spanish_graph_names_frameworks_and_competencies_in_spanish(client, catalog):
    html = _page(client, "/graph?left=crisis&right=core", SPANISH)
    assert "Atención de crisis" in html
    assert catalog.terms["core-1"].es_short in html  # the narrow picture's short name
    assert catalog.terms["core-1"].es_title in html  # the wide picture's full title
    english = _page(client, "/graph?left=crisis&right=core", ENGLISH)
    assert "Crisis Care" in english
    assert catalog.terms["core-1"].es_short not in english


def test_spanish_path_page_lists_competencies_in_spanish(client, catalog):
    html = _page(client, "/graph/path?source=justice-3&target=core-1", SPANISH)
    assert "Personas con antecedentes en el sistema de justicia" in html
    assert f"1. {catalog.terms['core-1'].es_short}</option>" in html
    english = _page(client, "/graph/path?source=justice-3&target=core-1", ENGLISH)
    assert f"1. {catalog.terms['core-1'].short}</option>" in english


def test_exam_blueprint_of_a_report_names_domains_in_the_page_language(app):
    report = {"program": "core", "modules": [{"competencies": ["core-15"], "counted_hours": 2}]}
    with app.test_request_context(headers=SPANISH):
        refresh()
        spanish = [d.title for d in exam_blueprint(report).domains]
    with app.test_request_context(headers=ENGLISH):
        refresh()
        english = [d.title for d in exam_blueprint(report).domains]
    assert spanish[0] == "Responsabilidades administrativas"
    assert english[0] == "Administrative Responsibilities"
