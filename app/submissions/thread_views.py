"""Comment threads on the review page and the provider's curriculum page: open, reply."""

from __future__ import annotations

from flask import Blueprint, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import SelectField, TextAreaField
from wtforms.validators import DataRequired, Length

from app.auth.access import roles_required
from app.auth.models import Role
from app.errors import attempt
from app.extensions import db
from app.notifications import links
from app.submissions import services, threads
from app.submissions.states import SubmissionState
from app.submissions.thread_models import CommentThread

bp = Blueprint("threads", __name__)


class OpenThreadForm(FlaskForm):
    target = SelectField("Module or competency", choices=[])
    text = TextAreaField(
        "Your question or comment",
        validators=[DataRequired("Write the message."), Length(max=5000)],
    )


class ReplyForm(FlaskForm):
    text = TextAreaField(
        "Your reply", validators=[DataRequired("Write the reply."), Length(max=5000)]
    )


def _open_form(curriculum) -> OpenThreadForm:
    # Prefixed: the review page's comment form has fields of the same names.
    form = OpenThreadForm(prefix="thread")
    version = curriculum.current_version
    form.target.choices = [(t, t) for t in services.comment_targets(version)] if version else []
    return form


def link(thread: CommentThread, audience: str) -> str:
    """The page where ``audience`` (provider or reviewer) reads and answers ``thread``."""
    endpoint = "submissions.review" if audience == "reviewer" else "submissions.detail"
    return links.url(endpoint, curriculum_id=thread.curriculum_id) + f"#thread-{thread.id}"


def _back(curriculum_id: int, thread_id: int | None = None):
    endpoint = "submissions.detail" if current_user.role == Role.PROVIDER else "submissions.review"
    anchor = f"thread-{thread_id}" if thread_id else "threads"
    return redirect(url_for(endpoint, curriculum_id=curriculum_id, _anchor=anchor))


@bp.app_template_global("thread_panel")
def thread_panel(curriculum) -> dict:
    """What the threads section of a curriculum page shows to the person signed in."""
    reviewer = current_user.role in threads.REVIEWER_ROLES
    visible = curriculum.state != SubmissionState.DRAFT
    is_open = visible and curriculum.state not in threads.CLOSED_STATES
    return {
        "threads": threads.threads_of(db.session, curriculum) if visible else [],
        "visible": visible,
        "can_reply": is_open,
        "open_form": _open_form(curriculum) if reviewer and is_open else None,
        "reply_form": ReplyForm,
    }


@bp.post("/curricula/<int:curriculum_id>/threads")
@roles_required(Role.REVIEWER, Role.ADMIN)
def open_thread(curriculum_id: int):
    """A reviewer opens a thread on one module or competency; the provider is told."""
    curriculum = services.get_curriculum_for(db.session, current_user, curriculum_id)
    form = _open_form(curriculum)
    if form.validate_on_submit():
        opened = attempt(
            lambda: threads.open_thread(
                db.session,
                curriculum,
                current_user,
                target=form.target.data,
                text=form.text.data,
                link=link,
            ),
            errors=form.text.errors,
            success=_(
                "The thread is open; the provider is told and can answer without resubmitting."
            ),
        )
        if opened.ok:
            return _back(curriculum_id, opened.value.id)
        status = opened.error.status
    else:
        status = 400
    return render_template(
        "submissions/thread_form.html", curriculum=curriculum, form=form, thread=None
    ), status


@bp.post("/curricula/<int:curriculum_id>/threads/<int:thread_id>/reply")
@roles_required(Role.PROVIDER, Role.REVIEWER, Role.ADMIN)
def reply(curriculum_id: int, thread_id: int):
    """The provider or a reviewer answers in a thread; the other side is told."""
    curriculum = services.get_curriculum_for(db.session, current_user, curriculum_id)
    thread = threads.thread_of(db.session, curriculum, thread_id)
    form = ReplyForm(prefix=f"reply-{thread_id}")
    if form.validate_on_submit():
        sent = attempt(
            lambda: threads.reply(
                db.session, curriculum, thread, current_user, text=form.text.data, link=link
            ),
            errors=form.text.errors,
            success=_("Your reply is posted; the other side is told."),
        )
        if sent.ok:
            return _back(curriculum_id, thread_id)
        status = sent.error.status
        thread = threads.thread_of(db.session, curriculum, thread_id)
    else:
        status = 400
    return render_template(
        "submissions/thread_form.html", curriculum=curriculum, form=form, thread=thread
    ), status
