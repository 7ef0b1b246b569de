"""Inputs shaped to make a reader slow or crash finish quickly with a report or a clear error.

Budgets are CPU seconds (time.process_time) with the catalog already loaded, so a busy machine
does not fail them."""

from __future__ import annotations

import time

import pytest

from app.rendering import render_markdown
from app.syllabus import services
from app.syllabus.errors import SyllabusReadError
from app.syllabus.outline import MAX_DEPTH, build_outline
from app.syllabus.services import check_syllabus

CATASTROPHIC = {
    "repeated tags in an unclosed bracket": "## (" + "core1  " * 17 + "x",
    "a long run of spaces in a heading": "## " + " " * 3000 + "x",
    "a million spaces": " " * 1_000_000 + "x (2 hours)",
    "5 MB of headings": "## Module (2 hours)\n" * 262_144,
    "one 5 MB heading": "## " + "core-1 (" * 600_000,
    "3,000 empty list items": "- \n" * 3000,
    "3,000 list markers on one line": "- " * 3000,
    "numbered markers nested 3,000 deep": "1. " * 3000,
    "deeply nested front matter": "---\nprogram: core\nx: " + "[" * 5000 + "\n---\n## A (1 hour)\n",
    "unclosed clock ranges": "9:00-" * 20_000,
    "digits without end": "1" * 200_000 + " hours",
    "a list nested 2,000 deep": "".join("  " * i + "1. x (1 hour)\n" for i in range(2000)),
    "8 KB of [": "[" * 8 * 1024,
    "20 KB of [](": "[](" * (20 * 1024 // 3),
    "7,000 [ in a module": "## Module (2 hours) [core-1]\n" + "[" * 7000,
}


@pytest.mark.parametrize("name", list(CATASTROPHIC))
def test_each_catastrophic_input_finishes_under_a_second(name, catalog):
    text = CATASTROPHIC[name]
    start = time.process_time()
    try:
        report = check_syllabus(text, "core")
    except SyllabusReadError as error:
        assert str(error)  # refused with a message that says why
    else:
        assert report.findings
    assert time.process_time() - start < 1.0, name


@pytest.mark.parametrize("name", list(CATASTROPHIC))
def test_rendering_any_of_them_never_fails(name):
    start = time.process_time()
    html = render_markdown(CATASTROPHIC[name])
    assert "<script" not in html
    assert time.process_time() - start < 1.0, name


def test_outline_nesting_is_bounded():
    root = build_outline(["  " * i + f"- item {i}" for i in range(2000)])
    deepest, stack = 0, [(root, 0)]
    while stack:
        node, depth = stack.pop()
        deepest = max(deepest, depth)
        stack.extend((child, depth + 1) for child in node.children)
    assert deepest == MAX_DEPTH + 1  # the items below the limit are kept, at the limit
    assert sum(1 for node in root.walk() if node.kind == "item") == 2000


def test_a_recursion_error_is_a_read_error(monkeypatch):
    def too_deep(*args, **kwargs):
        raise RecursionError

    monkeypatch.setattr(services, "parse", too_deep)
    with pytest.raises(SyllabusReadError, match="nested too deeply"):
        check_syllabus("## A (1 hour)", "core")


def test_too_many_lines_is_refused_with_the_limit():
    with pytest.raises(SyllabusReadError, match="50,000 lines"):
        check_syllabus("## A (1 hour)\n" * 60_000, "core")
