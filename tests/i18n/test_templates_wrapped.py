"""Every visible text in every template is marked for translation with _()."""

from __future__ import annotations

import re
from pathlib import Path

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
# Jinja comments, statements and expressions, scripts, styles, HTML comments and tags: what is
# left between them is the text a person sees.
TAG = r"<[a-zA-Z/!](?:\{\{.*?\}\}|\{%.*?%\}|[^>])*?>"
NOT_TEXT = re.compile(
    r"\{#.*?#\}|\{%.*?%\}|\{\{.*?\}\}|<script\b.*?</script>|<style\b.*?</style>|<!--.*?-->|" + TAG,
    re.S,
)
LETTER = re.compile(r"[^\W\d_]")
VISIBLE_ATTRIBUTE = re.compile(r'\b(?:aria-label|placeholder|title|alt|data-label)="([^"]*)"')
# Text handed to a macro or set in a dict inside {{ }} or {% %}: a hint, a label.
EXPRESSION = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.S)
LITERAL_TEXT = re.compile(r'(?:\bhint=|:\s*)"([A-Z][^"]*\s[^"]*)"')


def unwrapped(source: str) -> list[str]:
    """Text nodes and visible attributes holding letters outside {{ _(...) }}."""
    found = [t.strip() for t in NOT_TEXT.split(source) if LETTER.search(t)]
    for tag in re.findall(TAG, source, re.S):
        plain = re.sub(r"\{\{.*?\}\}|\{%.*?%\}", " ", tag, flags=re.S)
        found += [v for v in VISIBLE_ATTRIBUTE.findall(plain) if LETTER.search(v)]
    for expression in EXPRESSION.findall(source):
        found += LITERAL_TEXT.findall(expression)
    return found


def test_the_checker_finds_plain_text_and_accepts_marked_text():
    assert unwrapped('<p>Hello <a href="{{ u }}">there</a></p>') == ["Hello", "there"]
    assert unwrapped('<nav aria-label="Main"></nav>') == ["Main"]
    assert unwrapped('<p>{{ _("Hello %(n)s", n=name) }} · 12</p>{# note #}') == []
    assert unwrapped("<nav aria-label=\"{{ _('Main') }}\"></nav>") == []
    assert unwrapped('{{ field(f, hint="Up to 2 MB.") }}') == ["Up to 2 MB."]
    assert unwrapped('{% set labels = {"mine": "My items"} %}') == ["My items"]
    assert (
        unwrapped('{{ field(f, hint=_("Up to 2 MB.")) }}{% set l = {"a": _("My items")} %}') == []
    )


def test_every_template_marks_its_visible_text():
    problems = {
        str(path.relative_to(TEMPLATES)): text
        for path in sorted(TEMPLATES.rglob("*.html"))
        if (text := unwrapped(path.read_text(encoding="utf-8")))
    }
    assert problems == {}, 'wrap these in {{ _("…") }}: ' + repr(problems)
