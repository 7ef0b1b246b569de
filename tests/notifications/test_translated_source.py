"""Read from the source: every email the app queues is written inside ``in_language_of`` and its
subject goes through gettext, never a plain string or f-string."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

APP = Path(__file__).resolve().parents[2] / "app"
GETTEXT = {"gettext", "_", "ngettext", "lazy_gettext", "_l"}

# The blocks that write in the recipient's language: by address, or by the locale already read
# from the account (app.notifications.language).
LANGUAGE_BLOCKS = ("in_language_of", "in_saved_locale")
# What queues an email: one address, or each of many in its reader's language.
SENDERS = {"queue_email", "queue_email_to_each"}


def _name(call: ast.Call) -> str | None:
    return getattr(call.func, "id", None) or getattr(call.func, "attr", None)


def _parents(tree: ast.AST) -> dict[ast.AST, ast.AST]:
    return {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}


def _is_plain_text(node: ast.AST) -> bool:
    """A string literal, an f-string, or text glued together from them."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return True
    if isinstance(node, ast.JoinedStr):
        return True
    if isinstance(node, ast.BinOp):
        return _is_plain_text(node.left) or _is_plain_text(node.right)
    if isinstance(node, ast.IfExp):
        return _is_plain_text(node.body) or _is_plain_text(node.orelse)
    return False


def _assigned_plain_text(function: ast.AST, name: str) -> bool:
    """True when ``name`` is given plain text anywhere in ``function``."""
    for node in ast.walk(function):
        if isinstance(node, ast.Assign | ast.AnnAssign | ast.AugAssign) and node.value is not None:
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            named = any(isinstance(t, ast.Name) and t.id == name for t in targets)
            if named and _is_plain_text(node.value):
                return True
    return False


def _subject_problem(subject: ast.AST | None, function: ast.AST, place: str) -> str | None:
    """What is wrong with the subject of one email, written in ``function``; None when nothing."""
    if subject is None:
        return f"{place}: no subject"
    if _is_plain_text(subject):
        return f"{place}: the subject is plain text, not gettext(...)"
    if isinstance(subject, ast.Call) and _name(subject) not in GETTEXT:
        return None  # a helper that writes the subject (itself checked where it writes)
    if isinstance(subject, ast.Name) and _assigned_plain_text(function, subject.id):
        return f"{place}: the subject {subject.id!r} is given plain text"
    return None


def _written_subjects(write: ast.AST | None, tree: ast.AST) -> list[tuple[ast.AST | None, ast.AST]]:
    """The subjects a ``write`` function of ``queue_email_to_each`` returns (the first of its
    (subject, body) pairs), each with the function it is written in: a lambda, or the functions
    of the same source so named. A ``write`` given by the caller (a parameter) is read where the
    caller writes it."""
    if isinstance(write, ast.Lambda):
        functions: list[ast.AST] = [write]
    elif isinstance(write, ast.Name):
        functions = [
            node
            for node in ast.walk(tree)
            if isinstance(node, ast.FunctionDef) and node.name == write.id
        ]
    else:
        return [(None, tree)]
    return [
        (returned.elts[0] if isinstance(returned, ast.Tuple) else None, function)
        for function in functions
        for returned in (
            [function.body]
            if isinstance(function, ast.Lambda)
            else [r.value for r in ast.walk(function) if isinstance(r, ast.Return)]
        )
        if not isinstance(returned, ast.Call)  # a helper that writes both (checked where it writes)
    ]


def problems_of(source: str, where: str) -> list[str]:
    """What is wrong with each queue_email call in ``source``; a queue_email_to_each call writes
    in each recipient's language itself, so only the subjects its ``write`` returns are read."""
    tree = ast.parse(source)
    parents = _parents(tree)
    found = []
    for call in ast.walk(tree):
        if not (isinstance(call, ast.Call) and _name(call) in SENDERS):
            continue
        place = f"{where}:{call.lineno}"
        ancestors, node = [], call
        while node in parents:
            node = parents[node]
            ancestors.append(node)
        function = next((a for a in ancestors if isinstance(a, ast.FunctionDef | ast.Lambda)), tree)
        if _name(call) == "queue_email_to_each":
            write = call.args[2] if len(call.args) > 2 else None
            write = next((k.value for k in call.keywords if k.arg == "write"), write)
            subjects = _written_subjects(write, tree)
        else:
            in_language = any(
                isinstance(a, ast.With)
                and any(
                    isinstance(item.context_expr, ast.Call)
                    and _name(item.context_expr) in LANGUAGE_BLOCKS
                    for item in a.items
                )
                for a in ancestors
            )
            if not in_language:
                found.append(f"{place}: queue_email outside `with in_language_of(...)`")
            subject = call.args[2] if len(call.args) > 2 else None
            subject = next((k.value for k in call.keywords if k.arg == "subject"), subject)
            subjects = [(subject, function)]
        found += [
            problem
            for subject, written_in in subjects
            if (problem := _subject_problem(subject, written_in, place))
        ]
    return found


def _sources() -> list[tuple[str, str]]:
    return [
        (str(path.relative_to(APP.parent)), path.read_text())
        for path in sorted(APP.rglob("*.py"))
        if any(f"{sender}(" in path.read_text() for sender in SENDERS)
    ]


SOURCES = _sources()


def test_the_check_sees_the_emails_of_every_domain():
    calls = sum(
        1
        for _, text in SOURCES
        for node in ast.walk(ast.parse(text))
        if isinstance(node, ast.Call) and _name(node) in SENDERS
    )
    assert calls >= 35
    files = " ".join(path for path, _ in SOURCES)
    for domain in ("auth", "submissions", "ce", "registry", "complaints", "providers", "alerts"):
        assert f"app/{domain}/" in files, domain


@pytest.mark.parametrize("path, text", SOURCES, ids=[path for path, _ in SOURCES])
def test_every_email_is_written_in_its_recipients_language(path, text):
    assert problems_of(text, path) == []


@pytest.mark.parametrize(
    "body",
    [
        'queue_email(s, to, "Welcome", body, category="x", link=l)',
        'queue_email(s, to, f"Hello {name}", body, category="x", link=l)',
        'subject = "Hi " + name\nqueue_email(s, to, subject, body, category="x", link=l)',
        'queue_email(s, to, subject=f"{n} left", body=b, category="x", link=l)',
    ],
)
def test_the_check_fails_on_a_plain_subject(body):
    source = "def f():\n    with in_language_of(s, to):\n" + "".join(
        f"        {line}\n" for line in body.splitlines()
    )
    [problem] = problems_of(source, "fake.py")
    assert "plain text" in problem


@pytest.mark.parametrize(
    "body",
    [
        'queue_email_to_each(s, to, lambda: ("Welcome", b), category="x", link=l)',
        'queue_email_to_each(s, to, write=lambda: (f"Hi {n}", b), category="x", link=l)',
        'def write():\n    return "Welcome", b\nqueue_email_to_each(s, to, write, category="x", link=l)',
    ],
)
def test_the_check_reads_the_subjects_written_for_each_recipient(body):
    source = "def f():\n" + "".join(f"    {line}\n" for line in body.splitlines())
    [problem] = problems_of(source, "fake.py")
    assert "plain text" in problem
    translated = source.replace('"Welcome"', 'gettext("Welcome")').replace(
        'f"Hi {n}"', 'gettext("Hi %(n)s", n=n)'
    )
    assert problems_of(translated, "fake.py") == []


def test_the_check_fails_outside_the_recipients_language():
    source = 'def f():\n    queue_email(s, to, gettext("Welcome"), b, category="x", link=l)\n'
    [problem] = problems_of(source, "fake.py")
    assert "outside `with in_language_of" in problem
    inside = (
        "def f():\n    with in_language_of(s, to):\n"
        '        queue_email(s, to, gettext("Welcome"), b, category="x", link=l)\n'
    )
    assert problems_of(inside, "fake.py") == []
