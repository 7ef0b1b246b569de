"""zxcvbn's feedback sentences are listed for the catalogue and shown in the page's language."""

from __future__ import annotations

import ast
from pathlib import Path

import zxcvbn
from flask_babel import refresh

from app.auth.password_feedback import KNOWN, SUGGESTIONS, WARNINGS, sentence, warning
from app.auth.passwords import password_problem
from app.i18n.messages import translated


def zxcvbn_sentences() -> set[str]:
    """Every sentence zxcvbn's feedback module gives, read from its source."""
    source = (Path(zxcvbn.__file__).parent / "feedback.py").read_text(encoding="utf-8")
    return {
        node.args[0].value
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "_"
    }


def test_every_sentence_of_zxcvbn_is_listed():
    listed = {*SUGGESTIONS, *(w + "." for w in WARNINGS)}
    assert listed == zxcvbn_sentences()


def test_an_unknown_sentence_passes_through_as_it_is():
    assert sentence("A sentence zxcvbn may add later.") == "A sentence zxcvbn may add later."
    assert warning("") == ""
    assert warning("Dates are often easy to guess.") in KNOWN


def test_a_spanish_page_shows_the_warning_and_the_hint_in_spanish(app):
    problem = password_problem("aaaaaaaaaaaaaaaa")
    assert 'Repeats like "aaa" are easy to guess' in problem
    with app.test_request_context(headers={"Accept-Language": "es"}):
        refresh()  # the locale of this request, not a cached one
        shown = translated(problem)
    assert 'Las repeticiones como "aaa" son fáciles de adivinar' in shown
    assert "Evite palabras y caracteres repetidos." in shown
    assert "Repeats" not in shown and "Avoid" not in shown
    with app.test_request_context(headers={"Accept-Language": "en"}):
        refresh()  # the locale of this request, not a cached one
        assert translated(problem) == str(problem)
