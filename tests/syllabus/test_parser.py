"""Reading modules, hours, tags and metadata from syllabi of many shapes."""

from __future__ import annotations

import pytest

from app.syllabus.errors import SyllabusReadError
from app.syllabus.parser import classify, parse


def test_tagged_markdown_with_front_matter(curricula):
    syllabus = parse((curricula / "core_80_hour_passing.md").read_text())
    assert syllabus.meta["program"] == "core"
    assert syllabus.declared_total == 80
    assert syllabus.tagged
    first = syllabus.modules[0]
    assert first.title == "Module 1: Hope, recovery and wellness"
    assert (first.hours, first.tags, first.line) == (5, ["core-1"], 15)
    assert first.assessment.startswith("reflective journal")
    assert sum(m.counted_hours for m in syllabus.modules) == 80


def test_agenda_table_with_clock_times_and_breaks(curricula):
    syllabus = parse((curricula / "agenda_with_clock_times.md").read_text())
    by_title = {m.title: m for m in syllabus.modules}
    assert by_title["Welcome; hope and the recovery journey"].hours == 1.5
    assert by_title["Welcome; hope and the recovery journey"].tags == ["core-1"]
    assert by_title["Lunch"].kind == "break"
    assert by_title["Registration and sign-in"].kind == "admin"
    practicum = next(m for m in syllabus.modules if m.kind == "practicum")
    assert practicum.hours == 4 and practicum.counted_hours == 0
    assert next(m for m in syllabus.modules if m.kind == "homework").hours == 2
    assert by_title["Cultural humility and bias"].day.startswith("Day 2")
    assert syllabus.meta["program"] == "core"


def test_untagged_module_list(curricula):
    syllabus = parse((curricula / "untagged_module_list.txt").read_text())
    titles = [m.title for m in syllabus.modules]
    assert "Welcome and Recovery 101" in titles
    assert not syllabus.tagged
    assert syllabus.declared_total == 80
    hope = next(m for m in syllabus.modules if m.title.startswith("Hope"))
    assert hope.approximate
    practicum = next(m for m in syllabus.modules if "practicum" in m.title.lower())
    assert (practicum.hours, practicum.hours_max, practicum.kind) == (20, 40, "practicum")
    assert not any("6:01" in m.hours_text for m in syllabus.modules)


def test_hours_split_given_by_the_syllabus():
    syllabus = parse(
        "## Confidentiality and documentation (8 hours)\nCompetencies: core-15 (5h), core-16 (3h)\n"
    )
    module = syllabus.modules[0]
    assert module.tags == ["core-15", "core-16"]
    assert module.tag_hours == {"core-15": 5, "core-16": 3}


@pytest.mark.parametrize(
    ("title", "kind"),
    [
        ("Lunch", "break"),
        ("Coffee break", "break"),
        ("Final exam", "exam"),
        ("Post-test", "exam"),
        ("Test-taking skills", "instruction"),
        ("Breaking the cycle of stigma", "instruction"),
        ("Homework: reading", "homework"),
        ("Field practicum", "practicum"),
        ("Trauma-informed care", "instruction"),
    ],
)
def test_classify(title, kind):
    assert classify(title) == kind


def test_day_heading_with_hours_and_no_modules_counts_as_one_module():
    syllabus = parse(
        "# Training\n\n## Day 1 (6 hours)\nOverview of peer support.\n\n## Day 2\n- Ethics (3 hours)\n"
    )
    assert [(m.title, m.hours) for m in syllabus.modules] == [("Day 1", 6), ("Ethics", 3)]


def test_bad_front_matter_names_the_line():
    with pytest.raises(SyllabusReadError) as raised:
        parse("---\nprogram: core\ntitle: [unclosed\n---\n")
    assert raised.value.line is not None and raised.value.line >= 2
    with pytest.raises(SyllabusReadError, match="never ends"):
        parse("---\nprogram: core\n")
    with pytest.raises(SyllabusReadError, match="not a number"):
        parse("---\ntotal_hours: lots\n---\n")


def test_binary_text_is_refused():
    with pytest.raises(SyllabusReadError, match="binary"):
        parse("abc\x00def")


def test_front_matter_aliases_are_refused():
    bomb = "---\na: &a [x, x, x]\nb: [*a, *a, *a]\nprogram: core\n---\n## A (3 hours)\n"
    with pytest.raises(SyllabusReadError) as caught:
        parse(bomb)
    assert caught.value.line == 3
    assert "aliases" in caught.value.message


@pytest.mark.parametrize("value", [".nan", "-5", "0", "1e308", "[1, 2]", "many"])
def test_declared_total_must_be_a_sensible_number(value):
    with pytest.raises(SyllabusReadError) as caught:
        parse(f"---\nprogram: core\ntotal_hours: {value}\n---\n## A (3 hours)\n")
    assert caught.value.line == 3


@pytest.mark.parametrize(("value", "hours"), [("80", 80), ("about 80", 80), ("80 hours", 80)])
def test_declared_total_in_words(value, hours):
    assert parse(f"---\ntotal_hours: {value}\n---\n## A (3 hours)\n").declared_total == hours
