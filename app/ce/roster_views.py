"""Pages of the completion rosters: a provider previews and posts a roster for an approved
course; a peer sees and disputes an entry a provider reported; staff see the disputes."""

from __future__ import annotations

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from app import context
from app.auth.access import roles_required
from app.auth.models import Role
from app.ce import dispute_views, rosters, services
from app.ce.roster_forms import CompletionsForm, DisputeForm, PostForm
from app.errors import NotFound, attempt
from app.extensions import db
from app.routing import parse_id

bp = Blueprint("rosters", __name__)
MAX_ROSTER_BYTES = 2 * 1024 * 1024


def _course_page(course, form, errors: list[str], status: int = 200):
    return render_template(
        "rosters/course.html",
        course=course,
        form=form,
        errors=errors,
        postings=rosters.postings_of(db.session, course.id),
        approved_hours=rosters.describe(course).hours,
    ), status


@bp.route("/provider/courses/<int:curriculum_id>/completions", methods=["GET", "POST"])
@roles_required(Role.PROVIDER)
def course_completions(curriculum_id: int):
    """Upload a roster of completions for an approved course; it is previewed before posting."""
    course = rosters.course_of(db.session, current_user, curriculum_id)
    form = CompletionsForm()
    if request.method == "GET":
        return _course_page(course, form, [])
    upload = context.uploaded("file", MAX_ROSTER_BYTES)
    if not form.validate_on_submit() or upload is None:
        return _course_page(course, form, [_("Choose the roster (.csv or .xlsx) to upload.")], 422)
    errors: list[str] = []
    outcome = attempt(
        lambda: rosters.preview(
            db.session,
            course,
            current_user,
            upload,
            today=context.today(),
            upload_dir=current_app.config["UPLOAD_DIR"],
            max_bytes=MAX_ROSTER_BYTES,
        ),
        errors=errors,
    )
    if errors:
        return _course_page(course, form, errors, 422)
    return redirect(url_for("rosters.posting", posting_id=outcome.value.id))


@bp.route("/provider/completions/<int:posting_id>", methods=["GET", "POST"])
@roles_required(Role.PROVIDER)
def posting(posting_id: int):
    """A roster's rows with their outcomes; posting the chosen rows, all or none."""
    found = rosters.posting_of(db.session, current_user, posting_id)
    form = PostForm()
    errors: list[str] = []
    chosen = {parse_id(v) for v in request.form.getlist("line")} - {None}
    if request.method == "POST" and form.validate_on_submit():
        outcome = attempt(
            lambda: rosters.post(db.session, found, current_user, chosen, today=context.today()),
            errors=errors,
        )
        if not errors:
            count = outcome.value
            flash(
                ngettext(
                    "%(num)d completion posted to peers' records.",
                    "%(num)d completions posted to peers' records.",
                    count,
                ),
                "success",
            )
            return redirect(url_for("rosters.posting", posting_id=found.id))
        found = rosters.posting_of(db.session, current_user, posting_id)
    elif request.method == "POST":
        errors.append(_("The form expired; choose the rows and post again."))
    counts: dict[str, int] = {}
    for line in found.lines:
        counts[line["outcome"]] = counts.get(line["outcome"], 0) + 1
    return render_template(
        "rosters/posting.html",
        posting=found,
        form=form,
        errors=errors,
        counts=counts,
        labels=rosters.OUTCOME_LABELS,
        postable=(rosters.READY, rosters.TAKES_OVER),
        chosen=chosen if request.method == "POST" else None,
        disputed=[r for r in found.reported if r.disputed_at],
    ), (422 if errors else 200)


@bp.route("/ce/reported/<int:entry_id>", methods=["GET", "POST"])
@roles_required(Role.PEER)
def reported_entry(entry_id: int):
    """An entry a provider reported to the peer's record, and the peer's dispute of it."""
    profile = services.profile_of(db.session, current_user)
    reported = rosters.reported_entry(db.session, entry_id)
    if profile is None or reported is None or reported.entry.profile_id != profile.id:
        raise NotFound("There is no such reported entry in your record.")
    form = DisputeForm()
    if form.validate_on_submit():
        outcome = attempt(
            lambda: rosters.dispute(db.session, profile, entry_id, form.reason.data or ""),
            errors=form.reason.errors,
        )
        if outcome.error is None:
            flash(
                _("Your dispute is recorded; the provider and the program staff see it."), "success"
            )
            return redirect(url_for("rosters.reported_entry", entry_id=entry_id))
    status = 422 if form.errors else 200
    return render_template("rosters/reported.html", reported=reported, form=form), status


@bp.get("/completions/disputes")
@roles_required(Role.REVIEWER, Role.ADMIN)
def disputes():
    """Disputed entries providers reported: the open ones to resolve, or the decided ones."""
    return dispute_views.list_page()
