"""Inputs shaped to make a reader slow or crash finish quickly with a report or a clear error."""

from __future__ import annotations

import pytest

from app.rendering import render_markdown
from app.syllabus.errors import SyllabusReadError
from app.syllabus.services import check_syllabus
from tests.budgets import cpu_time

CPU_BUDGET_SECONDS = 5.0
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
}


@pytest.mark.parametrize("name", list(CATASTROPHIC))
def test_each_catastrophic_input_finishes_within_a_cpu_budget(name):
    text = CATASTROPHIC[name]
    with cpu_time() as spent:
        try:
            report = check_syllabus(text, "core")
        except SyllabusReadError as error:
            assert str(error)  # refused with a message that says why
        else:
            assert report.findings
    # CPU time, not the wall clock: a busy machine does not fail it, quadratic work on these
    # inputs (minutes) does. Each takes well under a second of CPU today.
    assert spent.seconds < CPU_BUDGET_SECONDS, (name, spent.seconds)


@pytest.mark.parametrize("name", list(CATASTROPHIC))
def test_rendering_any_of_them_never_fails(name):
    html = render_markdown(CATASTROPHIC[name][:200_000])
    assert "<script" not in html


def test_too_many_lines_is_refused_with_the_limit():
    with pytest.raises(SyllabusReadError, match="50,000 lines"):
        check_syllabus("## A (1 hour)\n" * 60_000, "core")
