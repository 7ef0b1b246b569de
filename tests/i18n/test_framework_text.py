"""The framework pages in Spanish: statements, topics and phases from competencies/es, with the
note that no person has reviewed the translation yet; English pages unchanged."""

from __future__ import annotations

import pytest

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
