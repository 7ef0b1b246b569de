"""Forms of the provider standing pages."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import TextAreaField
from wtforms.validators import DataRequired, Length


class ReinstatementRequestForm(FlaskForm):
    evidence = TextAreaField(
        "How your organization meets the requirements in the letter of action (§806.5.C)",
        validators=[DataRequired(), Length(max=20000)],
    )


class ReinstateForm(FlaskForm):
    reason = TextAreaField(
        "Reasons for the return to good standing", validators=[DataRequired(), Length(max=5000)]
    )
