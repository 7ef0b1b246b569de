"""Forms of the submission workflow."""

from __future__ import annotations

from flask_wtf import FlaskForm
from flask_wtf.file import FileField, MultipleFileField
from wtforms import BooleanField, DateField, HiddenField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from app.appeals.forms import EVIDENCE_LABEL
from app.policy import DEFAULT_POLICY
from app.submissions.states import Decision
from app.syllabus.forms import PROGRAM_CHOICES

DECISIONS = [(d.value, d.value.replace("_", " ").capitalize()) for d in Decision]


class NewCurriculumForm(FlaskForm):
    program = SelectField(
        "Program", choices=[c for c in PROGRAM_CHOICES if c[0]], validators=[DataRequired()]
    )
    title = StringField("Title", validators=[DataRequired(), Length(max=300)])
    language = StringField(
        "Language of instruction", default="English", validators=[DataRequired(), Length(max=60)]
    )
    text = TextAreaField("Paste the syllabus", validators=[Optional()])
    upload = FileField("Or upload it (.md, .txt, .docx or .pdf)")


class EditDraftForm(FlaskForm):
    title = StringField("Title", validators=[DataRequired(), Length(max=300)])
    language = StringField(
        "Language of instruction", default="English", validators=[DataRequired(), Length(max=60)]
    )
    text = TextAreaField("The syllabus", validators=[Optional()])
    upload = FileField("Or upload a replacement (.md, .txt, .docx or .pdf)")


class WithdrawForm(FlaskForm):
    reason = TextAreaField(
        "Why you withdraw it (optional)", validators=[Optional(), Length(max=5000)]
    )
    confirm = BooleanField(
        "Yes, withdraw it (this cannot be undone)",
        validators=[DataRequired("Tick the box to confirm the withdrawal.")],
    )


class DeleteDraftForm(FlaskForm):
    confirm = BooleanField(
        "Yes, delete this draft (this cannot be undone)",
        validators=[DataRequired("Tick the box to confirm the deletion.")],
    )


class FeeWaiverForm(FlaskForm):
    reason = StringField(
        "Reason for waiving the fee", validators=[DataRequired(), Length(max=2000)]
    )


class FindingOverrideForm(FlaskForm):
    finding_index = HiddenField(validators=[DataRequired()])
    reason = StringField("Reason", validators=[DataRequired(), Length(max=2000)])


class AssignForm(FlaskForm):
    assignee = SelectField("Assign to", choices=[], validate_choice=False)


class ResubmitForm(FlaskForm):
    text = TextAreaField("The revised syllabus", validators=[Optional()])
    upload = FileField("Or upload it (.md, .txt, .docx or .pdf)")
    note = TextAreaField("What changed", validators=[Optional(), Length(max=5000)])


class DecisionForm(FlaskForm):
    decision = SelectField("Decision", choices=DECISIONS)
    reason = TextAreaField(
        "Comments or reason (required to request revisions or deny)",
        validators=[Optional(), Length(max=10000)],
    )
    lock_version = HiddenField()


class CompetencyReviewForm(FlaskForm):
    competency_id = HiddenField(validators=[DataRequired()])
    covered = BooleanField("Covered")
    note = StringField("Note", validators=[Optional(), Length(max=2000)])


class ActionForm(FlaskForm):
    """A button-only form carrying the CSRF token."""


class AppealForm(FlaskForm):
    nature = TextAreaField(
        "Why you appeal the denial", validators=[DataRequired(), Length(max=10000)]
    )
    contact = StringField(
        "How to reach you (email, phone)", validators=[DataRequired(), Length(max=300)]
    )
    evidence = MultipleFileField(EVIDENCE_LABEL)  # §702.2.A


class AppealDecisionForm(FlaskForm):
    outcome = SelectField(
        "Final disposition",
        choices=[("uphold", "Uphold the denial"), ("reverse", "Reverse the denial and approve")],
    )
    reason = TextAreaField("Reason", validators=[DataRequired(), Length(max=10000)])


class SubstantiveChangeForm(FlaskForm):
    text = TextAreaField("The changed syllabus", validators=[Optional()])
    upload = FileField("Or upload it (.md, .txt, .docx or .pdf)")
    note = TextAreaField("What changes and why", validators=[DataRequired(), Length(max=5000)])
    intended_use_on = DateField(
        f"Date of intended use (at least {DEFAULT_POLICY.value('change.notice_days')} days from today, {DEFAULT_POLICY.cite('change.notice_days')})",
        validators=[DataRequired()],
    )


class SupportingFileForm(FlaskForm):
    file = FileField("Supporting file (.pdf, .docx, .md, .txt, .png, .jpg)")


class CommentForm(FlaskForm):
    target = SelectField("Module or competency", choices=[])
    text = TextAreaField("Comment", validators=[DataRequired(), Length(max=5000)])


class ReadingForm(FlaskForm):
    """The reading table of a draft: its controls are read by app.syllabus.reading_form."""


class ReadingDecisionForm(FlaskForm):
    decision = SelectField(
        "Decision",
        choices=[("accept", "Accept"), ("reject", "Reject")],
        validators=[DataRequired()],
    )
    note = StringField("Why (required to reject)", validators=[Optional(), Length(max=2000)])
