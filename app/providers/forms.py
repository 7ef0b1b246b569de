"""Forms of the provider standing pages."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, SelectField, TextAreaField
from wtforms.validators import Length, Optional

from app.formfields import required_text


class ReinstatementRequestForm(FlaskForm):
    evidence = required_text(
        _l("How your organization meets the requirements in the letter of action (§806.5.C)"), 20000
    )


class ReinstateForm(FlaskForm):
    reason = required_text(_l("Reasons for the return to good standing"))


class RenewalDecisionForm(FlaskForm):
    outcome = SelectField(
        _l("Decision"), choices=[("renew", _l("Renew for two years")), ("refuse", _l("Refuse"))]
    )
    fee_paid = BooleanField(_l("The renewal fee is paid (§601)"))
    reason = TextAreaField(
        _l("Reason (required to refuse)"), validators=[Optional(), Length(max=5000)]
    )


class ActionForm(FlaskForm):
    """A button-only form carrying the CSRF token."""
