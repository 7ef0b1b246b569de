"""Sign-in, registration and invitation forms."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField, SelectField, StringField
from wtforms.validators import DataRequired, Email, EqualTo, Length, Optional

from app.auth.services import MIN_PASSWORD_LENGTH
from app.formfields import required_line

_PASSWORD = [
    DataRequired(),
    Length(
        min=MIN_PASSWORD_LENGTH,
        max=200,
        message=_l("Use at least %(count)s characters.", count=MIN_PASSWORD_LENGTH),
    ),
]


class LoginForm(FlaskForm):
    email = EmailField(_l("Email address"), validators=[DataRequired(), Length(max=254)])
    password = PasswordField(_l("Password"), validators=[DataRequired(), Length(max=200)])


def _new_password(label: object = _l("Password")) -> PasswordField:
    return PasswordField(label, validators=_PASSWORD)


def _address(label: object) -> EmailField:
    """A required email address, checked for its form only (a mail server may be unknown here)."""
    return EmailField(
        label, validators=[DataRequired(), Email(check_deliverability=False), Length(max=254)]
    )


def _repeat(label: object = _l("Repeat the password")) -> PasswordField:
    return PasswordField(
        label, validators=[DataRequired(), EqualTo("password", message=_l("The passwords differ."))]
    )


# WTForms shows fields in the order they are made, so each form makes its own password fields
# where they belong: after what they follow, the new password before its repetition.


class RegisterOrganizationForm(FlaskForm):
    organization_name = required_line(_l("Organization name"), 200)
    contact_email = _address(_l("Organization contact email"))
    name = required_line(_l("Your name"), 200)
    email = _address(_l("Your email address"))
    password = _new_password()
    confirm = _repeat()


class RegisterPeerForm(FlaskForm):
    name = required_line(_l("Your full legal name"), 200)
    email = _address(_l("Email address"))
    password = _new_password()
    confirm = _repeat()


class AdminInviteForm(FlaskForm):
    email = _address(_l("Email address"))
    role = SelectField(
        _l("Role"), choices=[("reviewer", _l("Reviewer")), ("admin", _l("Administrator"))]
    )


class ColleagueInviteForm(FlaskForm):
    email = _address(_l("Colleague's email address"))


class AcceptInvitationForm(FlaskForm):
    name = required_line(_l("Your name"), 200)
    password = _new_password()
    confirm = _repeat()


class ActionForm(FlaskForm):
    """A button-only form (approve, sign out): carries the CSRF token."""


class ChangePasswordForm(FlaskForm):
    current = PasswordField(_l("Current password"), validators=[DataRequired(), Length(max=200)])
    password = _new_password(_l("New password"))
    confirm = _repeat(_l("Repeat the new password"))


class ResetRequestForm(FlaskForm):
    email = EmailField(_l("Email address"), validators=[DataRequired(), Length(max=254)])


class ResetForm(FlaskForm):
    password = _new_password(_l("New password"))
    confirm = _repeat(_l("Repeat the new password"))
    code = StringField(
        _l("Code from your authenticator app, or a recovery code"),
        validators=[Optional(), Length(max=40)],
    )


class CodeForm(FlaskForm):
    code = StringField(
        _l("Code from your authenticator app, or a recovery code"),
        validators=[DataRequired(), Length(max=40)],
        render_kw={"autocomplete": "one-time-code", "inputmode": "text"},
    )


class ConfirmForm(FlaskForm):
    password = PasswordField(_l("Your password"), validators=[DataRequired(), Length(max=200)])
    code = StringField(
        _l("Code from your authenticator app, or a recovery code"),
        validators=[Optional(), Length(max=40)],
        render_kw={"autocomplete": "one-time-code"},
    )
