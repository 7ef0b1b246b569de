"""Reviewers' page of the decisions made under frameworks or a policy that have changed since."""

from __future__ import annotations

from flask import Blueprint, current_app, render_template, request

from app import context
from app.auth.access import roles_required
from app.auth.models import Role
from app.extensions import db
from app.judgements.basis import describe, short
from app.judgements.services import current_snapshots, stale_decisions

bp = Blueprint("judgements", __name__)


@bp.get("/review/changed-rules")
@roles_required(Role.REVIEWER, Role.ADMIN)
def stale():
    """Each decision whose frameworks or policy changed since, with what changed."""
    page = min(max(request.args.get("page", 1, type=int) or 1, 1), 1_000_000)

    current = current_snapshots(current_app.config["FRAMEWORK_DIR"], context.policy())
    report = stale_decisions(db.session, current, page=page)
    return render_template("judgements/stale.html", report=report, describe=describe, short=short)
