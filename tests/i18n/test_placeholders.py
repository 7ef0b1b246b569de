"""Every named value a template's marked text asks for is given to it: a missing one fails the
page (KeyError) only in the language and branch that shows it."""

from __future__ import annotations

import re
from pathlib import Path

from jinja2 import Environment, nodes

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
PLACEHOLDER = re.compile(r"%\((\w+)\)s")


def missing_values(source: str) -> list[tuple[int, list[str]]]:
    """(line, names) of each _()/gettext/ngettext call in ``source`` lacking a named value."""
    tree = Environment(extensions=["jinja2.ext.i18n"], autoescape=True).parse(source)
    found = []
    for call in tree.find_all(nodes.Call):
        name = getattr(call.node, "name", "")
        if name not in ("_", "gettext", "ngettext") or not call.args:
            continue
        texts = [a.value for a in call.args[:2] if isinstance(a, nodes.Const)]
        wanted = {p for text in texts if isinstance(text, str) for p in PLACEHOLDER.findall(text)}
        if name == "ngettext":
            wanted.discard("num")  # given by the count itself
        lacking = sorted(wanted - {k.key for k in call.kwargs})
        if lacking and call.dyn_kwargs is None:
            found.append((call.lineno, lacking))
    return found


def test_the_checker_finds_a_missing_value():
    assert missing_values('{{ _("Version %(number)s of %(title)s", title=t) }}') == [
        (1, ["number"])
    ]
    assert missing_values('{{ _("Version %(number)s", number=n) }}') == []


def test_every_marked_text_in_the_templates_gets_its_values():
    problems = {
        str(path.relative_to(TEMPLATES)): missing
        for path in sorted(TEMPLATES.rglob("*.html"))
        if (missing := missing_values(path.read_text(encoding="utf-8")))
    }
    assert problems == {}
