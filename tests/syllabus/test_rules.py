"""Verdicts on the sample curricula and the rules behind them."""

from __future__ import annotations

import pytest

from app.policy import DEFAULT_POLICY
from app.syllabus.errors import SyllabusReadError
from app.syllabus.services import check_syllabus

SAMPLES = [
    ("core_80_hour_passing.md", "core", True),
    ("core_80_hour_syllabus.docx", "core", True),
    ("core_incomplete_short.md", "core", False),
    ("refresher_40_hours.md", "refresher", True),
    ("pcfm_specialization_40_hours.md", "pcfm", True),
    ("crisis_specialization_40_hours.md", "crisis", True),
    ("unhoused_specialization_40_hours.md", "unhoused", True),
    ("justice_specialization_40_hours.md", "justice", True),
    ("ce_law_and_ethics_6_hours.md", "ce", True),
    ("agenda_with_clock_times.md", "core", False),
    ("untagged_module_list.txt", "core", False),
]


@pytest.mark.parametrize(("name", "program", "passed"), SAMPLES)
def test_sample_verdicts(curricula, name, program, passed):
    report = check_syllabus(curricula / name)
    assert report.program == program
    assert report.passed is passed, [f for f in report.findings if f.severity == "error"]
    for finding in report.findings:
        assert finding.citation and finding.code and finding.message


def _codes(report, severity=None):
    return [f.code for f in report.findings if severity is None or f.severity == severity]


def test_incomplete_core_names_missing_competencies_and_short_hours(curricula):
    report = check_syllabus(curricula / "core_incomplete_short.md")
    missing = [f for f in report.findings if f.code == "COMPETENCY_MISSING"]
    assert len(missing) == 11 and all(f.citation == "§202.1.G" for f in missing)
    short = next(f for f in report.findings if f.code == "HOURS_SHORT")
    assert "33 h" in short.message and "80 h" in short.message
    assert "DECLARED_TOTAL_MISMATCH" in _codes(report, "warning")
    other = next(f for f in report.findings if f.code == "OTHER_FRAMEWORK_TAG")
    assert "crisis-2" in other.message and other.line == 29
    assert (
        report.total_hours == 33
    )  # the crisis module's hours count as instruction, not as core coverage
    covered = {c.id for c in report.competencies if c.covered}
    assert "crisis-2" not in covered and len(covered) == 6


def test_specialization_needs_the_prerequisite_and_all_its_competencies(curricula):
    text = (curricula / "crisis_specialization_40_hours.md").read_text()
    text = "\n".join(line for line in text.splitlines() if not line.startswith("prerequisite:"))
    # Without its module on self-care, nothing teaches crisis-11.
    head, _, tail = text.partition("## Module 11:")
    text = head + "\n".join(tail.split("\n## ", 1)[1:])
    report = check_syllabus(text)
    assert "PREREQUISITE_NOT_STATED" in _codes(report, "error")
    assert any(f.code == "COMPETENCY_MISSING" and "crisis-11" in f.message for f in report.findings)


def test_specialization_hours_say_they_are_a_setting():
    text = "---\nprogram: unhoused\nprerequisite: MPSS certification\n---\n## Navigation (10 hours) [unhoused-10]\nAssessment: quiz\n"
    report = check_syllabus(text)
    short = next(f for f in report.findings if f.code == "HOURS_SHORT")
    assert "vary" in short.message and "§212" in short.message
    policy = DEFAULT_POLICY.with_overrides({"hours.specialization": 10})
    assert "HOURS_SHORT" not in _codes(check_syllabus(text, policy=policy))


def test_even_split_and_thin_coverage_warning():
    text = "---\nprogram: core\n---\n## Ethics and privacy (1 hour) [core-11, core-16]\nAssessment: quiz\n"
    report = check_syllabus(text)
    hours = {c.id: c.hours for c in report.competencies}
    assert hours["core-11"] == hours["core-16"] == 0.5
    thin = [f for f in report.findings if f.code == "COMPETENCY_THIN"]
    assert thin and "no minimum hours per competency" in thin[0].message


def test_unsupported_claim_and_unclaimed_coverage():
    text = (
        "---\nprogram: core\n---\n"
        "## Module 1 (3 hours) [core-17]\nHIPAA, 42 CFR Part 2, confidentiality and releases of information.\nAssessment: quiz\n"
    )
    report = check_syllabus(text)
    assert any(f.code == "UNSUPPORTED_CLAIM" and "core-17" in f.message for f in report.findings)
    assert any(f.code == "UNCLAIMED_COVERAGE" and "core-16" in f.message for f in report.findings)


def test_untagged_syllabus_is_labelled_inferred(curricula):
    report = check_syllabus(curricula / "untagged_module_list.txt")
    assert report.inferred
    assert "COVERAGE_INFERRED" in _codes(report, "warning")
    sources = {c.source for c in report.competencies if c.covered}
    assert sources == {"inferred"}
    assert sum(c.covered for c in report.competencies) >= 15


def test_breaks_and_practicum_are_not_counted(curricula):
    report = check_syllabus(curricula / "agenda_with_clock_times.md")
    assert report.non_instruction_hours["break"] == 2.25
    assert report.non_instruction_hours["practicum"] == 4
    assert "BREAKS_EXCLUDED" in _codes(report)


def test_ce_course_reports_law_and_ethics_topics(curricula):
    report = check_syllabus(curricula / "ce_law_and_ethics_6_hours.md")
    topics = {t["id"] for t in report.law_ethics_topics}
    assert {"le-3", "le-8", "le-7", "le-9", "le-4", "le-5"} <= topics
    assert report.required_hours is None


def test_program_must_be_known():
    with pytest.raises(SyllabusReadError, match="Say which program"):
        check_syllabus("## Ethics (3 hours)")
    with pytest.raises(SyllabusReadError, match="Unknown program"):
        check_syllabus("## Ethics (3 hours)", "basketry")


def test_report_json_shape(curricula):
    data = check_syllabus(curricula / "core_incomplete_short.md").to_dict()
    assert {
        "program",
        "passed",
        "total_hours",
        "required_hours",
        "declared_total_hours",
        "modules",
        "competencies",
        "findings",
    } <= set(data)
    assert {"title", "hours", "line", "competencies", "suggested"} <= set(data["modules"][0])
    assert {"id", "score", "evidence"} <= set(data["modules"][0]["suggested"][0])
    assert {"id", "title", "covered", "hours", "source"} <= set(data["competencies"][0])
    assert {"severity", "code", "citation", "message", "line"} <= set(data["findings"][0])


def test_implausible_module_hours_are_named_not_silently_dropped():
    report = check_syllabus("---\nprogram: core\n---\n## Ethics (9999 hours) [core-11]\n")
    missing = [f for f in report.findings if f.code == "HOURS_MISSING"]
    assert missing and missing[0].line == 4
    assert "more than 200 h" in missing[0].message
    assert report.total_hours == 0
