"""No English prose raised as a refusal by the services of auth, curricula, complaints and appeals.

The rule, read from the source of every non-view module of ``app/auth``, ``app/submissions``,
``app/complaints`` and ``app/appeals``: the first argument of a ``raise SomeError(...)`` holds no
text of its own. It may be a ``Message("...", name=value)`` (its template goes to the catalogue
and the page shows it in its language), or a value made elsewhere (a name, ``error.args[0]``,
``sentence([...])`` of one). A string literal with a letter in it, or an f-string, anywhere in
that argument outside a ``Message(...)`` call is English that would reach a Spanish page as it
is, and fails the test; so does text reshaped with ``.capitalize()``, ``.upper()``, ``.format()``
and the like (a sentence built from English words). A value passed through as it is, such as
``str(error)`` of another package's error, is that package's to translate.

Left out, each for its reason: views (they mark their text with ``_()`` and are read by
tests/i18n/test_templates_wrapped.py's kin), forms (``_l``), the CLI (a terminal in English) and
the demo data. Programming errors (``RuntimeError`` and its kin, such as
``ApprovalWithoutGate``) end as a 500 and are never shown, so they may keep English.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("auth", "submissions", "complaints", "appeals")
NOT_SERVICES = ("cli.py", "demo.py", "forms.py")
RESHAPED = {"capitalize", "upper", "lower", "title", "format"}
NEVER_SHOWN = {"ApprovalWithoutGate", "RuntimeError", "TypeError", "AssertionError"}


def service_modules() -> list[Path]:
    found = []
    for package in PACKAGES:
        for path in sorted((ROOT / "app" / package).glob("*.py")):
            if path.name.endswith("views.py") or path.name in NOT_SERVICES:
                continue
            found.append(path)
    return found


def _is_message(node: ast.AST) -> bool:
    return isinstance(node, ast.Call) and (
        getattr(node.func, "id", None) == "Message" or getattr(node.func, "attr", None) == "Message"
    )


def _prose_in(node: ast.AST) -> list[str]:
    """Literal text in ``node`` outside Message(...) calls: what would reach a page untranslated."""
    if _is_message(node):
        return []
    if isinstance(node, ast.JoinedStr):
        return [ast.unparse(node)]
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value] if any(c.isalpha() for c in node.value) else []
    if isinstance(node, ast.Call) and getattr(node.func, "attr", None) in RESHAPED:
        return [ast.unparse(node)]  # English reshaped as English: the template is lost
    return [text for child in ast.iter_child_nodes(node) for text in _prose_in(child)]


def _raised_name(call: ast.Call) -> str:
    return getattr(call.func, "id", None) or getattr(call.func, "attr", "")


def english_refusals(source: str) -> list[tuple[int, str]]:
    """(line, text) of each raise whose message is English prose rather than a Message."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not (isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call)):
            continue
        if _raised_name(node.exc) in NEVER_SHOWN:
            continue
        arguments = [
            *node.exc.args[:1],
            *(k.value for k in node.exc.keywords if k.arg == "message"),
        ]
        found += [(node.lineno, text) for a in arguments for text in _prose_in(a)]
    return found


def test_the_modules_read_are_the_services():
    names = {p.relative_to(ROOT).as_posix() for p in service_modules()}
    for expected in (
        "app/auth/account.py",
        "app/auth/services.py",
        "app/submissions/workflow.py",
        "app/submissions/states.py",
        "app/complaints/services.py",
        "app/appeals/clock.py",
        "app/appeals/services.py",
    ):
        assert expected in names
    assert not any(n.endswith("views.py") for n in names)


@pytest.mark.parametrize(
    "source",
    [
        'raise Conflict("This curriculum cannot be withdrawn in its current state.")',
        'raise NotFound(f"{name} is not a competency of this program.")',
        'raise Conflict(str(error).capitalize() + ".")',
        'raise ValueError("the matter is closed")',
        'raise DomainError(message="Say why.")',
        'raise Conflict(Message("%(a)s", a=x) if y else "Plain English.")',
    ],
)
def test_the_rule_flags_english_prose(source):
    assert english_refusals(source)


@pytest.mark.parametrize(
    "source",
    [
        'raise Conflict(Message("This curriculum cannot be withdrawn in its current state."))',
        'raise NotFound(Message("%(id)s is not a competency.", id=name))',
        "raise Conflict(sentence([error.args[0]])) from None",
        'raise Conflict(Message("%(s)s.", s=Listed([state.replace("_", " ")])))',
        "raise WeakPassword(problem)",
        'raise ApprovalWithoutGate(f"A move to {target} must pass the gate first.")',
    ],
)
def test_the_rule_lets_messages_and_values_through(source):
    assert english_refusals(source) == []


@pytest.mark.parametrize("path", service_modules(), ids=lambda p: p.relative_to(ROOT).as_posix())
def test_no_service_raises_english_prose(path):
    found = english_refusals(path.read_text(encoding="utf-8"))
    assert found == [], "wrap these in Message(...) with named placeholders: " + "; ".join(
        f"line {line}: {text!r}" for line, text in found
    )
