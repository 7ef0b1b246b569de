"""Pages that resolve disputes of reported CE entries: staff uphold or reject a dispute, and the
provider that reported the entry may withdraw it. Every change goes through app.ce.disputes."""

from __future__ import annotations

from collections.abc import Callable

from flask import Blueprint, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.auth.access import roles_required
from app.auth.models import Role
from app.ce import disputes
from app.ce.dispute_forms import ResolveForm, WithdrawForm
from app.extensions import db
from app.forms_flow import post_form
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
    form = ResolveForm()
    return _decide(
        reported_id,
        form,
        lambda: disputes.DisputeState(form.decision.data),
        page="disputes/resolve.html",
        success=_("The decision is recorded and the peer is emailed."),
    )


@bp.route("/provider/disputes/<int:reported_id>", methods=["GET", "POST"])
@roles_required(Role.PROVIDER)
def withdraw(reported_id: int):
    """A provider withdraws a completion it reported that the peer disputes."""
    return _decide(
        reported_id,
        WithdrawForm(),
        lambda: disputes.DisputeState.WITHDRAWN,
        page="disputes/withdraw.html",
        success=_("The entry is withdrawn and the peer is emailed."),
    )


def _decide(
    reported_id: int,
    form,
    target: Callable[[], disputes.DisputeState],
    *,
    page: str,
    success: str,
):
    """The page of one dispute with ``form``, and its POST: the dispute moved to ``target()``
    with the reason typed (app.ce.disputes.change_state), then back to this page; a refusal
    shows the form again with what was typed."""
    reported = disputes.get_reported(db.session, current_user, reported_id)

    def again(status: int):
        # A refusal rolled the session back: read the entry again, as it now stands.
        shown = disputes.get_reported(db.session, current_user, reported_id)
        return render_template(
            page, reported=shown, state=disputes.state_of(shown), form=form
        ), status

    if request.method != "POST":
        return again(200)
    return post_form(
        form,
        lambda: disputes.change_state(
            db.session, current_user, reported, target(), form.reason.data or ""
        ),
        errors_in=form.reason,
        success=success,
        done=lambda _: redirect(url_for(request.endpoint, reported_id=reported_id)),
        again=again,
        kept=form.reason.data or "",
    )
