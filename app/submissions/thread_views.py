"""Comment threads on the review page and the provider's curriculum page: open, reply."""

from __future__ import annotations

from flask import Blueprint, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import SelectField, TextAreaField
from wtforms.validators import DataRequired, Length

from app.auth.access import roles_required
from app.auth.models import Role
from app.extensions import db
from app.forms_flow import error_status, post_form
from app.notifications import links
from app.submissions import services, threads
from app.submissions.states import SubmissionState
from app.submissions.thread_models import CommentThread

bp = Blueprint("threads", __name__)


class OpenThreadForm(FlaskForm):
    target = SelectField(_l("Module or competency"), choices=[])
    text = TextAreaField(
        _l("Your question or comment"),
        validators=[DataRequired(_l("Write the message.")), Length(max=5000)],
    )


class ReplyForm(FlaskForm):
    text = TextAreaField(
        _l("Your reply"), validators=[DataRequired(_l("Write the reply.")), Length(max=5000)]
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


def _thread_form(curriculum, form, thread, status: int):
    """The thread's form shown again with what was typed (``thread`` None: a new thread)."""
    return render_template(
        "submissions/thread_form.html", curriculum=curriculum, form=form, thread=thread
    ), status


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
    return post_form(
        form,
        lambda: threads.open_thread(
            db.session,
            curriculum,
            current_user,
            target=form.target.data,
            text=form.text.data,
            link=link,
        ),
        errors_in=form.text,
        success=_("The thread is open; the provider is told and can answer without resubmitting."),
        done=lambda thread: _back(curriculum_id, thread.id),
        again=lambda status: _thread_form(curriculum, form, None, status),
        invalid_status=400,
        refused_status=error_status,
    )


@bp.post("/curricula/<int:curriculum_id>/threads/<int:thread_id>/reply")
@roles_required(Role.PROVIDER, Role.REVIEWER, Role.ADMIN)
def reply(curriculum_id: int, thread_id: int):
    """The provider or a reviewer answers in a thread; the other side is told."""
    curriculum = services.get_curriculum_for(db.session, current_user, curriculum_id)
    thread = threads.thread_of(db.session, curriculum, thread_id)
    form = ReplyForm(prefix=f"reply-{thread_id}")
    return post_form(
        form,
        lambda: threads.reply(
            db.session, curriculum, thread, current_user, text=form.text.data, link=link
        ),
        errors_in=form.text,
        success=_("Your reply is posted; the other side is told."),
        done=lambda _message: _back(curriculum_id, thread_id),
        again=lambda status: _thread_form(
            curriculum, form, threads.thread_of(db.session, curriculum, thread_id), status
        ),
        invalid_status=400,
        refused_status=error_status,
    )
