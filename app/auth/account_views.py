"""Pages of the password life cycle and of account administration: change and reset a
password, confirm an address, disable an account and end its sessions."""

from __future__ import annotations

from flask import Blueprint, Response, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app.auth import account, mfa_hooks, tokens
from app.auth.access import roles_required
from app.auth.forms import ActionForm, ChangePasswordForm, ResetForm, ResetRequestForm
from app.auth.models import Role
from app.auth.services import WeakPassword
from app.auth.signin import start_session
from app.errors import DomainError
from app.extensions import db
from app.i18n.messages import translated
from app.security_log.hooks import request_origin

bp = Blueprint("account", __name__)

RESET_SENT = (
    "If an account uses this address, we have sent it a link to choose a new password. "
    "The link works once, within one hour."
)


def verify_link(token: str) -> str:
    return url_for("account.verify_email", token=token, _external=True)


def reset_link(token: str) -> str:
    return url_for("account.reset_password", token=token, _external=True)


def _form_page(form, title: str, button: str, **shown) -> str:
    """The one-form page (auth/form.html): ``form`` under ``title``, sent with ``button``;
    ``shown`` adds an ``intro`` or the ``hidden`` field names."""
    return render_template("auth/form.html", form=form, title=title, button=button, **shown)


def _new_password_set(change, password_field, *, wrong) -> bool:
    """Run ``change``; True when the new password is set. Else it is undone and the refusal is
    shown on its field: a weak password on ``password_field``, a wrong current password or
    second factor on ``wrong``."""
    try:
        change()
    except WeakPassword as error:
        db.session.rollback()
        password_field.errors.append(translated(error.message))
    except account.WrongPassword as error:
        db.session.rollback()
        wrong.errors.append(translated(error.message))
    else:
        return True
    return False


@bp.route("/account/password", methods=["GET", "POST"])
@login_required
def change_password():
    """Change the password (the current one is asked); every session ends, this one renews."""
    form = ChangePasswordForm()
    if form.validate_on_submit() and _new_password_set(
        lambda: account.change_password(
            db.session,
            current_user._get_current_object(),
            current=form.current.data,
            new=form.password.data,
            origin=request_origin(),
        ),
        form.password,
        wrong=form.current,
    ):
        start_session(current_user._get_current_object())
        flash(_("Your password is changed; every other session is signed out."), "success")
        return redirect(url_for("auth.account"))
    return _form_page(form, _("Change your password"), _("Change the password"))


@bp.route("/password/reset", methods=["GET", "POST"])
def reset_request():
    """Ask for a reset link; the answer is the same whether or not the address has an account."""
    form = ResetRequestForm()
    if form.validate_on_submit():
        account.request_reset(db.session, form.email.data, reset_link, origin=request_origin())
        return render_template("auth/check_email.html", message=RESET_SENT)
    return _form_page(
        form,
        _("Forgot your password?"),
        _("Email me a link"),
        intro=_("We will email you a link to choose a new one."),
    )


@bp.route("/password/reset/<token>", methods=["GET", "POST"])
def reset_password(token: str):
    """Choose a new password with the emailed link (and the second factor, if the account has one)."""

    user = tokens.peek(db.session, token, "reset")
    form = ResetForm()
    needs_code = _has_second_factor(user)
    if form.validate_on_submit() and _new_password_set(
        lambda: account.reset_password(
            db.session,
            token,
            form.password.data,
            origin=request_origin(),
            second_factor_ok=lambda u: _second_factor_ok(u, form.code.data or ""),
        ),
        form.password,
        wrong=form.code,
    ):
        flash(_("Your password is changed. Sign in with it now."), "success")
        return redirect(url_for("auth.login"))
    return _form_page(
        form,
        _("Choose a new password"),
        _("Set the new password"),
        intro=f"For {user.email}.",
        hidden=() if needs_code else ("code",),
    )


def _has_second_factor(user) -> bool:

    return mfa_hooks.has_second_factor(user)


def _second_factor_ok(user, code: str) -> bool:

    return mfa_hooks.second_factor_ok(db.session, user, code)


@bp.get("/verify/<token>")
def verify_email(token: str):
    """The emailed link that confirms an address."""
    account.verify_email(db.session, token, origin=request_origin())
    flash(_("Your email address is confirmed. Sign in to continue."), "success")
    return redirect(url_for("auth.login"))


def _admin_action(user_id: int, action, done):
    form = ActionForm()
    if form.validate_on_submit():
        try:
            user = action(db.session, current_user._get_current_object(), user_id)
        except DomainError as error:
            db.session.rollback()
            flash(translated(error.message), "error")
        else:
            flash(done(user.email), "success")
    return redirect(url_for("auth.admin"))


def _set_active(user_id: int, *, active: bool) -> Response:
    """Let an account sign in again, or disable it (which also ends its sessions), and say so."""
    return _admin_action(
        user_id,
        lambda s, admin, uid: account.set_active(
            s, admin, uid, active=active, origin=request_origin()
        ),
        lambda email: (
            _("%(email)s can sign in again.", email=email)
            if active
            else _("%(email)s is disabled and signed out everywhere.", email=email)
        ),
    )


@bp.post("/admin/users/<int:user_id>/disable")
@roles_required(Role.ADMIN)
def disable_user(user_id: int):
    """Disable an account: it cannot sign in, and its sessions end."""
    return _set_active(user_id, active=False)


@bp.post("/admin/users/<int:user_id>/enable")
@roles_required(Role.ADMIN)
def enable_user(user_id: int):
    """Let a disabled account sign in again."""
    return _set_active(user_id, active=True)


@bp.post("/admin/users/<int:user_id>/sessions/end")
@roles_required(Role.ADMIN)
def end_sessions(user_id: int):
    """Sign an account out everywhere."""
    return _admin_action(
        user_id,
        lambda s, admin, uid: account.end_sessions(s, admin, uid, origin=request_origin()),
        lambda email: _("%(email)s is signed out everywhere.", email=email),
    )
