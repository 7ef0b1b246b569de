"""CSV exports of the logs a reviewer keeps that have no export on their own page: the review
queue and the certification registry, with the same filters."""

from __future__ import annotations

from flask import Blueprint, Response, request
from flask_login import current_user
from sqlalchemy import select

from app import context
from app.auth.access import roles_required
from app.auth.models import Role
from app.ce.rules import CertificationStatus
from app.csvsafe import to_csv
from app.extensions import db
from app.i18n.exports import REGISTRY, REVIEW_QUEUE, header
from app.registry.models import CertificationRecord
from app.submissions import services as submissions

bp = Blueprint("exports", __name__)
EXPORT_LIMIT = 100_000


def _attachment(body: str, name: str) -> Response:
    return Response(
        body, mimetype="text/csv", headers={"Content-Disposition": f'attachment; filename="{name}"'}
    )


@bp.get("/review/queue.csv")
@roles_required(Role.REVIEWER, Role.ADMIN)
def queue_csv():
    """The review queue with its clocks, filtered by state and program like the page."""
    policy = context.policy()
    sort = request.args.get("sort", "")
    page = submissions.review_queue(
        db.session,
        policy,
        context.today(),
        reviewer=current_user,
        view=request.args.get("view", "all")[:20],
        state=request.args.get("state", "")[:30],
        program=request.args.get("program", "")[:20],
        sort=sort if sort in submissions.QUEUE_SORTS else "deadline",
        size=EXPORT_LIMIT,
    )
    rows = [(row.curriculum, row.clock) for row in page.rows]
    body = to_csv(
        header(REVIEW_QUEUE),
        (
            [
                c.id,
                c.title,
                c.organization.name,
                c.program,
                c.state,
                clock.started_on.isoformat() if clock.started_on else "",
                clock.days_left if clock.running else "",
                clock.due_on.isoformat() if clock.due_on else "",
                c.approved_on.isoformat() if c.approved_on else "",
                c.expires_on.isoformat() if c.expires_on else "",
            ]
            for c, clock in rows
        ),
    )
    return _attachment(body, "review-queue.csv")


@bp.get("/registry.csv")
@roles_required(Role.REVIEWER, Role.ADMIN)
def registry_csv():
    """The certification registry (§500.2, §805.1), optionally one status only."""
    status = request.args.get("status", "")
    query = select(CertificationRecord).order_by(CertificationRecord.certification_number)
    if status in {s.value for s in CertificationStatus}:
        query = query.where(CertificationRecord.status == status)
    records = db.session.scalars(query.limit(EXPORT_LIMIT))
    body = to_csv(
        header(REGISTRY),
        (
            [
                r.certification_number,
                r.legal_name,
                r.issued_on.isoformat(),
                r.expires_on.isoformat(),
                r.status,
                r.action,
                "; ".join(r.specializations or []),
            ]
            for r in records
        ),
    )
    return _attachment(body, "registry.csv")
