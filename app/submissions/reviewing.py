"""A reviewer's records on a version: overridden findings, competency reviews and comments."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.auth.models import User
from app.dbtypes import utcnow
from app.errors import DomainError, NotFound
from app.messages import Message
from app.submissions.common import _require_past_draft, _require_reviewer, audit
from app.submissions.completeness import OpenError, open_errors
from app.submissions.gate import unsettled_errors
from app.submissions.models import (
    CompetencyReview,
    CurriculumVersion,
    FindingOverride,
    ReviewComment,
)


def unresolved_errors(session: Session, version: CurriculumVersion) -> list:
    """The errors of ``version``'s report not overridden by a reviewer (two queries)."""
    return unsettled_errors(session, version)


def errors_left(
    version: CurriculumVersion,
    overrides: dict[int, FindingOverride],
    reviews: dict[str, CompetencyReview],
) -> list[OpenError]:
    """``unresolved_errors`` from the overrides and reviews a page has read already (no query):
    ``overrides_of`` and ``latest_reviews`` of the same version."""
    covered = {cid for cid, review in reviews.items() if review.covered}
    return open_errors(version.report, set(overrides), covered)


def override_finding(
    session: Session,
    version: CurriculumVersion,
    reviewer: User,
    *,
    finding_index: int,
    reason: str,
) -> FindingOverride:
    """A reviewer sets aside one error of the checker's report; the reason is required and logged."""
    _require_reviewer(reviewer)
    _require_past_draft(version.curriculum)
    findings = version.report.get("findings", [])
    if not 0 <= finding_index < len(findings) or findings[finding_index]["severity"] != "error":
        raise NotFound(Message("There is no such error in this version's report."))
    if not reason.strip():
        raise DomainError(Message("Give the reason for overriding this finding."))
    finding = findings[finding_index]
    item = FindingOverride(
        version_id=version.id,
        finding_index=finding_index,
        code=finding["code"],
        reason=reason.strip(),
        reviewer_id=reviewer.id,
    )
    session.add(item)
    audit(
        session,
        reviewer,
        version.curriculum_id,
        "override_finding",
        reason=reason.strip(),
        details={"version": version.number, "finding": finding_index, "code": finding["code"]},
    )
    session.flush()
    return item


def overrides_of(session: Session, version: CurriculumVersion) -> dict[int, FindingOverride]:
    return {
        o.finding_index: o
        for o in session.scalars(
            select(FindingOverride)
            .where(FindingOverride.version_id == version.id)
            .order_by(FindingOverride.id)
        )
    }


def record_competency_review(
    session: Session,
    version: CurriculumVersion,
    reviewer: User,
    *,
    competency_id: str,
    covered: bool,
    note: str,
) -> CompetencyReview:
    """A reviewer confirms or overrides the checker for one competency; overrides are recorded as such."""
    _require_reviewer(reviewer)
    _require_past_draft(version.curriculum)
    checker_said = any(
        c["id"] == competency_id and c["covered"] for c in version.report.get("competencies", [])
    )
    if not any(c["id"] == competency_id for c in version.report.get("competencies", [])):
        raise NotFound(Message("%(id)s is not a competency of this program.", id=competency_id))
    review = CompetencyReview(
        version_id=version.id,
        competency_id=competency_id,
        covered=covered,
        checker_said=checker_said,
        note=note.strip(),
        reviewer_id=reviewer.id,
    )
    session.add(review)
    session.flush()
    action = "override_checker" if review.is_override else "confirm_checker"
    audit(
        session,
        reviewer,
        version.curriculum_id,
        action,
        reason=note.strip(),
        details={
            "competency": competency_id,
            "covered": covered,
            "checker_said": checker_said,
            "version": version.number,
        },
    )
    session.flush()
    return review


def latest_reviews(session: Session, version: CurriculumVersion) -> dict[str, CompetencyReview]:
    """The newest reviewer record per competency of ``version``."""
    reviews = session.scalars(
        select(CompetencyReview)
        .where(CompetencyReview.version_id == version.id)
        .order_by(CompetencyReview.at, CompetencyReview.id)
    )
    return {r.competency_id: r for r in reviews}


def comment_targets(version: CurriculumVersion) -> list[str]:
    """What a reviewer may comment on: each module and each competency of the version's report."""
    modules = [f"module line {m['line']}: {m['title']}" for m in version.report.get("modules", [])]
    competencies = [
        f"competency {c['id']}: {c['title']}" for c in version.report.get("competencies", [])
    ]
    return modules + competencies


def add_comment(
    session: Session, version: CurriculumVersion, reviewer: User, *, target: str, text: str
) -> ReviewComment:
    """A comment on one module or competency; sent to the provider with the next revision request."""
    _require_reviewer(reviewer)
    _require_past_draft(version.curriculum)
    if target not in comment_targets(version):
        raise DomainError(Message("Choose a module or competency of this version."))
    if not text.strip():
        raise DomainError(Message("Write the comment."))
    comment = ReviewComment(
        version_id=version.id, target=target, text=text.strip(), reviewer_id=reviewer.id
    )
    session.add(comment)
    session.flush()
    return comment


def comments_of(
    session: Session, version: CurriculumVersion, *, sent_only: bool = False
) -> list[ReviewComment]:
    """The comments on ``version``; ``sent_only``: those a revision request has carried to the
    provider (a provider sees no comment before the request goes out)."""
    query = select(ReviewComment).where(ReviewComment.version_id == version.id)
    if sent_only:
        query = query.where(ReviewComment.sent_at.is_not(None))
    return list(session.scalars(query.order_by(ReviewComment.at, ReviewComment.id)))


def _mark_sent(comments: list[ReviewComment]) -> None:
    now = utcnow()
    for comment in comments:
        if comment.sent_at is None:
            comment.sent_at = now
