"""Forms of the CE record."""

from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import (
    BooleanField,
    DateField,
    HiddenField,
    SelectField,
    SelectMultipleField,
    StringField,
)
from wtforms.validators import DataRequired, Length, NumberRange, Optional, ValidationError

from app.ce.rules import (
    ACCEPTED_SOURCES,
    AUDIT_OUTCOME_LABELS,
    FORMATS,
    CEEntry,
    DrawMethod,
    ProofDecision,
    as_sentence,
    implausible_hours,
)
from app.formfields import FiniteDecimalField, required_line
from app.i18n.messages import translated
from app.policy import DEFAULT_POLICY, SPECIALIZATIONS

FORMAT_LABELS = {
    "in_person": _l("In person"),
    "online_live": _l("Online, live"),
    "asynchronous": _l("Asynchronous"),
}
SOURCE_CHOICES = [
    *((k, _l(v)) for k, v in ACCEPTED_SOURCES.items()),
    ("other", _l("Other (does not count toward renewal)")),
]
SPECIALIZATION_CHOICES = [(p, DEFAULT_POLICY.program(p).title) for p in SPECIALIZATIONS]


class ClaimForm(FlaskForm):
    """A peer links the registry's record of their certification with the code emailed to them."""

    code = required_line(_l("Code from the email (e.g. ABCDE-FGH23)"), 20)


class EntryForm(FlaskForm):
    title = required_line(_l("Course title"), 300)
    provider = required_line(_l("Sponsor or training provider"), 300)
    start_date = DateField(_l("Date (or first day)"), validators=[DataRequired()])
    end_date = DateField(_l("Last day (if more than one)"), validators=[Optional()])
    format = SelectField(_l("Format"), choices=[(f, FORMAT_LABELS[f]) for f in FORMATS])
    hours = FiniteDecimalField(
        _l("Direct-instruction hours"),
        places=None,
        validators=[Optional(), NumberRange(min=0.25, max=1000)],
    )
    units = FiniteDecimalField(
        _l("Or academic units (3 units = 12 hours)"),
        places=None,
        validators=[Optional(), NumberRange(min=0.25, max=100)],
    )
    # No default: a peer says where each course came from (App. C 5.B).
    source = SelectField(
        _l("Source"),
        choices=[("", _l("Choose the source…")), *SOURCE_CHOICES],
        validators=[DataRequired(_l("Choose where the course came from (App. C 5.B)."))],
    )
    law_ethics = BooleanField(_l("This course is law and ethics"))
    law_ethics_topics = SelectMultipleField(
        _l(
            "Law and ethics topics covered (%(citation)s)",
            citation=DEFAULT_POLICY.cite("ce.law_ethics_topics"),
        ),
        choices=[],
        validators=[Optional()],
    )
    evidence = StringField(
        _l("Evidence kept (certificate, agenda, transcript; separate with ;)"),
        validators=[Optional(), Length(max=1000)],
    )

    def validate(self, extra_validators=None) -> bool:
        """The field checks, then exactly one of hours and units (empty fields skip their own checks)."""
        valid = super().validate(extra_validators)
        if (self.hours.data is None) == (self.units.data is None):
            self.units.errors = [
                *self.units.errors,
                _("Give direct-instruction hours or academic units, one of the two."),
            ]
            valid = False
        if self.law_ethics.data and not self.law_ethics_topics.data:
            self.law_ethics_topics.errors = [
                *self.law_ethics_topics.errors,
                _(
                    "Name the law and ethics topics the course covered (%(citation)s),"
                    " or untick law and ethics.",
                    citation=DEFAULT_POLICY.cite("ce.law_ethics_topics"),
                ),
            ]
            valid = False
        if valid and self.start_date.data:
            problem = implausible_hours(
                CEEntry(
                    title="",
                    provider="",
                    start_date=self.start_date.data,
                    end_date=self.end_date.data,
                    hours=float(self.hours.data) if self.hours.data is not None else None,
                    units=float(self.units.data) if self.units.data is not None else None,
                ),
                DEFAULT_POLICY,
            )
            if problem:
                field = self.hours if self.hours.data is not None else self.units
                field.errors = [*field.errors, translated(as_sentence(problem))]
                valid = False
        return valid

    def validate_end_date(self, field):
        if field.data and self.start_date.data and field.data < self.start_date.data:
            raise ValidationError(_l("The last day is before the first day."))


class ImportForm(FlaskForm):
    """Step one sends the file; step two (another layout) sends its text back with the answers."""

    file = FileField(_l("CSV file or .xlsx workbook (the export format, or your own CE log)"))
    text = HiddenField()
    confirm = BooleanField(_l("The columns are read correctly: import these rows"))
    source = SelectField(
        _l("Source of every course in this file"),
        choices=[("", _l("Choose…")), *SOURCE_CHOICES],
        validators=[Optional()],
    )
    format = SelectField(
        _l("Format of every course in this file"),
        choices=[("", _l("Choose…")), *[(f, FORMAT_LABELS[f]) for f in FORMATS]],
        validators=[Optional()],
    )


class ActionForm(FlaskForm):
    """A button-only form carrying the CSRF token."""


class EvidenceForm(FlaskForm):
    file = FileField(_l("Evidence file (.pdf, .png, .jpg, .docx, .txt, .md)"))


class AuditDrawForm(FlaskForm):
    window_start = DateField(_l("Renewals from"), validators=[DataRequired()])
    window_end = DateField(_l("Renewals until"), validators=[DataRequired()])
    method = SelectField(
        _l("Draw by"),
        choices=[
            (DrawMethod.COUNT, _l("Number of peers")),
            (DrawMethod.PERCENT, _l("Percentage of peers")),
        ],
    )
    amount = FiniteDecimalField(
        _l("How many (number or percentage)"),
        places=None,
        validators=[DataRequired(), NumberRange(min=0.01, max=100000)],
    )
    seed = FiniteDecimalField(
        _l("Random seed (leave empty for a new one; stored with the draw)"),
        places=0,
        validators=[Optional(), NumberRange(min=0, max=2**31)],
    )

    def validate_window_end(self, field):
        """The range's end is the field to fix when it comes before the start."""
        if field.data and self.window_start.data and field.data < self.window_start.data:
            raise ValidationError("The end of the renewal range is before its start.")


class EntryReviewForm(FlaskForm):
    decision = SelectField(
        _l("Proof"),
        choices=[(ProofDecision.ACCEPTED, _l("Accept")), (ProofDecision.REJECTED, _l("Reject"))],
    )
    note = StringField(_l("Note"), validators=[Optional(), Length(max=2000)])


class CloseReviewForm(FlaskForm):
    """A reviewer ends a peer's records review with an outcome (§207.14, §802.4)."""

    outcome = SelectField(
        _l("Outcome"), choices=[(o.value, label) for o, label in AUDIT_OUTCOME_LABELS.items()]
    )
    note = StringField(
        _l("Note to the peer and the record"), validators=[Optional(), Length(max=2000)]
    )
