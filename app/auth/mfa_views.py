"""Second-factor pages: the sign-in code step, setting up an authenticator app, recovery codes,
and confirming the password before sensitive actions."""

from __future__ import annotations

from flask import (
    Blueprint,
    Flask,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user, login_required, logout_user
from markupsafe import Markup

from app.auth import mfa
from app.auth.forms import ActionForm, CodeForm, ConfirmForm
from app.auth.models import User
from app.auth.reauth import mark_fresh, reauth_required
from app.auth.services import new_session_token, verify_password
from app.auth.session_policy import now
from app.auth.signin import home_url, safe_next, start_session
from app.errors import DomainError, error_response
from app.extensions import db
from app.i18n.messages import translated
from app.limits.login import end_account_lock
from app.security_log.hooks import log_request_event, request_origin

bp = Blueprint("mfa", __name__)

PENDING, PENDING_SECRET, TWO_FACTOR = "_mfa_pending", "_totp_pending", "_2fa"
PENDING_SECONDS = 300
# Pages a reviewer or admin who must still set up a second factor may open.
SETUP_ENDPOINTS = frozenset(
    {"mfa.setup", "mfa.overview", "mfa.confirm", "auth.logout", "static", "main.index"}
)


def begin_second_step(user: User, next_url: str | None):
    """The password was right: remember who is half signed in, and ask for the code."""
    session.clear()
    session[PENDING] = {"uid": user.id, "token": user.session_token, "at": int(now())}
    return redirect(
        url_for("mfa.login_code", next=next_url) if next_url else url_for("mfa.login_code")
    )


def _pending_user() -> User | None:
    pending = session.get(PENDING)
    if not isinstance(pending, dict) or now() - int(pending.get("at", 0)) > PENDING_SECONDS:
        return None
    user = db.session.get(User, int(pending.get("uid", 0)))
    if user is None or not user.active or user.session_token != pending.get("token"):
        return None
    return user


@bp.route("/login/code", methods=["GET", "POST"])
def login_code():
    """Second step of signing in: a code from the authenticator app or a recovery code."""

    user = _pending_user()
    if user is None:
        session.pop(PENDING, None)
        flash(_("Sign in again: the code step expired."), "warning")
        return redirect(url_for("auth.login"))
    form = CodeForm()
    if form.validate_on_submit():
        if mfa.check(db.session, user, form.code.data, origin=request_origin()):
            end_account_lock(db.session, user.email)
            user.session_token = new_session_token()  # the full sign-in ends the other sessions
            start_session(user)
            session[TWO_FACTOR] = True
            if mfa.remaining_recovery_codes(db.session, user) <= 2:
                flash(
                    _("You have few recovery codes left: make new ones on your security page."),
                    "warning",
                )
            return redirect(safe_next(request.args.get("next")) or home_url())
        minutes = int(mfa.LOCK.total_seconds() // 60)
        form.code.errors.append(
            f"That code is not right, or it was used already. After {mfa.MAX_FAILURES} wrong "
            f"codes from the app, only a recovery code is accepted for {minutes} minutes."
        )
    return render_template(
        "auth/form.html",
        form=form,
        title=_("Enter your code"),
        intro=_(
            "Open your authenticator app and type the 6-digit code for Curriculum Mapper, "
            "or one of your recovery codes."
        ),
        button=_("Continue"),
    ), (200 if not form.errors else 401)


@bp.get("/account/security")
@login_required
def overview():
    """The second factor: whether it is set up, recovery codes left, and what can be done."""
    user = current_user._get_current_object()
    return render_template(
        "auth/security.html",
        enrolled=mfa.has_second_factor(db.session, user),
        remaining=mfa.remaining_recovery_codes(db.session, user),
        required=_required(user),
        action=ActionForm(),
    )


@bp.route("/account/mfa/setup", methods=["GET", "POST"])
@login_required
@reauth_required
def setup():
    """Scan the QR code (or type the key), then prove it with a code; recovery codes follow."""
    user = current_user._get_current_object()
    if mfa.has_second_factor(db.session, user):
        flash(_("An authenticator app is already set up."), "warning")
        return redirect(url_for("mfa.overview"))
    secret = session.get(PENDING_SECRET) or mfa.new_secret()
    session[PENDING_SECRET] = secret
    form = CodeForm()
    form.code.label.text = _("The 6-digit code the app shows")
    if form.validate_on_submit():
        try:
            codes = mfa.enroll(db.session, user, secret, form.code.data, origin=request_origin())
        except DomainError as error:
            db.session.rollback()
            form.code.errors.append(translated(error.message))
        else:
            session.pop(PENDING_SECRET, None)
            session[TWO_FACTOR] = True
            return render_template("auth/recovery_codes.html", codes=codes, first=True)
    uri = mfa.provisioning_uri(secret, user.email)
    return render_template(
        "auth/mfa_setup.html",
        form=form,
        qr=Markup(mfa.qr_svg(uri, _("QR code to scan with your authenticator app"))),  # noqa: S704 (drawn by segno from our own URI)
        secret=" ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
    )


@bp.post("/account/mfa/recovery-codes")
@login_required
@reauth_required
def recovery_codes():
    """New recovery codes; the old ones stop working."""
    if not ActionForm().validate_on_submit():
        return redirect(url_for("mfa.overview"))
    try:
        codes = mfa.regenerate_recovery_codes(
            db.session, current_user._get_current_object(), origin=request_origin()
        )
    except DomainError as error:
        flash(translated(error.message), "error")
        return redirect(url_for("mfa.overview"))
    return render_template("auth/recovery_codes.html", codes=codes, first=False)


@bp.post("/account/mfa/remove")
@login_required
@reauth_required
def remove():
    """Remove the authenticator app (not allowed where a second factor is required)."""
    user = current_user._get_current_object()
    if ActionForm().validate_on_submit():
        if _required(user):
            flash(_("Your role requires a second factor; set up a new app instead."), "error")
        else:
            mfa.remove(db.session, user, origin=request_origin())
            session.pop(TWO_FACTOR, None)
            flash(_("The authenticator app is removed."), "success")
    return redirect(url_for("mfa.overview"))


@bp.route("/account/confirm", methods=["GET", "POST"])
@login_required
def confirm():
    """Confirm the password (and code) before a sensitive action."""

    user = current_user._get_current_object()
    enrolled = mfa.has_second_factor(db.session, user)
    form = ConfirmForm()
    if form.validate_on_submit():
        if not mfa.take_confirmation_attempt(db.session, user):
            log_request_event("reauth", "locked")
            logout_user()
            session.clear()
            flash(_("Too many wrong attempts: you are signed out."), "error")
            return redirect(url_for("auth.login"))
        ok = verify_password(user.password_hash, form.password.data) and (
            not enrolled
            or mfa.check(db.session, user, form.code.data or "", origin=request_origin())
        )
        log_request_event("reauth", "success" if ok else "failure")
        if ok:
            mfa.confirmation_succeeded(db.session, user)
            mark_fresh()
            return redirect(safe_next(request.args.get("next")) or url_for("mfa.overview"))
        form.password.errors.append("The password or the code is not right.")
    return render_template(
        "auth/form.html",
        form=form,
        title=_("Confirm it is you"),
        intro=_("This change needs your password")
        + (" and a code from your authenticator app." if enrolled else "."),
        button=_("Confirm"),
        hidden=() if enrolled else ("code",),
    )


def _required(user: User) -> bool:
    return str(user.role) in set(current_app.config.get("MFA_REQUIRED_ROLES", ()))


def init_mfa(app: Flask) -> None:
    @app.before_request
    def _require_second_factor():
        if not current_user.is_authenticated or session.get(TWO_FACTOR):
            return None
        if not _required(current_user) or request.endpoint in SETUP_ENDPOINTS:
            return None
        if mfa.has_second_factor(db.session, current_user):  # signed in before it was required
            return None
        if request.path.startswith("/api/"):
            return error_response(403, "Set up a second factor first.")
        flash(
            _("Your role needs a second factor: set up an authenticator app to continue."),
            "warning",
        )
        return redirect(url_for("mfa.setup"))
