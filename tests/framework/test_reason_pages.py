"""Every page that shows why a crosswalk link exists says it in the page's language: the graph
page's "Reason" column, a competency's links and "no additional" rows, and the path page."""

from __future__ import annotations

import pytest

SPANISH = {"Accept-Language": "es"}

# (page, a reason in English, the same reason in Spanish), as the page shows them (quotes escaped).
PAGES = [
    ("/graph?left=justice&right=core", "Beside core competency", "Junto a la competencia básica"),
    (
        "/graph?left=pcfm&right=core",
        "App. H assigns the skill",
        "el App. H asigna a esta competencia la habilidad",
    ),
    (
        "/graph?left=core&right=exam",
        "Not mapped by the Guidelines; derived from a shared subject",
        "Las Pautas no lo establecen; se deriva de un tema común",
    ),
    (
        "/competencies/justice-1",
        "the right column is headed",
        "la columna de la derecha lleva el encabezado",
    ),
    ("/competencies/core-7", "the right column says", "la columna de la derecha dice"),
    ("/competencies/crisis-4", "The crisis title adds", "El título de crisis añade"),
    (
        "/graph/path?source=justice-1&target=core-1",
        "the right column is headed",
        "la columna de la derecha lleva el encabezado",
    ),
]


@pytest.mark.parametrize(("url", "english", "spanish"), PAGES)
def test_a_spanish_page_gives_the_spanish_reason(client, url, english, spanish):
    page = client.get(url, headers=SPANISH).get_data(as_text=True)
    assert spanish in page
    assert english not in page


@pytest.mark.parametrize(("url", "english", "spanish"), PAGES)
def test_an_english_page_keeps_the_english_reason(client, url, english, spanish):
    page = client.get(url).get_data(as_text=True)
    assert english in page
    assert spanish not in page


def test_the_spanish_reasons_hide_line_numbers_as_the_english_do(client):
    page = client.get("/competencies/core-7", headers=SPANISH).get_data(as_text=True)
    assert "línea" not in page
    assert "No additional information is identified in this section." in page


def test_the_path_page_names_the_link_and_its_provenance_in_spanish(client):
    url = "/graph/path?source=justice-1&target=core-1"
    spanish = client.get(url, headers=SPANISH).get_data(as_text=True)
    english = client.get(url).get_data(as_text=True)
    assert "<strong>se basa en</strong>" in spanish and 'tag-stated">indicado<' in spanish
    assert "<strong>builds on</strong>" in english and 'tag-stated">stated<' in english


def test_a_competency_page_names_each_links_provenance_in_spanish(client):
    spanish = client.get("/competencies/pcfm-1", headers=SPANISH).get_data(as_text=True)
    assert 'tag-derived">derivado<' in spanish and 'tag-derived">derived<' not in spanish


def test_a_competency_page_says_each_link_in_the_pages_language(client):
    """justice-1 builds on core-1: the link reads as a sentence in either language."""
    spanish = client.get("/competencies/justice-1", headers=SPANISH).get_data(as_text=True)
    english = client.get("/competencies/justice-1").get_data(as_text=True)
    assert "esta competencia se basa en core-1" in spanish and "builds-on" not in spanish
    assert "this competency builds on core-1" in english
    incoming = client.get("/competencies/core-1", headers=SPANISH).get_data(as_text=True)
    assert "justice-1 se basa en esta competencia" in incoming
