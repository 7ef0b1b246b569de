"""The states of a curriculum application and the moves between them (pure)."""

from __future__ import annotations

from enum import StrEnum


class SubmissionState(StrEnum):
    DRAFT = "draft"  # being prepared; the checker report is visible, nothing is submitted
    SUBMITTED = (
        "submitted"  # complete application with the certifying entity: the 90-day clock runs
    )
    REVISIONS_REQUESTED = "revisions_requested"  # back with the provider: the clock is paused
    APPROVED = "approved"  # valid two years from the approval date (§803.4)
    DENIED = "denied"  # may be appealed within 14 days (§702.1.D)
    APPEALED = "appealed"  # decided by a different reviewer
    APPEAL_APPROVED = "appeal_approved"  # final (§702.3.A)
    APPEAL_DENIED = "appeal_denied"  # final (§702.3.A)


class Decision(StrEnum):
    """What a reviewer decides on a submitted curriculum (one transition each)."""

    REQUEST_REVISIONS = "request_revisions"
    APPROVE = "approve"
    DENY = "deny"


S = SubmissionState
# action -> (states it may start from, state it leads to)
TRANSITIONS: dict[str, tuple[frozenset[SubmissionState], SubmissionState]] = {
    "submit": (frozenset({S.DRAFT}), S.SUBMITTED),
    "request_revisions": (frozenset({S.SUBMITTED}), S.REVISIONS_REQUESTED),
    "resubmit": (frozenset({S.REVISIONS_REQUESTED}), S.SUBMITTED),
    "approve": (frozenset({S.SUBMITTED}), S.APPROVED),
    "deny": (frozenset({S.SUBMITTED}), S.DENIED),
    "appeal": (frozenset({S.DENIED}), S.APPEALED),
    "approve_appeal": (frozenset({S.APPEALED}), S.APPEAL_APPROVED),
    "deny_appeal": (frozenset({S.APPEALED}), S.APPEAL_DENIED),
    # An approved curriculum changes only through a substantive-change submission (§803.5).
    "submit_change": (frozenset({S.APPROVED, S.APPEAL_APPROVED}), S.SUBMITTED),
}


def target_state(action: str, current: SubmissionState) -> SubmissionState:
    """The state ``action`` leads to from ``current``; ValueError when the move is not allowed."""
    try:
        sources, target = TRANSITIONS[action]
    except KeyError:
        raise ValueError(f"unknown action {action!r}") from None
    if current not in sources:
        allowed = ", ".join(sorted(s.value for s in sources))
        raise ValueError(
            f"cannot {action.replace('_', ' ')} a curriculum that is {current.value} (only from: {allowed})"
        )
    return target
