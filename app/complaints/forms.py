"""Forms of the complaints workflow."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, MultipleFileField
from wtforms import (
    DateField,
    HiddenField,
    IntegerField,
    RadioField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from app.appeals.forms import EVIDENCE_LABEL
from app.complaints.states import OUTCOME_LABELS, Respondent
from app.formfields import required_line, required_text

RESPONDENTS = [
    (Respondent.PEER.value, _l("A certified peer support specialist")),
    (Respondent.PROVIDER.value, _l("An approved training provider")),
]


class ComplaintForm(FlaskForm):
    respondent_type = RadioField(
        _l("The complaint is about"), choices=RESPONDENTS, validators=[DataRequired()]
    )
    organization_id = SelectField(_l("Training provider"), choices=[], validators=[Optional()])
    respondent_name = StringField(
        _l("Name of the peer support specialist"), validators=[Optional(), Length(max=200)]
    )
    certification_number = StringField(
        _l("Their certification number, if you know it (MPSS…)"),
        validators=[Optional(), Length(max=20)],
    )
    employer_name = StringField(
        _l("Their employer, if you know it"), validators=[Optional(), Length(max=200)]
    )
    nature = required_text(_l("What happened"), 20000)
    complainant_name = StringField(
        _l("Your name (optional)"), validators=[Optional(), Length(max=200)]
    )
    complainant_contact = StringField(
        _l("Your email or phone (optional; we send the reference number and our answer by email)"),
        validators=[Optional(), Length(max=300)],
    )
    file = FileField(_l("A supporting document (optional; .pdf, .docx, .txt, .md, .png, .jpg)"))


class ActivityForm(FlaskForm):
    text = required_text(_l("Investigative action taken"), 1000)


class ExtensionForm(FlaskForm):
    days = IntegerField(
        _l("Extend by (days)"), default=30, validators=[DataRequired(), NumberRange(1, 30)]
    )
    reason = required_text(_l("Why more time is needed (sent to the person who complained)"))


class NameForm(FlaskForm):
    name = required_line(_l("Name of a care recipient in the evidence"), 200)


class RespondentForm(FlaskForm):
    certification_number = required_line(
        _l("Certification number of the respondent, as you confirmed it"), 20
    )
    note = TextAreaField(
        _l("How you confirmed the identity (required when the names differ)"),
        validators=[Length(max=2000)],
    )


class DocumentForm(FlaskForm):
    file = FileField(_l("Supporting document (.pdf, .docx, .txt, .md, .png, .jpg)"))


class DecisionForm(FlaskForm):
    outcome = SelectField(
        _l("Final disposition"), choices=[(o.value, label) for o, label in OUTCOME_LABELS.items()]
    )
    reason = required_text(_l("Reasons (sent in the letter of disposition)"), 10000)
    lock_version = HiddenField()


class WithdrawForm(FlaskForm):
    reason = required_text(_l("Why the complaint is closed without a finding"))


class ReinstateForm(FlaskForm):
    reason = required_text(_l("What the evidence for the return to good standing shows (§806.5)"))


class ActionForm(FlaskForm):
    """A button-only form carrying the CSRF token."""


class LogFilterForm(FlaskForm):
    class Meta:
        csrf = False

    state = SelectField(_l("State"), choices=[], validators=[Optional()])
    respondent_type = SelectField(
        _l("About"), choices=[("", _l("Anyone")), *RESPONDENTS], validators=[Optional()]
    )
    received_from = DateField(_l("Received from"), validators=[Optional()])
    received_to = DateField(_l("Received to"), validators=[Optional()])
    text = StringField(_l("Reference or name"), validators=[Optional(), Length(max=100)])


class RespondentAppealForm(FlaskForm):
    """The respondent's appeal of a suspension or revocation (§702.2.A, §807.1.B)."""

    nature = required_text(
        _l("Why you appeal: a clear statement, with any relevant information"), 10000
    )
    contact = required_line(_l("Your name, phone number and email address"), 300)
    evidence = MultipleFileField(EVIDENCE_LABEL)


class AppealDecisionForm(FlaskForm):
    """A reviewer's final disposition of the appeal (§702.3.A)."""

    outcome = RadioField(
        _l("Final disposition"),
        choices=[
            ("uphold", _l("Uphold: the suspension or revocation stands")),
            ("reverse", _l("Reverse: return to good standing")),
        ],
        validators=[DataRequired()],
    )
    reason = required_text(_l("Reasons (sent in the letter of final disposition)"))
