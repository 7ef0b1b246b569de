"""When an application is complete and which errors of its report are still open (pure)."""

from __future__ import annotations

from app.submissions.completeness import missing_for_review, open_errors

REPORT = {
    "modules": [{"title": "Ethics"}],
    "findings": [
        {
            "severity": "error",
            "code": "COMPETENCY_MISSING",
            "message": "No module covers core-3 (Advocacy).",
        },
        {"severity": "warning", "code": "THIN", "message": "Thin."},
        {"severity": "error", "code": "HOURS_SHORT", "message": "4 of 80 hours."},
        {
            "severity": "error",
            "code": "COMPETENCY_MISSING",
            "message": "No module covers core-5 (Wellness).",
        },
    ],
}


def test_complete_needs_the_fee_and_a_syllabus_that_reads():
    assert missing_for_review(fee_recorded=True, report=REPORT) == []
    assert missing_for_review(fee_recorded=False, report={"modules": []}) == ["fee", "syllabus"]


def test_open_errors_leave_out_overridden_ones_and_competencies_the_reviewer_found():
    assert [e.index for e in open_errors(REPORT, (), ())] == [0, 2, 3]
    assert [e.index for e in open_errors(REPORT, {2}, {"core-3"})] == [3]
    # A reviewer's finding of coverage sets aside a missing competency only, never another error.
    assert [e.index for e in open_errors(REPORT, (), {"core-3", "core-5", "4"})] == [2]
