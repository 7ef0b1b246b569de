"""Arbitrary text: the checker returns a report or a clean error, nothing else."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.syllabus.errors import SyllabusReadError
from app.syllabus.parser import parse
from app.syllabus.services import check_syllabus

LINES = st.sampled_from(
    [
        "---",
        "program: core",
        "total_hours: 80",
        "## Module (3 hours) [core-1]",
        "| Time | Session |",
        "|---|---|",
        "| 9:00-10:30 | Ethics core-11 |",
        "- Lunch (30 min)",
        "Assessment: quiz",
        "Competencies: core-6 (2h)",
        "# Title",
        "9 a.m.-4 p.m. Day",
        "20-40 hours practicum",
        "(6:01)",
        "```",
        "\x00",
        "Day 1 (8 hours)",
    ]
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400))
def test_arbitrary_text(text):
    try:
        report = check_syllabus(text, "core")
    except SyllabusReadError as error:
        assert str(error)
    else:
        assert isinstance(report.to_dict(), dict)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(LINES, st.text(max_size=40)), max_size=40))
def test_syllabus_like_text(lines):
    text = "\n".join(lines)
    try:
        syllabus = parse(text)
        report = check_syllabus(text, "crisis")
    except SyllabusReadError as error:
        assert str(error)
    else:
        assert all(m.hours is None or m.hours > 0 for m in syllabus.modules)
        assert report.total_hours >= 0
