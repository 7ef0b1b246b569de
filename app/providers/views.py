"""The public list of approved training providers and their standing; return to good standing;
renewal of approvals (§803.4)."""

from __future__ import annotations

from flask import Blueprint, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app import context
from app.auth.access import roles_required
from app.auth.models import Role
from app.errors import attempt, refusal_status, say_what_was_kept
from app.extensions import db
from app.forms_flow import post_form
from app.providers import renewals, services
from app.providers.forms import (
    ActionForm,
    ReinstateForm,
    ReinstatementRequestForm,
    RenewalDecisionForm,
)
from app.providers.models import ApprovalRenewal
from app.providers.standing import Standing
from app.submissions.services import get_curriculum_for

bp = Blueprint("providers", __name__)


@bp.get("/providers")
def index():
    """Approved training providers and whether each is in good standing (§806.3.A)."""
    return render_template("providers/index.html", rows=services.provider_list(db.session))


# Both standing pages have always answered a form to fix, or a refusal, with 200.
_FIX_ANSWERS_200 = {"invalid_status": 200, "refused_status": lambda _outcome: 200}


def _standing_page(template: str, organization_id: int, form, **shown):
    """The page of an organization's standing, when its review is due and ``form``: a function of
    the status to answer with (``again`` for post_form)."""
    policy = context.policy()
    row = services.standing_of(db.session, organization_id)

    def page(status: int = 200):
        due = services.review_due_on(row, policy) if row else None
        return render_template(template, row=row, form=form, due=due, **shown), status

    return page


@bp.route("/provider/standing", methods=["GET", "POST"])
@roles_required(Role.PROVIDER)
def standing():
    """A suspended or revoked provider sees why and asks to return to good standing (§806.5)."""
    policy = context.policy()
    form = ReinstatementRequestForm()
    page = _standing_page(
        "providers/standing.html", current_user.organization_id, form, standings=Standing
    )
    if request.method == "GET":
        return page()
    return post_form(
        form,
        lambda: services.request_reinstatement(
            db.session, current_user, policy, today=context.today(), evidence=form.evidence.data
        ),
        errors_in=form.evidence,
        success=_("Your request is with the reviewers."),
        done=lambda _row: redirect(url_for("providers.standing")),
        again=page,
        **_FIX_ANSWERS_200,
    )


@bp.route("/providers/<int:organization_id>/reinstate", methods=["GET", "POST"])
@roles_required(Role.REVIEWER, Role.ADMIN)
def reinstate(organization_id: int):
    """A reviewer returns a provider to good standing after reviewing its evidence (§806.5)."""
    organization = services.get_organization(db.session, organization_id)
    form = ReinstateForm()
    page = _standing_page(
        "providers/reinstate.html", organization_id, form, organization=organization
    )
    if request.method == "GET":
        return page()
    return post_form(
        form,
        lambda: services.set_standing(
            db.session,
            organization,
            current_user,
            Standing.GOOD,
            today=context.today(),
            reason=form.reason.data,
        ),
        errors_in=form.reason,
        success=_("%(name)s is back in good standing.", name=organization.name),
        done=lambda _row: redirect(url_for("providers.index")),
        again=page,
        **_FIX_ANSWERS_200,
    )


@bp.get("/provider/renewals")
@roles_required(Role.PROVIDER)
def renewals_page():
    """The organization's approvals: valid until when, open to renewal, lapsed (§803.4)."""
    policy, today = context.policy(), context.today()
    row = services.standing_of(db.session, current_user.organization_id)
    rows = []
    for curriculum in renewals.approvals_of(db.session, current_user.organization_id):
        status = services.status_of_course(
            curriculum.expires_on, row.standing if row else None, policy, today
        )
        opens = (
            renewals.renewal_window_opens(curriculum.expires_on, policy)
            if curriculum.expires_on
            else None
        )
        rows.append((curriculum, status, opens, renewals.pending_for(db.session, curriculum.id)))
    return render_template(
        "providers/renewals.html",
        rows=rows,
        today=today,
        action=ActionForm(),
        fee=policy.value("fee.provider_renewal"),
        fee_citation=policy.cite("fee.provider_renewal"),
    )


@bp.post("/curricula/<int:curriculum_id>/renew")
@roles_required(Role.PROVIDER)
def apply_renewal(curriculum_id: int):
    curriculum = get_curriculum_for(db.session, current_user, curriculum_id)
    attempt(
        lambda: renewals.apply(
            db.session, curriculum, current_user, context.policy(), today=context.today()
        ),
        success=_(
            "Your renewal application is with the reviewers; pay the renewal fee as instructed."
        ),
    )
    return redirect(url_for("providers.renewals_page"))


@bp.get("/review/renewals")
@roles_required(Role.REVIEWER, Role.ADMIN)
def renewal_queue():
    """Renewal applications waiting for a decision, oldest first."""
    return render_template(
        "providers/renewal_queue.html",
        items=renewals.pending(db.session),
        form=RenewalDecisionForm(),
    )


@bp.post("/review/renewals/<int:renewal_id>")
@roles_required(Role.REVIEWER, Role.ADMIN)
def decide_renewal(renewal_id: int):
    form = RenewalDecisionForm()
    form.validate_on_submit()
    done = attempt(
        lambda: renewals.decide(
            db.session,
            db.session.get(ApprovalRenewal, renewal_id),
            current_user,
            context.policy(),
            today=context.today(),
            renew=form.outcome.data == "renew",
            fee_paid=bool(form.fee_paid.data),
            reason=form.reason.data or "",
        ),
        success=_("The renewal is decided and the provider is told."),
    )
    if refusal_status(done) == 409:  # another reviewer decided it meanwhile; the reason stays
        say_what_was_kept(done, form.reason.data or "")
        return renewal_queue(), 409
    return redirect(url_for("providers.renewal_queue"))
