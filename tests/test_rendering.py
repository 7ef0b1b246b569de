"""Rendering user Markdown: safe HTML, in CPU time bounded by the text's size, never an error.

Each shape below once made the renderer slow (quadratic in brackets) or crash (RecursionError).
The budgets are CPU seconds (time.process_time), generous against what bench/bench_hostile.py
measures, so a busy machine does not fail them.
"""

from __future__ import annotations

import time

import pytest

from app import rendering
from app.rendering import MAX_RENDER_COST, estimated_cost, render_markdown, renders_as_markdown

# Seconds of CPU any input may take to render. The target is 1 s, which bench/bench_hostile.py
# measures (at most about 0.5 s on an idle core). The test scripts run under coverage's tracer,
# which makes rendering about five times as costly, so the test holds a margin that still fails
# when rendering grows with its input (a quadratic renderer takes minutes here), not when the
# machine is busy or traced.
CPU_BUDGET = 5.0
UPLOAD_LIMIT = 5 * 1024 * 1024

HOSTILE = {
    "8 KB of [": "[" * 8 * 1024,
    "20 KB of [](": "[](" * (20 * 1024 // 3),
    "4,000 [": "[" * 4000,
    "7,000 [": "[" * 7000,
    "200 KB of mixed text": ("## Module (2 hours) [core-1]\n*Some* [text](http://a) `x`\n\n- a\n")
    * 3500,
    "5 MB of [": "[" * UPLOAD_LIMIT,
    "5 MB of ![": "![" * (UPLOAD_LIMIT // 2),
    "5 MB of [](": "[](" * (UPLOAD_LIMIT // 3),
    "list nested 2,000 deep": "".join("  " * i + "1. x\n" for i in range(2000)),
    "markers nested 3,000 deep": "1. " * 3000 + "x\n",
    "quotes nested 5,000 deep": ">" * 5000 + " x\n",
    "5 MB of *a": "*a" * (UPLOAD_LIMIT // 2),
}

# Repeated units, each as costly as anything measured per character: the largest text the
# budget lets through is built from each and must still render within the CPU budget.
UNITS = [
    "[",
    "![",
    "[x][",
    "![](",
    "[](",
    "- a\n",
    "1. a\n",
    "#\n",
    "a\n",
    "**a",
    "*_",
    "_a",
    "|\n",
    "|a|b|\n|-|-|\n",
    "> a\n",
    "[a]: b\n",
    "`a",
    "\\*",
    "<a@b",
    "&#1;",
    "a  \n",
    "=\n",
    "[a]\n",
    "  " * 31 + "- a\n",
    "> " * 20 + "a\n",
]


def _cpu(function, *args):
    start = time.process_time()
    result = function(*args)
    return result, time.process_time() - start


@pytest.fixture(scope="module", autouse=True)
def _warm():
    render_markdown("# warm [a](http://a) *b*\n\n| a |\n|---|\n| b |\n")


@pytest.mark.parametrize("name", list(HOSTILE))
def test_hostile_input_renders_within_the_cpu_budget(name):
    html, seconds = _cpu(render_markdown, HOSTILE[name])
    assert seconds < CPU_BUDGET, f"{name}: {seconds:.2f} s of CPU"
    assert "<script" not in html


@pytest.mark.parametrize("unit", UNITS)
def test_the_costliest_text_within_the_budget_renders_in_time(unit):
    per_unit = estimated_cost(unit)
    text = unit * (MAX_RENDER_COST // per_unit)
    assert renders_as_markdown(text)  # the budget lets it through as Markdown
    assert not renders_as_markdown(text + unit * 2)  # and no more
    html, seconds = _cpu(render_markdown, text)
    assert seconds < CPU_BUDGET, f"{unit!r}: {seconds:.2f} s of CPU"
    assert '<pre class="plain">' not in html


def test_text_over_the_budget_is_shown_whole_as_plain_text():
    text = "[<b>]" * 100_000
    html = str(render_markdown(text))
    assert html.startswith('<pre class="plain">') and "<b>" not in html
    assert html.count("[&lt;b&gt;]") == 100_000  # every character is there, escaped


def test_nesting_deeper_than_the_limit_is_plain_text_not_lost_text():
    text = "".join("  " * i + f"- level {i}\n" for i in range(rendering.MAX_DEPTH + 5))
    html = str(render_markdown(text))
    assert "level 36" in html and html.startswith('<pre class="plain">')
    shallow = "".join("  " * i + f"- level {i}\n" for i in range(rendering.MAX_DEPTH // 2))
    html = str(render_markdown(shallow))
    assert html.count("<ul>") == rendering.MAX_DEPTH // 2 and "level 15" in html


@pytest.mark.parametrize(
    ("line", "depth"),
    [
        ("plain text", 0),
        ("- item", 1),
        ("> > 1. quoted list", 4),
        ("    - indented item", 3),
        ("2024. A year", 1),
        ("2024-01-05 a date", 0),
        ("---------------------------------------------- a rule", 0),
        ("\t- tab", 3),
    ],
)
def test_line_depth(line, depth):
    assert rendering.line_depth(line) == depth


def test_ordinary_markdown_still_renders():
    html = str(
        render_markdown(
            "# Course\n\n## Module 1 (2 hours) [core-1]\n\n- **Hope** and *recovery*\n"
            "- [CalMHSA](https://www.calmhsa.org)\n\n| Module | Hours |\n|---|---|\n| Ethics | 4 |\n"
        )
    )
    assert (
        "<h1>Course</h1>" in html
        and "<strong>Hope</strong>" in html
        and "<em>recovery</em>" in html
    )
    assert 'href="https://www.calmhsa.org"' in html and 'rel="noopener noreferrer nofollow"' in html
    assert "<td>Ethics</td>" in html
