"""Forms of the complaints workflow."""

from __future__ import annotations

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

RESPONDENTS = [
    (Respondent.PEER.value, "A certified peer support specialist"),
    (Respondent.PROVIDER.value, "An approved training provider"),
]


class ComplaintForm(FlaskForm):
    respondent_type = RadioField(
        "The complaint is about", choices=RESPONDENTS, validators=[DataRequired()]
    )
    organization_id = SelectField("Training provider", choices=[], validators=[Optional()])
    respondent_name = StringField(
        "Name of the peer support specialist", validators=[Optional(), Length(max=200)]
    )
    certification_number = StringField(
        "Their certification number, if you know it (MPSS…)",
        validators=[Optional(), Length(max=20)],
    )
    employer_name = StringField(
        "Their employer, if you know it", validators=[Optional(), Length(max=200)]
    )
    nature = TextAreaField("What happened", validators=[DataRequired(), Length(max=20000)])
    complainant_name = StringField("Your name (optional)", validators=[Optional(), Length(max=200)])
    complainant_contact = StringField(
        "Your email or phone (optional; we send the reference number and our answer by email)",
        validators=[Optional(), Length(max=300)],
    )
    file = FileField("A supporting document (optional; .pdf, .docx, .txt, .md, .png, .jpg)")


class ActivityForm(FlaskForm):
    text = TextAreaField(
        "Investigative action taken", validators=[DataRequired(), Length(max=1000)]
    )


class ExtensionForm(FlaskForm):
    days = IntegerField(
        "Extend by (days)", default=30, validators=[DataRequired(), NumberRange(1, 30)]
    )
    reason = TextAreaField(
        "Why more time is needed (sent to the person who complained)",
        validators=[DataRequired(), Length(max=5000)],
    )


class NameForm(FlaskForm):
    name = StringField(
        "Name of a care recipient in the evidence", validators=[DataRequired(), Length(max=200)]
    )


class RespondentForm(FlaskForm):
    certification_number = StringField(
        "Certification number of the respondent, as you confirmed it",
        validators=[DataRequired(), Length(max=20)],
    )
    note = TextAreaField(
        "How you confirmed the identity (required when the names differ)",
        validators=[Length(max=2000)],
    )


class DocumentForm(FlaskForm):
    file = FileField("Supporting document (.pdf, .docx, .txt, .md, .png, .jpg)")


class DecisionForm(FlaskForm):
    outcome = SelectField(
        "Final disposition", choices=[(o.value, label) for o, label in OUTCOME_LABELS.items()]
    )
    reason = TextAreaField(
        "Reasons (sent in the letter of disposition)",
        validators=[DataRequired(), Length(max=10000)],
    )
    lock_version = HiddenField()


class WithdrawForm(FlaskForm):
    reason = TextAreaField(
        "Why the complaint is closed without a finding",
        validators=[DataRequired(), Length(max=5000)],
    )


class ReinstateForm(FlaskForm):
    reason = TextAreaField(
        "What the evidence for the return to good standing shows (§806.5)",
        validators=[DataRequired(), Length(max=5000)],
    )


class ActionForm(FlaskForm):
    """A button-only form carrying the CSRF token."""


class LogFilterForm(FlaskForm):
    class Meta:
        csrf = False

    state = SelectField("State", choices=[], validators=[Optional()])
    respondent_type = SelectField(
        "About", choices=[("", "Anyone"), *RESPONDENTS], validators=[Optional()]
    )
    received_from = DateField("Received from", validators=[Optional()])
    received_to = DateField("Received to", validators=[Optional()])
    text = StringField("Reference or name", validators=[Optional(), Length(max=100)])


class RespondentAppealForm(FlaskForm):
    """The respondent's appeal of a suspension or revocation (§702.2.A, §807.1.B)."""

    nature = TextAreaField(
        "Why you appeal: a clear statement, with any relevant information",
        validators=[DataRequired(), Length(max=10000)],
    )
    contact = StringField(
        "Your name, phone number and email address",
        validators=[DataRequired(), Length(max=300)],
    )
    evidence = MultipleFileField(EVIDENCE_LABEL)


class AppealDecisionForm(FlaskForm):
    """A reviewer's final disposition of the appeal (§702.3.A)."""

    outcome = RadioField(
        "Final disposition",
        choices=[
            ("uphold", "Uphold: the suspension or revocation stands"),
            ("reverse", "Reverse: return to good standing"),
        ],
        validators=[DataRequired()],
    )
    reason = TextAreaField(
        "Reasons (sent in the letter of final disposition)",
        validators=[DataRequired(), Length(max=5000)],
    )
