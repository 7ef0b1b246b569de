"""Forms of the provider standing pages."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import BooleanField, SelectField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional


class ReinstatementRequestForm(FlaskForm):
    evidence = TextAreaField(
        "How your organization meets the requirements in the letter of action (§806.5.C)",
        validators=[DataRequired(), Length(max=20000)],
    )


class ReinstateForm(FlaskForm):
    reason = TextAreaField(
        "Reasons for the return to good standing", validators=[DataRequired(), Length(max=5000)]
    )


class RenewalDecisionForm(FlaskForm):
    outcome = SelectField(
        "Decision", choices=[("renew", "Renew for two years"), ("refuse", "Refuse")]
    )
    fee_paid = BooleanField("The renewal fee is paid (§601)")
    reason = TextAreaField("Reason (required to refuse)", validators=[Optional(), Length(max=5000)])


class ActionForm(FlaskForm):
    """A button-only form carrying the CSRF token."""
