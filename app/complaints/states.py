"""The states of a complaint, its outcomes and the moves between them (pure)."""

from __future__ import annotations

from enum import StrEnum

from app.messages import Listed, Message


class ComplaintState(StrEnum):
    RECEIVED = "received"  # filed; acknowledged to the person who complained (§805.5)
    INVESTIGATING = "investigating"  # a reviewer investigates: the 90-day clock runs (§806.2)
    DECIDED = "decided"  # final disposition recorded, letter sent, registry updated (§806.4.H–K)
    WITHDRAWN = "withdrawn"  # closed without a finding (duplicate, outside the program)


class Respondent(StrEnum):
    """Whom a complaint is against (§806.1)."""

    PROVIDER = "provider"  # an approved training provider
    PEER = "peer"  # a certified Medi-Cal Peer Support Specialist


class Outcome(StrEnum):
    """The final disposition of a complaint (§806.3)."""

    UNSUBSTANTIATED = "unsubstantiated"  # allegations not substantiated: no action
    SUBSTANTIATED_NO_ACTION = "substantiated_no_action"  # substantiated; no change in status
    SUSPEND = "suspend"  # suspension of the certification or the provider's approval
    REVOKE = "revoke"  # revocation of the certification or the provider's approval


OUTCOME_LABELS = {
    Outcome.UNSUBSTANTIATED: "Not substantiated; no action",
    Outcome.SUBSTANTIATED_NO_ACTION: "Substantiated; no change in status",
    Outcome.SUSPEND: "Substantiated; suspend",
    Outcome.REVOKE: "Substantiated; revoke",
}

# Outcomes that change a status in the registry or the provider list (§806.3, §806.4.K).
STATUS_CHANGES = frozenset({Outcome.SUSPEND, Outcome.REVOKE})

C = ComplaintState
# action -> (states it may start from, state it leads to)
TRANSITIONS: dict[str, tuple[frozenset[ComplaintState], ComplaintState]] = {
    "investigate": (frozenset({C.RECEIVED}), C.INVESTIGATING),
    "extend": (frozenset({C.INVESTIGATING}), C.INVESTIGATING),
    "decide": (frozenset({C.INVESTIGATING}), C.DECIDED),
    "withdraw": (frozenset({C.RECEIVED, C.INVESTIGATING}), C.WITHDRAWN),
}


# The states and moves as a refusal names them ("cannot decide a complaint that is received").
STATE_WORDS = {
    C.RECEIVED: Message("received"),
    C.INVESTIGATING: Message("investigating"),
    C.DECIDED: Message("decided"),
    C.WITHDRAWN: Message("withdrawn"),
}
ACTION_WORDS = {
    "investigate": Message("investigate"),
    "extend": Message("extend"),
    "decide": Message("decide"),
    "withdraw": Message("withdraw"),
}


def target_state(action: str, current: ComplaintState) -> ComplaintState:
    """The state ``action`` leads to from ``current``; ValueError when the move is not allowed."""
    try:
        sources, target = TRANSITIONS[action]
    except KeyError:
        raise ValueError(Message("unknown action %(action)s", action=repr(action))) from None
    if current not in sources:
        raise ValueError(
            Message(
                "cannot %(action)s a complaint that is %(state)s (only from: %(allowed)s)",
                action=ACTION_WORDS.get(action, action),
                state=STATE_WORDS[current],
                allowed=Listed([STATE_WORDS[s] for s in sorted(sources)]),
            )
        )
    return target
