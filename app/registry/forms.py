"""Forms of the registry."""

from __future__ import annotations

from flask_babel import LazyString
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import BooleanField, DateField, SelectField, SelectMultipleField, StringField
from wtforms.validators import DataRequired, Email, Length, Optional, ValidationError

from app import context
from app.formfields import required_line
from app.i18n.programs import program_title
from app.policy import SANCTION_CE, SPECIALIZATIONS
from app.registry.rules import ACTION_LABELS, REINSTATEMENT_STEPS, STATUS_LABELS

# The specializations a record may hold, as CE's profile form lists them.
# Lazy: each title in the page's language when the form is shown.
SPECIALIZATION_CHOICES = [(p, LazyString(program_title, p)) for p in SPECIALIZATIONS]


class RecordForm(FlaskForm):
    legal_name = required_line(_l("Full legal name"), 200)
    certification_number = StringField(
        _l("Certification number (MPSS followed by digits)"),
        validators=[Optional(), Length(max=20)],
    )
    issued_on = DateField(_l("Active date"), validators=[DataRequired()])
    expires_on = DateField(_l("Expiration date"), validators=[DataRequired()])
    specializations = SelectMultipleField(
        _l("Specializations"), choices=SPECIALIZATION_CHOICES, validators=[Optional()]
    )
    email = StringField(
        _l("Holder's email (for the claim code; never shown publicly)"),
        validators=[Optional(), Email(), Length(max=254)],
    )

    # The date checks of registry.rules.check_facts, each shown under the date it concerns.
    def validate_issued_on(self, field):
        if field.data and field.data > context.today():
            raise ValidationError("The active date cannot be in the future.")

    def validate_expires_on(self, field):
        if field.data and self.issued_on.data and field.data <= self.issued_on.data:
            raise ValidationError("The expiration date is not after the active date.")


class StatusForm(FlaskForm):
    # The labels are in the catalogue (app/registry/rules.py); lazy, in the page's language.
    status = SelectField(_l("Status"), choices=[(k.value, _l(v)) for k, v in STATUS_LABELS.items()])
    action = SelectField(_l("Action"), choices=[(k.value, _l(v)) for k, v in ACTION_LABELS.items()])
    effective_on = DateField(_l("Took effect on"), validators=[DataRequired()])
    reason = required_line(_l("Reason"), 2000)


class RegistryImportForm(FlaskForm):
    file = FileField(_l("Registry CSV or .xlsx workbook"))


class RenewalForm(FlaskForm):
    attest = BooleanField(
        _l(
            "I attest that I completed 20 hours of continuing education in this certification "
            "period, including 6 hours of law and ethics (§207.9)."
        )
    )
    signature = required_line(
        _l("Sign the code of ethics: type your full legal name (§207.10)"), 200
    )


class ReinstatementStepForm(FlaskForm):
    step = SelectField(_l("Step"), choices=list(REINSTATEMENT_STEPS.items()))
    completed_on = DateField(_l("Completed on"), validators=[DataRequired()])


class RequirementForm(FlaskForm):
    sanction = SelectField(
        _l("CE the sanction requires"),
        # The texts are marked in app/i18n/data.py SANCTIONS; lazy, so each page's language.
        choices=[
            (s.code, _l("%(text)s — %(citation)s", text=_l(s.text), citation=s.citation))
            for s in SANCTION_CE
        ],
    )
    imposed_on = DateField(_l("Imposed on"), validators=[DataRequired()])
    due_on = DateField(_l("Due by (optional)"), validators=[Optional()])
    note = StringField(_l("Note"), validators=[Optional(), Length(max=2000)])
