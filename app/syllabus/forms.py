"""The check form: a program, and a syllabus pasted or uploaded."""

from __future__ import annotations

from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import SelectField, TextAreaField
from wtforms.validators import Optional

from app.policy import DEFAULT_POLICY

PROGRAM_CHOICES = [
    ("", "As the syllabus says (front matter 'program:')"),
    *((p, DEFAULT_POLICY.program_label(p)) for p in DEFAULT_POLICY.programs),
]


class CheckForm(FlaskForm):
    """Either the pasted text or the uploaded file is used (the file wins when both are given)."""

    program = SelectField("Program", choices=PROGRAM_CHOICES, validators=[Optional()])
    text = TextAreaField("Paste the syllabus (Markdown or plain text)", validators=[Optional()])
    upload = FileField("Or upload a file (.md, .txt, .docx or .pdf)")
