"""The states of a curriculum application and the moves between them (pure)."""

from __future__ import annotations

from enum import StrEnum

from app.messages import Listed, Message, term


class SubmissionState(StrEnum):
    DRAFT = "draft"  # being prepared; the checker report is visible, nothing is submitted
    # Sent, but the fee is not recorded or the syllabus does not read: no clock yet (§301.2).
    INCOMPLETE = "incomplete"
    SUBMITTED = (
        "submitted"  # complete application with the certifying entity: the 90-day clock runs
    )
    REVISIONS_REQUESTED = "revisions_requested"  # back with the provider: the clock is paused
    APPROVED = "approved"  # valid two years from the approval date (§803.4)
    DENIED = "denied"  # may be appealed within 14 days (§702.1.D)
    APPEALED = "appealed"  # decided by a different reviewer
    APPEAL_APPROVED = "appeal_approved"  # final (§702.3.A)
    APPEAL_DENIED = "appeal_denied"  # final (§702.3.A)
    WITHDRAWN = "withdrawn"  # taken back by the provider before a decision


class Decision(StrEnum):
    """What a reviewer decides on a submitted curriculum (one transition each)."""

    REQUEST_REVISIONS = "request_revisions"
    APPROVE = "approve"
    DENY = "deny"


S = SubmissionState
# action -> (states it may start from, state it leads to)
TRANSITIONS: dict[str, tuple[frozenset[SubmissionState], SubmissionState]] = {
    "submit": (frozenset({S.DRAFT}), S.SUBMITTED),
    "submit_incomplete": (frozenset({S.DRAFT}), S.INCOMPLETE),
    "complete": (frozenset({S.INCOMPLETE}), S.SUBMITTED),
    "withdraw": (frozenset({S.INCOMPLETE, S.SUBMITTED, S.REVISIONS_REQUESTED}), S.WITHDRAWN),
    "request_revisions": (frozenset({S.SUBMITTED}), S.REVISIONS_REQUESTED),
    "resubmit": (frozenset({S.REVISIONS_REQUESTED}), S.SUBMITTED),
    "approve": (frozenset({S.SUBMITTED}), S.APPROVED),
    "deny": (frozenset({S.SUBMITTED}), S.DENIED),
    "appeal": (frozenset({S.DENIED}), S.APPEALED),
    "approve_appeal": (frozenset({S.APPEALED}), S.APPEAL_APPROVED),
    "deny_appeal": (frozenset({S.APPEALED}), S.APPEAL_DENIED),
}

# Where a curriculum waits on the certifying entity or on the provider: the queue's open items.
OPEN_STATES = frozenset({S.INCOMPLETE, S.SUBMITTED, S.REVISIONS_REQUESTED, S.APPEALED})
APPROVED_STATES = frozenset({S.APPROVED, S.APPEAL_APPROVED})


class ChangeState(StrEnum):
    """A substantive change to an approved curriculum is its own review (§803.5): the curriculum
    stays approved on its current version while the change is reviewed."""

    SUBMITTED = "submitted"  # its own 90-day clock runs
    REVISIONS_REQUESTED = "revisions_requested"  # back with the provider; its clock pauses
    APPROVED = "approved"  # its version becomes the approved one; the expiry date stays
    DENIED = "denied"  # the curriculum stays approved on its current version
    WITHDRAWN = "withdrawn"


C = ChangeState
CHANGE_TRANSITIONS: dict[str, tuple[frozenset[ChangeState], ChangeState]] = {
    "request_change_revisions": (frozenset({C.SUBMITTED}), C.REVISIONS_REQUESTED),
    "resubmit_change": (frozenset({C.REVISIONS_REQUESTED}), C.SUBMITTED),
    "approve_change": (frozenset({C.SUBMITTED}), C.APPROVED),
    "deny_change": (frozenset({C.SUBMITTED}), C.DENIED),
    "withdraw_change": (frozenset({C.SUBMITTED, C.REVISIONS_REQUESTED}), C.WITHDRAWN),
}
CHANGE_DECISIONS = {
    "approve": "approve_change",
    "deny": "deny_change",
    "request_revisions": "request_change_revisions",
}


# The moves as a refusal names them ("cannot withdraw a curriculum that is approved").
ACTION_WORDS = {
    "submit": Message("submit"),
    "submit_incomplete": Message("submit incomplete"),
    "complete": Message("complete"),
    "withdraw": Message("withdraw"),
    "request_revisions": Message("request revisions"),
    "resubmit": Message("resubmit"),
    "approve": Message("approve"),
    "deny": Message("deny"),
    "appeal": Message("appeal"),
    "approve_appeal": Message("approve appeal"),
    "deny_appeal": Message("deny appeal"),
    "request_change_revisions": Message("request change revisions"),
    "resubmit_change": Message("resubmit change"),
    "approve_change": Message("approve change"),
    "deny_change": Message("deny change"),
    "withdraw_change": Message("withdraw change"),
}


def state_word(state: str) -> Message:
    """A state as the text names it ("revisions requested"), translated at the edge."""
    return term(state.replace("_", " "))


def target_state(action: str, current: StrEnum, transitions=None) -> StrEnum:
    """The state ``action`` leads to from ``current``; ValueError when the move is not allowed."""
    try:
        sources, target = (TRANSITIONS if transitions is None else transitions)[action]
    except KeyError:
        raise ValueError(Message("unknown action %(action)s", action=repr(action))) from None
    if current not in sources:
        words = {
            "action": ACTION_WORDS.get(action, action.replace("_", " ")),
            "state": state_word(current.value),
            "allowed": Listed([state_word(s.value) for s in sorted(sources)]),
        }
        raise ValueError(
            Message(
                "cannot %(action)s a change that is %(state)s (only from: %(allowed)s)", **words
            )
            if transitions is CHANGE_TRANSITIONS
            else Message(
                "cannot %(action)s a curriculum that is %(state)s (only from: %(allowed)s)", **words
            )
        )
    return target


# The queue's sort key (see Curriculum.queue_key): running deadlines sort by their day number,
# which stays below these.
OPEN_NO_CLOCK_KEY = 10_000_000
CLOSED_KEY = 20_000_000
DRAFT_KEY = 30_000_000


def queue_key_of(state: SubmissionState, is_open: bool, due_on) -> int:
    """Open items by nearest running deadline, then open items without a clock, then the rest."""
    if state == SubmissionState.DRAFT:
        return DRAFT_KEY
    if not is_open:
        return CLOSED_KEY
    return due_on.toordinal() if due_on is not None else OPEN_NO_CLOCK_KEY
