"""Forms of the appeal page: evidence files added while the appeal is open, and the date the
letter of final disposition was sent."""

from __future__ import annotations

from flask_wtf import FlaskForm
from flask_wtf.file import MultipleFileField
from wtforms import DateField
from wtforms.validators import InputRequired

EVIDENCE_LABEL = "Evidence files (.pdf, .docx, .txt, .md, .png, .jpg; you may choose several)"


class EvidenceForm(FlaskForm):
    evidence = MultipleFileField(EVIDENCE_LABEL)


class LetterForm(FlaskForm):
    sent_on = DateField(
        "Date the letter of final disposition was sent",
        validators=[InputRequired("Give the date the letter was sent.")],
    )
