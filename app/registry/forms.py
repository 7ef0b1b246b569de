"""Forms of the registry."""

from __future__ import annotations

from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import DateField, SelectField, SelectMultipleField, StringField
from wtforms.validators import DataRequired, Email, Length, Optional

from app.ce.forms import SPECIALIZATION_CHOICES
from app.registry.rules import ACTION_LABELS, STATUS_LABELS


class RecordForm(FlaskForm):
    legal_name = StringField("Full legal name", validators=[DataRequired(), Length(max=200)])
    certification_number = StringField(
        "Certification number (MPSS followed by digits)", validators=[Optional(), Length(max=20)]
    )
    issued_on = DateField("Active date", validators=[DataRequired()])
    expires_on = DateField("Expiration date", validators=[DataRequired()])
    specializations = SelectMultipleField(
        "Specializations", choices=SPECIALIZATION_CHOICES, validators=[Optional()]
    )
    email = StringField(
        "Holder's email (for the claim code; never shown publicly)",
        validators=[Optional(), Email(), Length(max=254)],
    )


class StatusForm(FlaskForm):
    status = SelectField("Status", choices=[(k.value, v) for k, v in STATUS_LABELS.items()])
    action = SelectField("Action", choices=[(k.value, v) for k, v in ACTION_LABELS.items()])
    effective_on = DateField("Took effect on", validators=[DataRequired()])
    reason = StringField("Reason", validators=[DataRequired(), Length(max=2000)])


class RegistryImportForm(FlaskForm):
    file = FileField("Registry CSV")
