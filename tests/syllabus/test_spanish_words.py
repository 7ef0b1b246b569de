"""Spanish course plans are read through plain Spanish words, and Spanish function words are no evidence."""

from __future__ import annotations

from app.framework.loader import cached_catalog
from app.syllabus.suggest import suggester_for, terms


def _best(text: str, framework: str) -> str:
    return suggester_for(cached_catalog()).suggest(text, (framework,), limit=1)[0].id


def test_spanish_function_words_are_not_terms():
    assert terms("Cómo hablar de lo que pasó con las personas después") == ["hablar", "paso"]


def test_plain_spanish_words_point_to_their_competency():
    assert _best("Cuidarse a uno mismo y prevenir el agotamiento", "core") == "core-8"
    assert _best("Los derechos de quien sale de la cárcel y la ayuda legal", "justice") == (
        "justice-2"
    )
    assert _best("Cómo desescalar una situación tensa a tiempo", "crisis") == "crisis-2"
