"""Sign in and out, registration, invitations and the administrator's page."""

from __future__ import annotations

from flask import (
    Blueprint,
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

from app.auth import mfa_hooks, services
from app.auth.access import roles_required
from app.auth.account import resend_verification
from app.auth.account_views import verify_link
from app.auth.forms import (
    AcceptInvitationForm,
    ActionForm,
    AdminInviteForm,
    ColleagueInviteForm,
    LoginForm,
    RegisterOrganizationForm,
    RegisterPeerForm,
)
from app.auth.mfa_views import begin_second_step
from app.auth.models import Role
from app.auth.reauth import reauth_required
from app.auth.signin import home_url, safe_next, start_session
from app.errors import attempt
from app.extensions import db
from app.i18n.data import translated
from app.i18n.locale import current_locale
from app.limits.login import LoginLimits
from app.security_log.hooks import log_request_event, request_origin

bp = Blueprint("auth", __name__)


@bp.route("/login", methods=["GET", "POST"])
def login():
    """Sign in; the same answer for an unknown address, a wrong password and a locked account."""
    form = LoginForm()
    if form.validate_on_submit():
        result = services.authenticate(
            db.session,
            form.email.data,
            form.password.data,
            limits=LoginLimits.from_config(current_app.config),
            origin=request_origin(),
            has_second_factor=mfa_hooks.has_second_factor,
        )
        if result.user is not None and (
            result.needs_second_factor or mfa_hooks.has_second_factor(result.user)
        ):
            return begin_second_step(result.user, safe_next(request.args.get("next")))
        if result.user is not None:
            start_session(result.user)
            return redirect(safe_next(request.args.get("next")) or home_url())
        if result.unconfirmed is not None:
            resend_verification(db.session, result.unconfirmed, verify_link)
        flash(translated(result.message), "error")
        return render_template("auth/login.html", form=form), 401
    return render_template("auth/login.html", form=form)


@bp.post("/logout")
def logout():
    """Sign out: the session token is rotated so a copied cookie cannot be replayed."""
    form = ActionForm()
    if not form.validate_on_submit():
        return redirect(url_for("main.index"))
    if current_user.is_authenticated:
        log_request_event("logout", "success")
        services.sign_out(db.session, current_user._get_current_object())
    logout_user()
    session.clear()
    flash(_("You are signed out."), "success")
    return redirect(url_for("main.index"))


@bp.route("/register", methods=["GET", "POST"])
def register():
    """A training provider registers its organization and its first member."""
    return _register(
        RegisterOrganizationForm(),
        services.register_organization,
        ("organization_name", "contact_email", "name", "email", "password"),
        _("Register a training provider"),
    )


@bp.route("/register/peer", methods=["GET", "POST"])
def register_peer():
    """A certified peer creates an account to keep a continuing-education record."""
    return _register(
        RegisterPeerForm(),
        services.register_peer,
        ("name", "email", "password"),
        _("Create a peer account"),
    )


def _register(form, register_with, fields: tuple[str, ...], title: str):
    """Register with the form's ``fields``; the same answer whether or not the address exists."""
    if form.validate_on_submit():
        values = {name: getattr(form, name).data for name in fields}
        registered = attempt(
            lambda: register_with(db.session, **values, links=_links(), locale=current_locale()),
            errors=form.password.errors,
        )
        if registered.ok:
            return render_template("auth/check_email.html", message=REGISTERED)
    return render_template("auth/register.html", form=form, title=title)


REGISTERED = (
    "We have sent an email to the address you gave. Follow its link to confirm the address, "
    "then sign in. (If the address already has an account, the email says what to do instead.)"
)


def _links() -> services.Links:
    return services.Links(
        sign_in=url_for("auth.login", _external=True),
        reset=url_for("account.reset_request", _external=True),
        verify=verify_link,
    )


@bp.get("/account")
@login_required
def account():
    """The signed-in user's role and organization."""
    return render_template("auth/account.html", user=current_user)


@bp.get("/admin")
@roles_required(Role.ADMIN)
def admin():
    """Organizations to approve, the others and the people a page at a time, invitations."""
    page, org_page = (
        min(max(request.args.get(name, 1, type=int) or 1, 1), 1_000_000)
        for name in ("page", "org_page")
    )
    return render_template(
        "auth/admin.html",
        overview=services.admin_overview(db.session, page=page, org_page=org_page),
        page=page,
        org_page=org_page,
        action=ActionForm(),
    )


@bp.post("/admin/organizations/<int:organization_id>/approve")
@roles_required(Role.ADMIN)
def approve_organization(organization_id: int):
    form = ActionForm()
    if form.validate_on_submit():
        organization = services.approve_organization(
            db.session, admin=current_user, organization_id=organization_id
        )
        flash(_("%(name)s is approved.", name=organization.name), "success")
    return redirect(url_for("auth.admin"))


def _send_invitation(form, role: Role, organization_id: int | None, template: str, title: str):
    """Invite; the answer is the same whether or not the address already has an account."""
    if form.validate_on_submit():
        email = services.normalize_email(form.email.data)
        services.invite(
            db.session,
            inviter=current_user,
            email=email,
            role=role,
            organization_id=organization_id,
            accept_link=lambda token: url_for(
                "auth.accept_invitation", token=token, _external=True
            ),
            sign_in_link=url_for("auth.login", _external=True),
        )
        flash(_("Invitation sent to %(email)s.", email=email), "success")
        return redirect(request.path)
    return render_template(template, form=form, title=title)


@bp.route("/admin/invite", methods=["GET", "POST"])
@roles_required(Role.ADMIN)
@reauth_required
def admin_invite():
    """Invite a reviewer or an administrator."""
    form = AdminInviteForm()
    role = form.role.data if form.role.data in ("reviewer", "admin") else "reviewer"
    return _send_invitation(
        form,
        Role(role),
        None,
        "auth/invite.html",
        _("Invite a reviewer or administrator"),
    )


@bp.route("/organization/invite", methods=["GET", "POST"])
@roles_required(Role.PROVIDER)
def colleague_invite():
    """A provider invites a colleague into its own organization."""
    return _send_invitation(
        ColleagueInviteForm(),
        Role.PROVIDER,
        current_user.organization_id,
        "auth/invite.html",
        _("Invite a colleague"),
    )


@bp.route("/invitations/<token>", methods=["GET", "POST"])
def accept_invitation(token: str):
    """Accept an invitation: choose a name and password."""
    invitation = services.find_invitation(db.session, token)
    form = AcceptInvitationForm()
    if form.validate_on_submit():
        accepted = attempt(
            lambda: services.accept_invitation(
                db.session, token=token, name=form.name.data, password=form.password.data
            ),
            errors=form.name.errors,
        )
        if accepted.ok:
            start_session(accepted.value)
            flash(_("Welcome to Curriculum Mapper."), "success")
            return redirect(home_url())
    return render_template("auth/accept.html", form=form, invitation=invitation)
