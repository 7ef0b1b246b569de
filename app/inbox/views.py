"""The home page's inbox for a signed-in person, and the reviewer's email setting."""

from __future__ import annotations

from flask import Blueprint, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app import context
from app.alerts import notify
from app.alerts.models import DELIVERIES
from app.auth.access import roles_required
from app.auth.models import Role
from app.extensions import db
from app.forms_flow import post_form
from app.inbox import services
from app.inbox.forms import EmailDeliveryForm

bp = Blueprint("inbox", __name__)


def home_page():
    """The signed-in person's inbox: what waits for them, most urgent first."""
    sections = services.inbox_for(db.session, current_user, context.policy(), context.today())
    delivery = (
        _(DELIVERIES[notify.delivery_of(db.session, current_user)])
        if current_user.role in notify.STAFF
        else None
    )
    return render_template(
        "inbox/home.html",
        sections=sections,
        waiting=sum(s.count for s in sections),
        delivery=delivery,
    )


@bp.route("/account/email-delivery", methods=["GET", "POST"])
@roles_required(Role.REVIEWER, Role.ADMIN)
def email_delivery():
    """A reviewer chooses one email per new item, or one daily digest."""
    form = EmailDeliveryForm()
    if request.method == "GET":
        form.delivery.data = notify.delivery_of(db.session, current_user)
    return post_form(
        form,
        lambda: notify.set_delivery(db.session, current_user, form.delivery.data),
        errors_in=form.delivery,
        success=_("Your email setting is saved."),
        done=lambda _value: redirect(url_for("main.index")),
        again=lambda status: (render_template("inbox/email_delivery.html", form=form), status),
        invalid_status=422 if request.method == "POST" else 200,
        refused_status=lambda _outcome: 422,
    )
