"""Pages that resolve disputes of reported CE entries: staff uphold or reject a dispute, and the
provider that reported the entry may withdraw it. Every change goes through app.ce.disputes."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.auth.access import roles_required
from app.auth.models import Role
from app.ce import disputes
from app.ce.dispute_forms import ResolveForm, WithdrawForm
from app.errors import attempt, refusal_status, say_what_was_kept
from app.extensions import db
from app.routing import parse_id

bp = Blueprint("disputes", __name__)


def list_page():
    """Open disputes (oldest first) or decided ones (newest first), 50 a page."""
    state = "decided" if request.args.get("state") == "decided" else "open"
    page = disputes.page_of(db.session, state=state, page=parse_id(request.args.get("page")) or 1)
    return render_template("rosters/disputes.html", found=page, state=state)


@bp.route("/completions/disputes/<int:reported_id>", methods=["GET", "POST"])
@roles_required(Role.REVIEWER, Role.ADMIN)
def resolve(reported_id: int):
    """One dispute: the entry, the peer's reason, and the staff's decision with its reason."""
    reported = disputes.get_reported(db.session, current_user, reported_id)
    form = ResolveForm()
    outcome = None
    if form.validate_on_submit():
        outcome = attempt(
            lambda: disputes.change_state(
                db.session,
                current_user,
                reported,
                disputes.DisputeState(form.decision.data),
                form.reason.data or "",
            ),
            errors=form.reason.errors,
        )
        if outcome.ok:
            flash(_("The decision is recorded and the peer is emailed."), "success")
            return redirect(url_for("disputes.resolve", reported_id=reported_id))
        reported = disputes.get_reported(db.session, current_user, reported_id)
        say_what_was_kept(outcome, form.reason.data or "")
    status = refusal_status(outcome) if form.errors else 200
    return render_template(
        "disputes/resolve.html",
        reported=reported,
        state=disputes.state_of(reported),
        form=form,
    ), status


@bp.route("/provider/disputes/<int:reported_id>", methods=["GET", "POST"])
@roles_required(Role.PROVIDER)
def withdraw(reported_id: int):
    """A provider withdraws a completion it reported that the peer disputes."""
    reported = disputes.get_reported(db.session, current_user, reported_id)
    form = WithdrawForm()
    outcome = None
    if form.validate_on_submit():
        outcome = attempt(
            lambda: disputes.change_state(
                db.session,
                current_user,
                reported,
                disputes.DisputeState.WITHDRAWN,
                form.reason.data or "",
            ),
            errors=form.reason.errors,
        )
        if outcome.ok:
            flash(_("The entry is withdrawn and the peer is emailed."), "success")
            return redirect(url_for("disputes.withdraw", reported_id=reported_id))
        reported = disputes.get_reported(db.session, current_user, reported_id)
        say_what_was_kept(outcome, form.reason.data or "")
    status = refusal_status(outcome) if form.errors else 200
    return render_template(
        "disputes/withdraw.html",
        reported=reported,
        state=disputes.state_of(reported),
        form=form,
    ), status
