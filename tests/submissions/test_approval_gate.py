"""Every path into an approved state passes the one gate (fee, settled findings, reasons)."""

from __future__ import annotations

import ast
import inspect
from datetime import timedelta
from pathlib import Path

import pytest

from app.audit.services import events_for
from app.dbtypes import utcnow
from app.errors import Conflict
from app.policy import DEFAULT_POLICY
from app.submissions import services
from app.submissions.common import _make_move
from app.submissions.gate import ApprovalWithoutGate
from app.submissions.states import (
    APPROVED_STATES,
    CHANGE_TRANSITIONS,
    TRANSITIONS,
    ChangeState,
    SubmissionState,
)
from app.syllabus.services import check_syllabus
from tests.submissions.factories import (
    SYLLABUS,
    decide_appeal,
    file_appeal,
    make_curriculum,
    settle,
)

APP = Path(services.__file__).resolve().parents[1]
# Errors the checker reports for this syllabus: many competencies missing, hours short.
CHANGED = SYLLABUS + "## Digital literacy (2 hours) [core-17]\nAssessment: exercise\n"


# One scenario per transition into an approved state: it brings a curriculum to the transition's
# source state with its report's errors unsettled and returns (subject, the call that approves).
def _approving(db, people, curriculum, subject, today):
    """The call by which the reviewer approves ``subject``: the curriculum or its change."""

    def go():
        services.decide(
            db.session,
            curriculum,
            people["reviewer"],
            DEFAULT_POLICY,
            decision="approve",
            reason="",
            today=today,
            expected_version=subject.lock_version,
        )

    return go


def _approve(db, people):
    curriculum = make_curriculum(people["provider"], state="submitted")
    return curriculum, curriculum, _approving(db, people, curriculum, curriculum, utcnow().date())


def _approve_appeal(db, people):
    curriculum, today = make_curriculum(people["provider"], state="submitted"), utcnow().date()
    services.deny(db.session, curriculum, people["reviewer"], DEFAULT_POLICY, reason="Short.")
    file_appeal(curriculum, people["provider"], today=today, nature="Miscounted", contact="a@b.org")

    def go():
        decide_appeal(
            curriculum, people["reviewer2"], today=today, uphold_denial=False, reason="Reverse it."
        )

    return curriculum, curriculum, go


def _approve_change(db, people):
    curriculum = make_curriculum(people["provider"], state="approved", reviewer=people["reviewer"])
    today = utcnow().date()
    change = services.submit_substantive_change(
        db.session,
        curriculum,
        people["provider"],
        DEFAULT_POLICY,
        today=today,
        intended_use_on=today + timedelta(days=61),
        syllabus_text=CHANGED,
        report=check_syllabus(CHANGED, "core").to_dict(),
        note="Adds digital literacy",
    )
    return curriculum, change, _approving(db, people, curriculum, change, today)


SCENARIOS = {
    "approve": _approve,
    "approve_appeal": _approve_appeal,
    "approve_change": _approve_change,
}


def _moves_into_approval() -> set[str]:
    into = {a for a, (_, target) in TRANSITIONS.items() if target in APPROVED_STATES}
    into |= {a for a, (_, t) in CHANGE_TRANSITIONS.items() if t == ChangeState.APPROVED}
    return into


def test_every_transition_into_an_approved_state_has_a_gate_scenario():
    """A new transition into an approved state fails here until it is routed and tested."""
    assert _moves_into_approval() == set(SCENARIOS)


@pytest.mark.parametrize("action", sorted(SCENARIOS))
def test_each_transition_into_approval_is_refused_with_unsettled_errors(db, people, action):
    curriculum, subject, go = SCENARIOS[action](db, people)
    before = subject.state
    assert services.unresolved_errors(db.session, curriculum.current_version)
    with pytest.raises(Conflict, match=r"not overridden .*override each with its reason"):
        go()
    assert subject.state == before
    settle(curriculum, people["reviewer2"] if action == "approve_appeal" else people["reviewer"])
    go()
    assert subject.state in {*APPROVED_STATES, ChangeState.APPROVED}
    subject_type = "curriculum_change" if action == "approve_change" else "curriculum"
    event = events_for(db.session, subject_type, subject.id)[-1]
    assert event.action == action
    gate = event.details["gate"]
    assert gate["fee"] == "paid" and gate["overridden"]
    assert all(o["reason"] == "Accepted in review." for o in gate["overridden"])


def test_appeal_reversal_names_the_action_refused(db, people):
    curriculum, _, go = _approve_appeal(db, people)
    with pytest.raises(Conflict, match="You cannot reverse the denial and approve yet"):
        go()
    assert curriculum.state == SubmissionState.APPEALED and curriculum.approved_on is None


def test_the_gate_also_checks_the_fee(db, people):
    curriculum = make_curriculum(people["provider"])
    services.submit(db.session, curriculum, people["provider"])
    settle(curriculum, people["reviewer"])
    curriculum.state = SubmissionState.SUBMITTED  # as if completed without the fee recorded
    with pytest.raises(Conflict, match="application fee is not recorded"):
        services.approve(
            db.session, curriculum, people["reviewer"], DEFAULT_POLICY, today=utcnow().date()
        )


def test_a_move_into_approval_without_the_gate_is_a_programming_error(db, people):
    curriculum = make_curriculum(people["provider"], state="submitted")
    settle(curriculum, people["reviewer"])
    with pytest.raises(ApprovalWithoutGate):
        services._move(db.session, curriculum, people["reviewer"], "approve")
    assert curriculum.state == SubmissionState.SUBMITTED


def _calls(node: ast.AST, name: str) -> bool:
    return any(
        isinstance(n, ast.Call)
        and (getattr(n.func, "id", None) == name or getattr(n.func, "attr", None) == name)
        for n in ast.walk(node)
    )


def test_only_the_gated_moves_change_a_curriculum_state():
    """Source check: ``record_move`` on curricula and changes is called only from ``_make_move``
    (which requires the gate), which ``_move`` and ``_move_change`` both go through, and no code
    assigns an approved state directly."""
    callers = set()
    for path in APP.rglob("*.py"):
        if path.parts[-2] == "audit":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef) and _calls(node, "record_move"):
                callers.add(f"{path.relative_to(APP.parent)}:{node.name}")
            if isinstance(node, ast.Assign):
                for target in node.targets:
                    if isinstance(target, ast.Attribute) and target.attr == "state":
                        value = ast.unparse(node.value)
                        assert "APPROVED" not in value and "approved" not in value, (
                            f"{path}: sets an approved state directly ({value})"
                        )
    assert {c for c in callers if "submissions" in c} == {"app/submissions/common.py:_make_move"}
    assert _calls(ast.parse(inspect.getsource(_make_move).lstrip()), "require_gate")
    for function in (services._move, services._move_change):
        assert _calls(ast.parse(inspect.getsource(function).lstrip()), "_make_move")
