"""Forms of the completion rosters a provider posts and of a peer's dispute."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import TextAreaField
from wtforms.validators import DataRequired, Length

from app.ce.rosters import MAX_DISPUTE


class CompletionsForm(FlaskForm):
    file = FileField(_l("Roster (.csv or .xlsx)"))


class PostForm(FlaskForm):
    """The rows to post come as ``line`` checkboxes; the form carries the CSRF token."""


class DisputeForm(FlaskForm):
    reason = TextAreaField(
        _l("What is wrong with this entry"),
        validators=[
            DataRequired(
                _l("Say what is wrong with this entry (for example the date or the hours).")
            ),
            Length(max=MAX_DISPUTE),
        ],
    )
