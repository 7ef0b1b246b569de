"""The check form: a program, and a syllabus pasted or uploaded."""

from __future__ import annotations

from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import SelectField, TextAreaField
from wtforms.validators import Optional

PROGRAM_CHOICES = [
    ("", "As the syllabus says (front matter 'program:')"),
    ("core", "Core competency training (80 hours)"),
    ("refresher", "Refresher training (40 hours)"),
    ("pcfm", "Specialization: Parent, Caregiver, Family Member"),
    ("crisis", "Specialization: Crisis Care"),
    ("unhoused", "Specialization: Unhoused"),
    ("justice", "Specialization: Justice-Involved"),
    ("ce", "Continuing-education course"),
]


class CheckForm(FlaskForm):
    """Either the pasted text or the uploaded file is used (the file wins when both are given)."""

    program = SelectField("Program", choices=PROGRAM_CHOICES, validators=[Optional()])
    text = TextAreaField("Paste the syllabus (Markdown or plain text)", validators=[Optional()])
    upload = FileField("Or upload a file (.md, .txt, .docx or .pdf)")
