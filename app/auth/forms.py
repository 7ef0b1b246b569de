"""Sign-in, registration and invitation forms."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField, SelectField, StringField
from wtforms.validators import DataRequired, Email, EqualTo, Length, Optional

from app.auth.services import MIN_PASSWORD_LENGTH

_PASSWORD = [
    DataRequired(),
    Length(
        min=MIN_PASSWORD_LENGTH, max=200, message=f"Use at least {MIN_PASSWORD_LENGTH} characters."
    ),
]


class LoginForm(FlaskForm):
    email = EmailField("Email address", validators=[DataRequired(), Length(max=254)])
    password = PasswordField("Password", validators=[DataRequired(), Length(max=200)])


def _new_password(label: str = "Password") -> PasswordField:
    return PasswordField(label, validators=_PASSWORD)


def _repeat(label: str = "Repeat the password") -> PasswordField:
    return PasswordField(
        label, validators=[DataRequired(), EqualTo("password", message="The passwords differ.")]
    )


# WTForms shows fields in the order they are made, so each form makes its own password fields
# where they belong: after what they follow, the new password before its repetition.


class RegisterOrganizationForm(FlaskForm):
    organization_name = StringField(
        "Organization name", validators=[DataRequired(), Length(max=200)]
    )
    contact_email = EmailField(
        "Organization contact email",
        validators=[DataRequired(), Email(check_deliverability=False), Length(max=254)],
    )
    name = StringField("Your name", validators=[DataRequired(), Length(max=200)])
    email = EmailField(
        "Your email address",
        validators=[DataRequired(), Email(check_deliverability=False), Length(max=254)],
    )
    password = _new_password()
    confirm = _repeat()


class RegisterPeerForm(FlaskForm):
    name = StringField("Your full legal name", validators=[DataRequired(), Length(max=200)])
    email = EmailField(
        "Email address",
        validators=[DataRequired(), Email(check_deliverability=False), Length(max=254)],
    )
    password = _new_password()
    confirm = _repeat()


class AdminInviteForm(FlaskForm):
    email = EmailField(
        "Email address",
        validators=[DataRequired(), Email(check_deliverability=False), Length(max=254)],
    )
    role = SelectField("Role", choices=[("reviewer", "Reviewer"), ("admin", "Administrator")])


class ColleagueInviteForm(FlaskForm):
    email = EmailField(
        "Colleague's email address",
        validators=[DataRequired(), Email(check_deliverability=False), Length(max=254)],
    )


class AcceptInvitationForm(FlaskForm):
    name = StringField("Your name", validators=[DataRequired(), Length(max=200)])
    password = _new_password()
    confirm = _repeat()


class ActionForm(FlaskForm):
    """A button-only form (approve, sign out): carries the CSRF token."""


class ChangePasswordForm(FlaskForm):
    current = PasswordField("Current password", validators=[DataRequired(), Length(max=200)])
    password = _new_password("New password")
    confirm = _repeat("Repeat the new password")


class ResetRequestForm(FlaskForm):
    email = EmailField("Email address", validators=[DataRequired(), Length(max=254)])


class ResetForm(FlaskForm):
    password = _new_password("New password")
    confirm = _repeat("Repeat the new password")
    code = StringField(
        "Code from your authenticator app, or a recovery code",
        validators=[Optional(), Length(max=40)],
    )


class CodeForm(FlaskForm):
    code = StringField(
        "Code from your authenticator app, or a recovery code",
        validators=[DataRequired(), Length(max=40)],
        render_kw={"autocomplete": "one-time-code", "inputmode": "text"},
    )


class ConfirmForm(FlaskForm):
    password = PasswordField("Your password", validators=[DataRequired(), Length(max=200)])
    code = StringField(
        "Code from your authenticator app, or a recovery code",
        validators=[Optional(), Length(max=40)],
        render_kw={"autocomplete": "one-time-code"},
    )
