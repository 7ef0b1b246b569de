"""No English prose built with f-strings in the syllabus checker's texts that pages show.

The reasons, grounds and errors of the modules below reach the check page and a curriculum's
page; they must be ``Message("... %(x)s", x=...)`` so the page shows them in its language. An
f-string whose literal text holds prose (a letter and a space) outside a ``Message(...)`` call is
English that would reach a Spanish page as it is. Form keys such as ``f"hours-{line}"`` hold no
space and pass. The raises of these modules are also held to the services' rule
(tests/i18n/test_service_refusals.py).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.i18n.test_service_refusals import english_refusals

ROOT = Path(__file__).resolve().parents[2]
MODULES = (
    "app/syllabus/correcting.py",
    "app/syllabus/restated.py",
    "app/syllabus/reading_table.py",
    "app/syllabus/readers.py",
    "app/syllabus/errors.py",
    "app/syllabus/reading_file.py",
    "app/syllabus/reading_form.py",
    "app/inbox/services.py",
)


def _is_message(node: ast.AST) -> bool:
    return isinstance(node, ast.Call) and getattr(node.func, "id", None) == "Message"


def prose_fstrings(source: str) -> list[tuple[int, str]]:
    """(line, text) of each f-string with prose in it outside Message(...) calls."""
    found: list[tuple[int, str]] = []

    def visit(node: ast.AST) -> None:
        if _is_message(node):
            return
        if isinstance(node, ast.JoinedStr):
            literal = "".join(part.value for part in node.values if isinstance(part, ast.Constant))
            if " " in literal and any(c.isalpha() for c in literal):
                found.append((node.lineno, ast.unparse(node)))
            return
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(ast.parse(source))
    return found


@pytest.mark.parametrize(
    "source",
    [
        'reason = f"The provider gives this session {hours:g} h."',
        'raise CorrectionError(f"{name}: give the session\'s hours.")',
        'return 0.9, f"a clock range: {text}"',
    ],
)
def test_the_rule_flags_prose_in_fstrings(source):
    assert prose_fstrings(source)


@pytest.mark.parametrize(
    "source",
    [
        'form.get(f"hours-{line}")',
        'Message("%(name)s: give the hours.", name=f"{a} {b}")',
        'reason = Message("The provider gives this session %(hours)s h.", hours=hours)',
    ],
)
def test_the_rule_lets_keys_and_messages_through(source):
    assert prose_fstrings(source) == []


# Left in English, each for its reason: the title of a registry change names its number, its kind
# and its value, which are data (app/inbox/services.py); a dispute's title is the course's title.
KNOWN = {
    "app/inbox/services.py": {"f'{number}: {change.kind} {change.to_value}'"},
}


@pytest.mark.parametrize("path", MODULES)
def test_the_checkers_texts_are_messages(path):
    source = (ROOT / path).read_text(encoding="utf-8")
    found = [
        (line, text) for line, text in prose_fstrings(source) if text not in KNOWN.get(path, ())
    ]
    found += english_refusals(source)
    assert found == [], "make these Message(...) with named placeholders: " + "; ".join(
        f"line {line}: {text!r}" for line, text in found
    )
