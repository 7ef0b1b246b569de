"""Filing a curriculum's appeal with its evidence and acknowledgement; the appeals' review clock
on the appeals log, its extension, and the log as CSV."""

from __future__ import annotations

from flask import Blueprint, Response, current_app, flash, redirect, url_for
from flask_babel import gettext as _
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import IntegerField, TextAreaField
from wtforms.validators import DataRequired, Length, NumberRange

from app import context
from app.appeals import services as appeals
from app.appeals.kinds import type_label
from app.appeals.log_cells import disposition_cells
from app.appeals.models import Appeal
from app.appeals.views import page_link, posted_files, store_evidence
from app.auth.access import roles_required
from app.auth.models import Role
from app.csvsafe import to_csv
from app.errors import attempt
from app.extensions import db
from app.i18n.exports import APPEALS, header
from app.i18n.messages import translated
from app.submissions import services as submissions
from app.uploads import UploadError

bp = Blueprint("appeals", __name__)


class AppealExtensionForm(FlaskForm):
    days = IntegerField(
        "Extend by (days)", default=30, validators=[DataRequired(), NumberRange(1, 30)]
    )
    reason = TextAreaField(
        "Why more time is needed (sent to the appellant)",
        validators=[DataRequired(), Length(max=5000)],
    )


def file_curriculum_appeal(curriculum, form) -> tuple[FlaskForm, int] | None:
    """The provider appeals a denial (§702.1.D) with any evidence files (§702.2.A); receipt is
    acknowledged to them and the reviewers are told, each with a link to the appeal (§805.5).
    None when filed; else the refused form, with what was typed, and the status to answer."""
    if not form.validate_on_submit():
        return form, 400
    limit = current_app.config["MAX_CONTENT_LENGTH"]
    evidence = posted_files("evidence", limit)
    try:  # every file is checked before the appeal is filed or anything is stored
        appeals.check_evidence(evidence, limit)
    except UploadError as error:
        form.evidence.errors.append(
            _(
                "%(problem)s Nothing was filed; choose the files again.",
                problem=translated(error.message),
            )
        )
        return form, error.status
    policy, today = context.policy(), context.today()

    def file() -> Appeal:
        item = submissions.appeal(
            db.session,
            curriculum,
            current_user,
            policy,
            today=today,
            nature=form.nature.data,
            contact=form.contact.data,
        )
        store_evidence(item, evidence, today)
        link = page_link(item)
        appeals.acknowledge(db.session, item, policy, today=today, appellant_link=link)
        return item

    filed = attempt(
        file,
        errors=form.nature.errors,
        success=_(
            "Your appeal is filed and its receipt acknowledged by email; a different reviewer "
            "will decide it, and that decision is final (%(citation)s).",
            citation=policy.cite("appeal.final"),
        ),
    )
    return None if filed.ok else (form, filed.error.status)


def log_context(items: list[Appeal]) -> dict:
    """What the appeals log shows besides the appeals: each one's clock and §807 type."""
    policy, today = context.policy(), context.today()
    return {
        "appeals": items,
        "clocks": {a.id: appeals.appeal_clock(a, policy, today) for a in items},
        "type_label": type_label,
        "subject_of": lambda item: translated(appeals.subject_of(item)),
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
        success=_("The review is extended and the appellant is told in writing."),
    )
    return redirect(url_for("submissions.appeals_log"))


APPEAL_COLUMNS = APPEALS  # the appeals log of §807.1.D, headed in the reader's language


@bp.get("/review/appeals.csv")
@roles_required(Role.REVIEWER, Role.ADMIN)
def log_csv():
    """The appeals log (§807.1.D) as CSV."""
    policy, today = context.policy(), context.today()
    rows = (
        [
            a.requested_on.isoformat(),
            type_label(a.appeal_type),
            a.requester.name,
            a.contact,
            a.nature,
            *disposition_cells(a),
            appeals.subject_of(a),
            appeals.appeal_clock(a, policy, today).due_on.isoformat(),
        ]
        for a in submissions.appeals_log(db.session)
    )
    return Response(
        to_csv(header(APPEAL_COLUMNS), rows),
        mimetype="text/csv",
        headers={"Content-Disposition": 'attachment; filename="appeals-log.csv"'},
    )
