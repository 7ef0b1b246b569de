"""Forms of the submission workflow."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, MultipleFileField
from wtforms import BooleanField, DateField, HiddenField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from app.appeals.forms import EVIDENCE_LABEL
from app.formfields import required_line, required_text
from app.policy import DEFAULT_POLICY
from app.submissions.states import Decision
from app.syllabus.forms import PROGRAM_CHOICES

DECISIONS = [(d.value, d.value.replace("_", " ").capitalize()) for d in Decision]


def _language() -> StringField:
    """The language the course is taught in (English unless the provider says otherwise)."""
    return StringField(
        _l("Language of instruction"),
        default="English",
        validators=[DataRequired(), Length(max=60)],
    )


class NewCurriculumForm(FlaskForm):
    program = SelectField(
        _l("Program"), choices=[c for c in PROGRAM_CHOICES if c[0]], validators=[DataRequired()]
    )
    title = required_line(_l("Title"), 300)
    language = _language()
    text = TextAreaField(_l("Paste the syllabus"), validators=[Optional()])
    upload = FileField(_l("Or upload it (.md, .txt, .docx or .pdf)"))


class EditDraftForm(FlaskForm):
    title = required_line(_l("Title"), 300)
    language = _language()
    text = TextAreaField(_l("The syllabus"), validators=[Optional()])
    upload = FileField(_l("Or upload a replacement (.md, .txt, .docx or .pdf)"))


class WithdrawForm(FlaskForm):
    reason = TextAreaField(
        _l("Why you withdraw it (optional)"), validators=[Optional(), Length(max=5000)]
    )
    confirm = BooleanField(
        _l("Yes, withdraw it (this cannot be undone)"),
        validators=[DataRequired(_l("Tick the box to confirm the withdrawal."))],
    )


class DeleteDraftForm(FlaskForm):
    confirm = BooleanField(
        _l("Yes, delete this draft (this cannot be undone)"),
        validators=[DataRequired(_l("Tick the box to confirm the deletion."))],
    )


class FeeWaiverForm(FlaskForm):
    reason = required_line(_l("Reason for waiving the fee"), 2000)


class FindingOverrideForm(FlaskForm):
    finding_index = HiddenField(validators=[DataRequired()])
    reason = required_line(_l("Reason"), 2000)


class AssignForm(FlaskForm):
    assignee = SelectField(_l("Assign to"), choices=[], validate_choice=False)


class ResubmitForm(FlaskForm):
    text = TextAreaField(_l("The revised syllabus"), validators=[Optional()])
    upload = FileField(_l("Or upload it (.md, .txt, .docx or .pdf)"))
    note = TextAreaField(_l("What changed"), validators=[Optional(), Length(max=5000)])


class DecisionForm(FlaskForm):
    decision = SelectField(_l("Decision"), choices=DECISIONS)
    reason = TextAreaField(
        _l("Comments or reason (required to request revisions or deny)"),
        validators=[Optional(), Length(max=10000)],
    )
    lock_version = HiddenField()


class CompetencyReviewForm(FlaskForm):
    competency_id = HiddenField(validators=[DataRequired()])
    covered = BooleanField(_l("Covered"))
    note = StringField(_l("Note"), validators=[Optional(), Length(max=2000)])


class ActionForm(FlaskForm):
    """A button-only form carrying the CSRF token."""


class AppealForm(FlaskForm):
    nature = required_text(_l("Why you appeal the denial"), 10000)
    contact = required_line(_l("How to reach you (email, phone)"), 300)
    evidence = MultipleFileField(EVIDENCE_LABEL)  # §702.2.A


class AppealDecisionForm(FlaskForm):
    outcome = SelectField(
        _l("Final disposition"),
        choices=[
            ("uphold", _l("Uphold the denial")),
            ("reverse", _l("Reverse the denial and approve")),
        ],
    )
    reason = required_text(_l("Reason"), 10000)


class SubstantiveChangeForm(FlaskForm):
    text = TextAreaField(_l("The changed syllabus"), validators=[Optional()])
    upload = FileField(_l("Or upload it (.md, .txt, .docx or .pdf)"))
    note = required_text(_l("What changes and why"))
    intended_use_on = DateField(
        f"Date of intended use (at least {DEFAULT_POLICY.value('change.notice_days')} days from today, {DEFAULT_POLICY.cite('change.notice_days')})",
        validators=[DataRequired()],
    )


class SupportingFileForm(FlaskForm):
    file = FileField(_l("Supporting file (.pdf, .docx, .md, .txt, .png, .jpg)"))


class CommentForm(FlaskForm):
    target = SelectField(_l("Module or competency"), choices=[])
    text = required_text(_l("Comment"))


class ReadingForm(FlaskForm):
    """The reading table of a draft: its controls are read by app.syllabus.reading_form."""


class ReadingDecisionForm(FlaskForm):
    decision = SelectField(
        _l("Decision"),
        choices=[("accept", _l("Accept")), ("reject", _l("Reject"))],
        validators=[DataRequired()],
    )
    note = StringField(_l("Why (required to reject)"), validators=[Optional(), Length(max=2000)])
