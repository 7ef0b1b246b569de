"""Forms of the registry."""

from __future__ import annotations

from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import BooleanField, DateField, SelectField, SelectMultipleField, StringField
from wtforms.validators import DataRequired, Email, Length, Optional

from app.ce.record import SPECIALIZATION_CHOICES
from app.policy import SANCTION_CE
from app.registry.rules import ACTION_LABELS, REINSTATEMENT_STEPS, STATUS_LABELS


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


class RenewalForm(FlaskForm):
    attest = BooleanField(
        "I attest that I completed 20 hours of continuing education in this certification period, "
        "including 6 hours of law and ethics (§207.9)."
    )
    signature = StringField(
        "Sign the code of ethics: type your full legal name (§207.10)",
        validators=[DataRequired(), Length(max=200)],
    )


class ReinstatementStepForm(FlaskForm):
    step = SelectField("Step", choices=list(REINSTATEMENT_STEPS.items()))
    completed_on = DateField("Completed on", validators=[DataRequired()])


class RequirementForm(FlaskForm):
    sanction = SelectField(
        "CE the sanction requires",
        choices=[(s.code, f"{s.text} — {s.citation}") for s in SANCTION_CE],
    )
    imposed_on = DateField("Imposed on", validators=[DataRequired()])
    due_on = DateField("Due by (optional)", validators=[Optional()])
    note = StringField("Note", validators=[Optional(), Length(max=2000)])
