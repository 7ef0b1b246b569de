"""The page of one appeal, for its appellant and for reviewers: the statement, the
acknowledgement of receipt, the evidence files (added while the appeal is open, downloaded only by
those who may see the appeal) and the date the letter of final disposition was sent."""

from __future__ import annotations

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user, login_required

from app import context
from app.appeals import services
from app.appeals.forms import EvidenceForm, LetterForm
from app.appeals.kinds import type_label
from app.appeals.models import Appeal
from app.errors import attempt
from app.extensions import db
from app.i18n.messages import translated
from app.notifications import links
from app.uploads import send_stored

bp = Blueprint("appeal_pages", __name__)


def posted_files(field: str, max_bytes: int) -> list[services.Upload]:
    """Every file chosen in ``field`` as (at most ``max_bytes`` + 1 bytes, name); the extra byte
    lets the checks tell that a file is too large."""
    return [
        (upload.read(max_bytes + 1), upload.filename)
        for upload in request.files.getlist(field)
        if upload and upload.filename
    ]


def store_evidence(item: Appeal, files: list[services.Upload], today) -> Appeal:
    """Keep ``files`` (if any) as the signed-in appellant's evidence for ``item`` in this app's
    upload store (§702.2.A); the appeal, for a caller that files it and adds evidence at once."""
    if files:
        services.add_evidence(
            db.session,
            item,
            current_user,
            files,
            today=today,
            upload_dir=current_app.config["UPLOAD_DIR"],
            max_bytes=current_app.config["MAX_CONTENT_LENGTH"],
        )
    return item


def page_link(item: Appeal) -> str:
    """The address of an appeal's page, for emails."""
    return links.url("appeal_pages.page", appeal_id=item.id)


def _render(item: Appeal, status: int = 200, **forms):
    policy, today = context.policy(), context.today()
    return render_template(
        "appeals/page.html",
        appeal=item,
        subject=translated(services.subject_of(item)),
        type_label=type_label(item.appeal_type),
        clock=services.appeal_clock(item, policy, today),
        appellant=services.is_appellant(item, current_user),
        staff=current_user.role in services.STAFF,
        evidence_form=forms.get("evidence_form") or EvidenceForm(),
        letter_form=forms.get("letter_form") or LetterForm(),
    ), status


@bp.get("/appeals/<int:appeal_id>")
@login_required
def page(appeal_id: int):
    return _render(services.visible(db.session, current_user, appeal_id))


@bp.post("/appeals/<int:appeal_id>/evidence")
@login_required
def add_evidence(appeal_id: int):
    """The appellant adds evidence files to an open appeal; a refused file keeps nothing."""
    item = services.visible(db.session, current_user, appeal_id)
    form = EvidenceForm()
    limit = current_app.config["MAX_CONTENT_LENGTH"]
    files = posted_files("evidence", limit)
    if not form.validate_on_submit():
        return _render(item, 400, evidence_form=form)
    if not files:
        form.evidence.errors.append(_("Choose one or more files to add."))
        return _render(item, 400, evidence_form=form)
    added = attempt(
        lambda: store_evidence(item, files, context.today()),
        errors=form.evidence.errors,
        success=ngettext(
            "%(num)d file added to the appeal.", "%(num)d files added to the appeal.", len(files)
        ),
    )
    if not added.ok:
        item = services.visible(db.session, current_user, appeal_id)
        if item.disposition_on is not None:  # the page no longer shows the form: say why here
            flash(translated(added.error.message), "error")
        return _render(item, added.error.status, evidence_form=form)
    return redirect(url_for("appeal_pages.page", appeal_id=appeal_id) + "#evidence")


@bp.get("/appeals/<int:appeal_id>/evidence/<int:file_id>")
@login_required
def download(appeal_id: int, file_id: int):
    """One evidence file, as an attachment, to those who may see the appeal (404 to anyone else)."""
    item = services.visible(db.session, current_user, appeal_id)
    found = services.evidence_file(item, file_id)
    return send_stored(current_app.config["UPLOAD_DIR"], found.stored_name, found.original_name)


@bp.post("/appeals/<int:appeal_id>/letter")
@login_required
def record_letter(appeal_id: int):
    """A reviewer enters the date the letter of final disposition was sent."""
    item = services.visible(db.session, current_user, appeal_id)
    form = LetterForm()
    if not form.validate_on_submit():
        return _render(item, 400, letter_form=form)
    done = attempt(
        lambda: services.record_letter(
            db.session, item, current_user, sent_on=form.sent_on.data, today=context.today()
        ),
        errors=form.sent_on.errors,
        success=_("The date the letter was sent is recorded."),
    )
    if not done.ok:
        return _render(
            services.visible(db.session, current_user, appeal_id),
            done.error.status,
            letter_form=form,
        )
    return redirect(url_for("appeal_pages.page", appeal_id=appeal_id) + "#letter")
