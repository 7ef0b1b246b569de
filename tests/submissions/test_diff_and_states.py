"""Version diffs and the transition table."""

from __future__ import annotations

import pytest

from app.submissions.diff import diff_reports
from app.submissions.states import SubmissionState, target_state


def _report(modules, covered):
    return {
        "total_hours": sum(m["hours"] or 0 for m in modules),
        "modules": modules,
        "competencies": [{"id": c, "covered": True} for c in covered],
    }


def test_diff_finds_added_removed_and_changed_modules():
    old = _report(
        [
            {"title": "Ethics", "hours": 4, "competencies": ["core-11"]},
            {"title": "Old module", "hours": 2, "competencies": []},
        ],
        ["core-11"],
    )
    new = _report(
        [
            {"title": "ethics", "hours": 6, "competencies": ["core-11", "core-16"]},
            {"title": "Digital literacy", "hours": 2, "competencies": ["core-17"]},
        ],
        ["core-11", "core-16", "core-17"],
    )
    diff = diff_reports(old, new)
    assert [m["title"] for m in diff.added] == ["Digital literacy"]
    assert [m["title"] for m in diff.removed] == ["Old module"]
    assert diff.hours_changed == [("ethics", 4, 6)]
    assert diff.competencies_changed == [("ethics", ["core-11"], ["core-11", "core-16"])]
    assert diff.coverage_gained == ["core-16", "core-17"] and diff.coverage_lost == []
    assert not diff.empty
    assert diff_reports(new, new).empty


@pytest.mark.parametrize(
    ("action", "current", "target"),
    [
        ("submit", "draft", "submitted"),
        ("request_revisions", "submitted", "revisions_requested"),
        ("resubmit", "revisions_requested", "submitted"),
        ("approve", "submitted", "approved"),
        ("deny", "submitted", "denied"),
        ("appeal", "denied", "appealed"),
        ("deny_appeal", "appealed", "appeal_denied"),
    ],
)
def test_allowed_moves(action, current, target):
    assert target_state(action, SubmissionState(current)) == SubmissionState(target)


@pytest.mark.parametrize(
    ("action", "current"),
    [
        ("approve", "draft"),
        ("appeal", "approved"),
        ("approve", "approved"),
        ("resubmit", "submitted"),
    ],
)
def test_refused_moves(action, current):
    with pytest.raises(ValueError, match="cannot"):
        target_state(action, SubmissionState(current))
