"""Competency titles in Spanish, and the framework search finding Spanish words without accents."""

from __future__ import annotations

import pytest

from app import context
from app.framework import services
from app.i18n.competencies import spanish_names


@pytest.mark.parametrize("query", ["recuperación", "RECUPERACION", "esperanza recuperacion"])
def test_search_finds_the_recovery_competency_by_its_spanish_words(app, query):
    with app.test_request_context():
        hits = services.search(context.graph(), query, other_names=spanish_names)
    assert "core-1" in [h.node for h in hits]


def test_without_spanish_names_the_spanish_word_finds_nothing_in_english_titles(app):
    with app.test_request_context():
        assert services.search(context.graph(), "esperanza") == []


def test_english_search_ignores_accents_too(app):
    with app.test_request_context():
        hits = services.search(context.graph(), "traumá")
    assert "core-6" in [h.node for h in hits]


def test_search_page_in_spanish_shows_spanish_titles(client):
    page = client.get("/search?q=recuperaci%C3%B3n", headers={"Accept-Language": "es"})
    html = page.get_data(as_text=True)
    assert "Los conceptos de esperanza, recuperación y bienestar" in html
    english = client.get("/search?q=recovery", headers={"Accept-Language": "en"})
    assert "The concepts of hope, recovery, and wellness" in english.get_data(as_text=True)


def test_competency_and_framework_pages_use_the_spanish_title(client):
    spanish = {"Accept-Language": "es"}
    competency = client.get("/competencies/core-1", headers=spanish).get_data(as_text=True)
    assert "<h1>1. Los conceptos de esperanza, recuperación y bienestar</h1>" in competency
    framework = client.get("/frameworks/core", headers=spanish).get_data(as_text=True)
    assert "El papel de la defensa de derechos" in framework
