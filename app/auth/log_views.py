"""Administrators browse and export the audit log and the security log (app.audit and
app.security_log know no domain; their pages live with the administrator's)."""

from __future__ import annotations

import json

from flask import Blueprint, Response, render_template, request
from sqlalchemy import select

from app.audit import services as audit
from app.audit.chain import FIELDS as CHAINED_FIELDS
from app.auth.access import roles_required
from app.auth.models import Role
from app.csvsafe import to_csv
from app.extensions import db
from app.security_log import services as security
from app.security_log.models import SecurityEvent

bp = Blueprint("logs", __name__)
PER_PAGE = 50
EXPORT_LIMIT = 100_000


def _page() -> int:
    return min(max(request.args.get("page", 1, type=int) or 1, 1), 1_000_000)


def _paged(events, total: int) -> dict:
    """A page of log rows with what the pager needs: ``page`` now and how many ``pages``."""
    return {
        "events": events,
        "total": total,
        "page": _page(),
        "pages": max(1, -(-total // PER_PAGE)),
    }


def _text(name: str, limit: int = 60) -> str:
    return (request.args.get(name) or "").strip()[:limit]


@bp.get("/admin/audit")
@roles_required(Role.ADMIN)
def audit_log():
    """The audit log, newest first, 50 to a page (two queries a page)."""
    subject_type = _text("subject_type")
    events, total = audit.page_of(
        db.session, page=_page(), per_page=PER_PAGE, subject_type=subject_type
    )
    return render_template("logs/audit.html", **_paged(events, total), subject_type=subject_type)


@bp.get("/admin/audit.csv")
@roles_required(Role.ADMIN)
def audit_csv():
    rows = db.session.scalars(audit.filtered(_text("subject_type")).limit(EXPORT_LIMIT))
    return _attachment(_log_csv(rows, AUDIT_COLUMNS), "audit-log.csv")


@bp.get("/admin/security-events")
@roles_required(Role.ADMIN)
def security_log():
    """Security events, newest first, filtered by kind and outcome, 50 to a page."""
    event, outcome = _text("event", 40), _text("outcome", 20)
    events, total = security.page_of(
        db.session, page=_page(), per_page=PER_PAGE, event=event, outcome=outcome
    )
    kinds = db.session.scalars(select(SecurityEvent.event).distinct().order_by(SecurityEvent.event))
    return render_template(
        "logs/security.html",
        **_paged(events, total),
        event=event,
        outcome=outcome,
        kinds=list(kinds),
        outcomes=security.OUTCOMES,
    )


@bp.get("/admin/security-events.csv")
@roles_required(Role.ADMIN)
def security_csv():
    query = security.filtered(event=_text("event", 40), outcome=_text("outcome", 20))
    rows = db.session.scalars(query.limit(EXPORT_LIMIT))
    return _attachment(_log_csv(rows, SECURITY_COLUMNS), "security-events.csv")


# The fields the hash chain covers, then the links themselves, so an export can be re-verified.
AUDIT_COLUMNS = [*CHAINED_FIELDS, "prev_hash", "hash"]
# The stored fields by name, in every language (see app/i18n/exports.py).
SECURITY_COLUMNS = [
    "id",
    "at",
    "event",
    "outcome",
    "user_id",
    "identifier",
    "address",
    "user_agent",
    "path",
    "details",
]


def _log_csv(rows, columns: list[str]) -> str:
    """Log records as CSV: times in ISO 8601, details as sorted JSON, other columns as stored."""

    def cell(record, column: str):
        value = getattr(record, column)
        if column == "at":
            return value.isoformat()
        return json.dumps(value, sort_keys=True) if column == "details" else value

    return to_csv(columns, ([cell(record, c) for c in columns] for record in rows))


def _attachment(body: str, name: str) -> Response:
    return Response(
        body, mimetype="text/csv", headers={"Content-Disposition": f'attachment; filename="{name}"'}
    )
