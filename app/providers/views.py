"""The public list of approved training providers and their standing; return to good standing."""

from __future__ import annotations

from flask import Blueprint, redirect, render_template, url_for
from flask_login import current_user

from app import context
from app.auth.access import roles_required
from app.auth.models import Role
from app.errors import attempt
from app.extensions import db
from app.providers import services
from app.providers.forms import ReinstateForm, ReinstatementRequestForm
from app.providers.standing import Standing

bp = Blueprint("providers", __name__)


@bp.get("/providers")
def index():
    """Approved training providers and whether each is in good standing (§806.3.A)."""
    return render_template("providers/index.html", rows=services.provider_list(db.session))


@bp.route("/provider/standing", methods=["GET", "POST"])
@roles_required(Role.PROVIDER)
def standing():
    """A suspended or revoked provider sees why and asks to return to good standing (§806.5)."""
    policy = context.policy()
    row = services.standing_of(db.session, current_user.organization_id)
    form = ReinstatementRequestForm()
    if form.validate_on_submit():
        done = attempt(
            lambda: services.request_reinstatement(
                db.session, current_user, policy, today=context.today(), evidence=form.evidence.data
            ),
            errors=form.evidence.errors,
            success="Your request is with the reviewers.",
        )
        if done.ok:
            return redirect(url_for("providers.standing"))
    return render_template(
        "providers/standing.html",
        row=row,
        form=form,
        due=services.review_due_on(row, policy) if row else None,
        standings=Standing,
    )


@bp.route("/providers/<int:organization_id>/reinstate", methods=["GET", "POST"])
@roles_required(Role.REVIEWER, Role.ADMIN)
def reinstate(organization_id: int):
    """A reviewer returns a provider to good standing after reviewing its evidence (§806.5)."""
    organization = services.get_organization(db.session, organization_id)
    policy = context.policy()
    row = services.standing_of(db.session, organization_id)
    form = ReinstateForm()
    if form.validate_on_submit():
        done = attempt(
            lambda: services.set_standing(
                db.session,
                organization,
                current_user,
                Standing.GOOD,
                today=context.today(),
                reason=form.reason.data,
            ),
            errors=form.reason.errors,
            success=f"{organization.name} is back in good standing.",
        )
        if done.ok:
            return redirect(url_for("providers.index"))
    return render_template(
        "providers/reinstate.html",
        organization=organization,
        row=row,
        form=form,
        due=services.review_due_on(row, policy) if row else None,
    )
