"""The appeals' review clock on the appeals log, its extension, and the log as CSV."""

from __future__ import annotations

from flask import Blueprint, Response, flash, redirect, url_for
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import IntegerField, TextAreaField
from wtforms.validators import DataRequired, Length, NumberRange

from app import context
from app.auth.access import roles_required
from app.auth.models import Role
from app.csvsafe import to_csv
from app.errors import attempt
from app.extensions import db
from app.submissions import appeals
from app.submissions import services as submissions
from app.submissions.models import Appeal

bp = Blueprint("appeals", __name__)


class AppealExtensionForm(FlaskForm):
    days = IntegerField(
        "Extend by (days)", default=30, validators=[DataRequired(), NumberRange(1, 30)]
    )
    reason = TextAreaField(
        "Why more time is needed (sent to the appellant)",
        validators=[DataRequired(), Length(max=5000)],
    )


def log_context(items: list[Appeal]) -> dict:
    """What the appeals log shows besides the appeals: each one's clock and §807 type."""
    policy, today = context.policy(), context.today()
    return {
        "appeals": items,
        "clocks": {a.id: appeals.appeal_clock(a, policy, today) for a in items},
        "type_label": appeals.type_label,
        "subject_of": appeals.subject_of,
        "extension_form": AppealExtensionForm(),
    }


@bp.post("/review/appeals/<int:appeal_id>/extend")
@roles_required(Role.REVIEWER, Role.ADMIN)
def extend(appeal_id: int):
    form = AppealExtensionForm()
    if not form.validate_on_submit():
        flash("Give the number of days (1 to 30) and the reason.", "error")
        return redirect(url_for("submissions.appeals_log"))
    attempt(
        lambda: appeals.extend_review(
            db.session,
            db.session.get(Appeal, appeal_id),
            current_user,
            context.policy(),
            today=context.today(),
            days=form.days.data,
            reason=form.reason.data,
        ),
        success="The review is extended and the appellant is told in writing.",
    )
    return redirect(url_for("submissions.appeals_log"))


APPEAL_COLUMNS = [
    "1. Date of request",
    "2. Type of appeal",
    "3. Requester",
    "4. Contact",
    "5. Nature of the request",
    "6. Activities",
    "7. Date of final disposition",
    "8. Final disposition",
    "9. Letter sent",
    "Curriculum or complaint",
    "Due (§805.6–7)",
]


@bp.get("/review/appeals.csv")
@roles_required(Role.REVIEWER, Role.ADMIN)
def log_csv():
    """The appeals log (§807.1.D) as CSV."""
    policy, today = context.policy(), context.today()
    rows = (
        [
            a.requested_on.isoformat(),
            appeals.type_label(a.appeal_type),
            a.requester.name,
            a.contact,
            a.nature,
            "; ".join(f"{x['on']}: {x['what']}" for x in a.activities),
            a.disposition_on.isoformat() if a.disposition_on else "",
            a.disposition,
            a.letter_sent_on.isoformat() if a.letter_sent_on else "",
            appeals.subject_of(a),
            appeals.appeal_clock(a, policy, today).due_on.isoformat(),
        ]
        for a in submissions.appeals_log(db.session)
    )
    return Response(
        to_csv(APPEAL_COLUMNS, rows),
        mimetype="text/csv",
        headers={"Content-Disposition": 'attachment; filename="appeals-log.csv"'},
    )
