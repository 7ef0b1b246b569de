"""The rule book: every number has a citation; overrides replace values without losing them."""

from __future__ import annotations

import re

import pytest

from app.policy import DEFAULT_POLICY, PROGRAMS

CITATION = re.compile(r"(§\d{3}(\.\d+)*(\.[A-Z])?|App\. [A-L])")


def test_every_rule_has_a_citation_and_text():
    for rule in DEFAULT_POLICY.rules.values():
        assert CITATION.search(rule.citation), rule.key
        assert rule.text.strip(), rule.key


@pytest.mark.parametrize(
    ("program", "hours"),
    [
        ("core", 80),
        ("refresher", 40),
        ("pcfm", 40),
        ("crisis", 40),
        ("unhoused", 40),
        ("justice", 40),
        ("ce", None),
    ],
)
def test_required_hours_by_program(program, hours):
    assert DEFAULT_POLICY.required_hours(program) == hours


def test_specialization_hours_are_a_setting_not_a_guideline_number():
    rule = DEFAULT_POLICY.rule("hours.specialization")
    assert rule.stated is False
    assert "§212" in rule.citation


def test_overrides_change_values_and_keep_citations():
    policy = DEFAULT_POLICY.with_overrides({"hours.specialization": 36})
    assert policy.required_hours("crisis") == 36
    assert policy.cite("hours.specialization") == DEFAULT_POLICY.cite("hours.specialization")
    assert DEFAULT_POLICY.required_hours("crisis") == 40


def test_unknown_override_and_program_are_errors():
    with pytest.raises(KeyError):
        DEFAULT_POLICY.with_overrides({"hours.nonsense": 1})
    with pytest.raises(ValueError, match="expected one of"):
        DEFAULT_POLICY.program("basket-weaving")


def test_specializations_require_the_core_certification():
    needs_core = {p.id for p in PROGRAMS if p.requires_core_certification}
    assert needs_core == {"pcfm", "crisis", "unhoused", "justice"}
