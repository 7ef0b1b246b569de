"""Sign in and out, registration, invitations and the administrator's page."""

from __future__ import annotations

from urllib.parse import urlsplit

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
from flask_login import current_user, login_required, login_user, logout_user
from flask_wtf.csrf import generate_csrf
from sqlalchemy import select

from app.auth import services
from app.auth.access import roles_required
from app.auth.forms import (
    AcceptInvitationForm,
    ActionForm,
    AdminInviteForm,
    ColleagueInviteForm,
    LoginForm,
    RegisterOrganizationForm,
    RegisterPeerForm,
)
from app.auth.models import Invitation, Organization, Role, User
from app.errors import DomainError
from app.extensions import db
from app.notifications.services import queue_email

bp = Blueprint("auth", __name__)


def _safe_next(target: str | None) -> str | None:
    """Only same-site paths are followed after sign-in (no open redirects)."""
    if not target:
        return None
    parts = urlsplit(target)
    if (
        parts.scheme
        or parts.netloc
        or not target.startswith("/")
        or target.startswith("//")
        or "\\" in target
    ):
        return None
    return target


def _home_for(user: User) -> str:
    endpoints = {
        Role.PROVIDER: "submissions.dashboard",
        Role.REVIEWER: "submissions.queue",
        Role.PEER: "ce.dashboard",
        Role.ADMIN: "auth.admin",
    }
    endpoint = endpoints.get(user.role)
    return url_for(endpoint) if endpoint in current_app.view_functions else url_for("auth.account")


def _start_session(user: User) -> None:
    """A fresh session for ``user``: the old one is cleared, the CSRF token renewed."""
    session.clear()
    login_user(user)
    session.pop("csrf_token", None)
    generate_csrf()


@bp.route("/login", methods=["GET", "POST"])
def login():
    """Sign in; the same answer for an unknown address, a wrong password and a locked account."""
    form = LoginForm()
    if form.validate_on_submit():
        result = services.authenticate(
            db.session,
            form.email.data,
            form.password.data,
            max_attempts=current_app.config["LOGIN_MAX_ATTEMPTS"],
            lock_minutes=current_app.config["LOGIN_LOCK_MINUTES"],
        )
        if result.user is not None:
            _start_session(result.user)
            return redirect(_safe_next(request.args.get("next")) or _home_for(result.user))
        flash(result.message, "error")
        return render_template("auth/login.html", form=form), 401
    return render_template("auth/login.html", form=form)


@bp.post("/logout")
def logout():
    """Sign out: the session token is rotated so a copied cookie cannot be replayed."""
    form = ActionForm()
    if not form.validate_on_submit():
        return redirect(url_for("main.index"))
    if current_user.is_authenticated:
        services.sign_out(db.session, current_user._get_current_object())
    logout_user()
    session.clear()
    flash("You are signed out.", "success")
    return redirect(url_for("main.index"))


@bp.route("/register", methods=["GET", "POST"])
def register():
    """A training provider registers its organization and its first member."""
    form = RegisterOrganizationForm()
    if form.validate_on_submit():
        try:
            user = services.register_organization(
                db.session,
                organization_name=form.organization_name.data,
                contact_email=form.contact_email.data,
                name=form.name.data,
                email=form.email.data,
                password=form.password.data,
            )
        except DomainError as error:
            db.session.rollback()
            form.email.errors.append(
                error.message
            ) if "email" in error.message else form.organization_name.errors.append(error.message)
        else:
            _start_session(user)
            flash(
                "Your organization is registered. An administrator will approve it; meanwhile you can check syllabi.",
                "success",
            )
            return redirect(url_for("auth.account"))
    return render_template("auth/register.html", form=form, title="Register a training provider")


@bp.route("/register/peer", methods=["GET", "POST"])
def register_peer():
    """A certified peer creates an account to keep a continuing-education record."""
    form = RegisterPeerForm()
    if form.validate_on_submit():
        try:
            user = services.register_peer(
                db.session, name=form.name.data, email=form.email.data, password=form.password.data
            )
        except DomainError as error:
            db.session.rollback()
            form.email.errors.append(error.message)
        else:
            _start_session(user)
            flash("Your account is ready.", "success")
            return redirect(_home_for(user))
    return render_template("auth/register.html", form=form, title="Create a peer account")


@bp.get("/account")
@login_required
def account():
    """The signed-in user's role and organization."""
    return render_template("auth/account.html", user=current_user)


@bp.get("/admin")
@roles_required(Role.ADMIN)
def admin():
    """Organizations to approve, people, pending invitations."""
    organizations = db.session.scalars(
        select(Organization).order_by(Organization.approved, Organization.name)
    ).all()
    users = db.session.scalars(select(User).order_by(User.role, User.email)).all()
    invitations = db.session.scalars(
        select(Invitation)
        .where(Invitation.accepted_at.is_(None))
        .order_by(Invitation.created_at.desc())
    ).all()
    return render_template(
        "auth/admin.html",
        organizations=organizations,
        users=users,
        invitations=invitations,
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
        flash(f"{organization.name} is approved.", "success")
    return redirect(url_for("auth.admin"))


def _send_invitation(form, role: Role, organization_id: int | None, template: str, title: str):
    link = None
    if form.validate_on_submit():
        try:
            invitation, token = services.invite(
                db.session,
                inviter=current_user,
                email=form.email.data,
                role=role,
                organization_id=organization_id,
            )
        except DomainError as error:
            db.session.rollback()
            form.email.errors.append(error.message)
        else:
            link = url_for("auth.accept_invitation", token=token, _external=True)
            queue_email(
                db.session,
                invitation.email,
                "You are invited to Curriculum Mapper",
                f"{current_user.name} invited you as {role}.\n\nAccept within {services.INVITATION_DAYS} days: {link}\n",
                category="invitation",
            )
            db.session.commit()
            flash(f"Invitation sent to {invitation.email}.", "success")
    return render_template(template, form=form, link=link, title=title)


@bp.route("/admin/invite", methods=["GET", "POST"])
@roles_required(Role.ADMIN)
def admin_invite():
    """Invite a reviewer or an administrator."""
    form = AdminInviteForm()
    return _send_invitation(
        form,
        Role(form.role.data or "reviewer"),
        None,
        "auth/invite.html",
        "Invite a reviewer or administrator",
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
        "Invite a colleague",
    )


@bp.route("/invitations/<token>", methods=["GET", "POST"])
def accept_invitation(token: str):
    """Accept an invitation: choose a name and password."""
    invitation = services.find_invitation(db.session, token)
    form = AcceptInvitationForm()
    if form.validate_on_submit():
        try:
            user = services.accept_invitation(
                db.session, token=token, name=form.name.data, password=form.password.data
            )
        except DomainError as error:
            db.session.rollback()
            form.name.errors.append(error.message)
        else:
            _start_session(user)
            flash("Welcome to Curriculum Mapper.", "success")
            return redirect(_home_for(user))
    return render_template("auth/accept.html", form=form, invitation=invitation)
