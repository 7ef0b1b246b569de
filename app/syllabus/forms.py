"""The check form: a program, and a syllabus pasted or uploaded."""

from __future__ import annotations

from flask_babel import LazyString
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import SelectField, TextAreaField
from wtforms.validators import Optional

from app.i18n.programs import program_label
from app.policy import DEFAULT_POLICY

PROGRAM_CHOICES = [
    ("", _l("As the syllabus says (front matter 'program:')")),
    # Each label in the page's language when the form is shown ("Refresher Training (40 hours)").
    *((p, LazyString(program_label, p)) for p in DEFAULT_POLICY.programs),
]


class CheckForm(FlaskForm):
    """Either the pasted text or the uploaded file is used (the file wins when both are given)."""

    program = SelectField(_l("Program"), choices=PROGRAM_CHOICES, validators=[Optional()])
    text = TextAreaField(_l("Paste the syllabus (Markdown or plain text)"), validators=[Optional()])
    upload = FileField(_l("Or upload a file (.md, .txt, .docx or .pdf)"))
