"""The one gate every approval passes: the decision form, the API, an appeal that reverses a
denial and a substantive change's approval all leave a curriculum approved only through it.

It checks that the application fee is recorded (paid, or waived with its reason, §601) and that
every error of the checker's report on the version to be approved is settled by a reviewer (each
overridden with a reason, or a missing competency confirmed covered). What it found is written
into the approval's audit event, so the record shows the reasons the approval stands on.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import Conflict
from app.messages import Listed, Message
from app.policy import Policy
from app.submissions.completeness import OpenError, open_errors
from app.submissions.models import (
    CompetencyReview,
    Curriculum,
    CurriculumVersion,
    FindingOverride,
)


@dataclass(frozen=True)
class GatePassed:
    """Proof that the gate's checks passed for one version; the state moves into an approved
    state accept nothing else (see services._move and services._move_change)."""

    version_number: int
    fee: str
    overrides: list[dict] = field(default_factory=list)
    covered_by_reviewer: list[str] = field(default_factory=list)

    def details(self) -> dict:
        return {
            "gate": {
                "version": self.version_number,
                "fee": self.fee,
                "overridden": self.overrides,
                "confirmed_covered": self.covered_by_reviewer,
            }
        }


class ApprovalWithoutGate(RuntimeError):
    """A programming error: a move into an approved state was attempted without the gate."""


def unsettled_errors(session: Session, version: CurriculumVersion) -> list[OpenError]:
    """The errors of ``version``'s report no reviewer has set aside (two queries)."""
    overridden = set(
        session.scalars(
            select(FindingOverride.finding_index).where(FindingOverride.version_id == version.id)
        )
    )
    return open_errors(version.report, overridden, _covered_by_reviewer(session, version))


def _covered_by_reviewer(session: Session, version: CurriculumVersion) -> set[str]:
    reviews = session.scalars(
        select(CompetencyReview)
        .where(CompetencyReview.version_id == version.id)
        .order_by(CompetencyReview.at, CompetencyReview.id)
    )
    latest = {r.competency_id: r for r in reviews}
    return {cid for cid, r in latest.items() if r.covered}


def check_approval(
    session: Session,
    curriculum: Curriculum,
    version: CurriculumVersion,
    policy: Policy,
    *,
    what: str = Message("approve this curriculum"),
) -> GatePassed:
    """Every check of an approval, all at once; Conflict naming each one that fails.

    ``what`` names the action in the refusal ("reverse the denial and approve", …)."""
    problems = []
    if not curriculum.fee_recorded:
        problems.append(
            Message(
                "the application fee is not recorded (%(citation)s): record it as paid or waived",
                citation=policy.cite("fee.provider_application"),
            )
        )
    errors = unsettled_errors(session, version)
    if errors:
        codes = ", ".join(sorted({e.finding["code"] for e in errors}))
        problems.append(
            Message(
                "the checker report of version %(version)s has %(count)s error(s) not overridden "
                "(%(codes)s): override each with its reason on the review page, or request "
                "revisions",
                version=version.number,
                count=len(errors),
                codes=codes,
            )
        )
    if problems:
        raise Conflict(
            Message(
                "You cannot %(action)s yet: %(problems)s.",
                action=what,
                problems=Listed(problems, "; "),
            )
        )
    overrides = session.scalars(
        select(FindingOverride)
        .where(FindingOverride.version_id == version.id)
        .order_by(FindingOverride.finding_index)
    )
    return GatePassed(
        version_number=version.number,
        fee="paid" if curriculum.fee_paid else f"waived: {curriculum.fee_waived_reason}",
        overrides=[
            {"finding": o.finding_index, "code": o.code, "reason": o.reason} for o in overrides
        ],
        covered_by_reviewer=sorted(_covered_by_reviewer(session, version)),
    )


def require_gate(target: object, approved_states: frozenset, gate: GatePassed | None) -> None:
    """Refuse a move into an approved state that did not pass the gate."""
    if target in approved_states and not isinstance(gate, GatePassed):
        raise ApprovalWithoutGate(
            f"A move to {target} must pass app.submissions.gate.check_approval first."
        )
