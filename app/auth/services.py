"""Account services: passwords, sign-in with a per-account attempt limit, registration, invitations."""

from __future__ import annotations

import hashlib
import secrets
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask import Flask, flash, g, redirect, request, url_for
from flask_babel import gettext
from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from app.audit.services import record_by
from app.auth import mail_language  # noqa: F401  (emails to an account speak its saved language)
from app.auth.models import Invitation, Organization, Role, User
from app.auth.passwords import MIN_LENGTH, password_problem
from app.auth.tokens import send_verification
from app.dbtypes import utcnow
from app.errors import Conflict, DomainError, NotFound, error_response
from app.extensions import db, login_manager
from app.i18n.roles import role_word
from app.limits import login as login_limits
from app.limits.login import LoginLimits
from app.messages import Message
from app.notifications.language import in_language_of
from app.notifications.services import queue_email
from app.security_log.services import Origin, log_event

_hasher = PasswordHasher()
# Verified for unknown e-mail addresses so a wrong address takes as long as a wrong password.
_DUMMY_HASH = _hasher.hash("not a real password, only for timing")


def configure_hasher(time_cost: int | None = None, memory_cost: int | None = None) -> None:
    """Set the argon2 cost (the test suite lowers it; production keeps argon2-cffi's defaults)."""
    global _hasher, _DUMMY_HASH
    defaults = PasswordHasher()
    _hasher = PasswordHasher(
        time_cost=time_cost or defaults.time_cost, memory_cost=memory_cost or defaults.memory_cost
    )
    _DUMMY_HASH = _hasher.hash("not a real password, only for timing")


INVITATION_DAYS = 7
MIN_PASSWORD_LENGTH = MIN_LENGTH


class HashingBusy(DomainError):
    """Every password-hashing slot stayed busy for the whole wait: answer 503, try again soon."""

    status = 503
    retry_after = 5


# At most this many argon2 computations at once in this process (each takes memory_cost of
# memory: 64 MiB by default); the others wait up to _HASH_WAIT_SECONDS, then get HashingBusy.
_hash_slots = threading.BoundedSemaphore(2)
_HASH_WAIT_SECONDS = 10.0


def configure_hash_concurrency(slots: int, wait_seconds: float) -> None:
    """Set how many password hashes may run at once and how long a request waits for a slot."""
    global _hash_slots, _HASH_WAIT_SECONDS
    _hash_slots = threading.BoundedSemaphore(max(1, int(slots)))
    _HASH_WAIT_SECONDS = float(wait_seconds)


@contextmanager
def _hashing_slot() -> Iterator[None]:
    slots = _hash_slots
    if not slots.acquire(timeout=_HASH_WAIT_SECONDS):
        raise HashingBusy(
            Message("The server is busy checking passwords; try again in a few seconds.")
        )
    try:
        yield
    finally:
        slots.release()


def hash_password(password: str) -> str:
    """An argon2id hash of ``password``."""
    with _hashing_slot():
        return _hasher.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    """True when ``password`` matches ``password_hash``; never raises for a wrong password."""
    with _hashing_slot():
        try:
            return _hasher.verify(password_hash, password)
        except (VerificationError, InvalidHashError):
            return False


def new_session_token() -> str:
    return secrets.token_hex(16)


def verified_user(
    email: str, name: str, role: Role, password: str, organization: Organization | None = None
) -> User:
    """A new account whose address needs no check (made by an operator, the demo or the tests):
    its password hashed, a fresh session token, the address verified now. Not yet added."""
    return User(
        email=email,
        name=name,
        role=role,
        password_hash=hash_password(password),
        organization=organization,
        session_token=new_session_token(),
        email_verified_at=utcnow(),
    )


def normalize_email(email: str) -> str:
    return (email or "").strip().lower()


def load_user_from_session(identity: str) -> User | None:
    """The user for a Flask-Login identity ``"<id>:<token>"``, or None if the token was rotated."""
    user_id, _, token = identity.partition(":")
    if not user_id.isdigit() or not token:
        return None
    user = db.session.get(User, int(user_id))  # one query by primary key
    if user is None or not secrets.compare_digest(user.session_token, token):
        return None
    return user


def init_login(app: Flask) -> None:
    """Bind the user loader and the login view; set the argon2 cost from the configuration."""
    if app.config.get("ARGON2_TIME_COST") or app.config.get("ARGON2_MEMORY_COST"):
        configure_hasher(app.config.get("ARGON2_TIME_COST"), app.config.get("ARGON2_MEMORY_COST"))
    configure_hash_concurrency(
        app.config["ARGON2_MAX_CONCURRENT"], app.config["ARGON2_WAIT_SECONDS"]
    )
    login_manager.login_view = "auth.login"
    login_manager.login_message = "Please sign in to open that page."
    login_manager.session_protection = "strong"
    login_manager.user_loader(load_user_from_session)

    @app.teardown_request
    def _forget_user(_error=None):
        # An application context can outlive one request (tests, CLI): the signed-in user and
        # the CSRF token of one session (Flask-WTF keeps it in g) must not.

        g.pop("_login_user", None)
        g.pop("csrf_token", None)

    @login_manager.unauthorized_handler
    def _unauthorized():

        if request.path.startswith("/api/"):
            return error_response(401, "Sign in first.")
        flash(gettext(login_manager.login_message), "warning")
        return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))


@dataclass(frozen=True)
class SignInResult:
    user: User | None
    message: str = ""
    # True when the password was right but the account-wide lock holds: only a second factor
    # may let the owner through (the sign-in view asks for it when the account has one).
    needs_second_factor: bool = False
    # The password was right but the address is not confirmed yet: the view sends a new link.
    unconfirmed: User | None = None


EMAIL_NOT_CONFIRMED = "Confirm your email address first: we have sent a new link to it. Follow the link, then sign in."
SIGN_IN_FAILED = "The email address or password is not right, or the account is locked for a while."


def authenticate(
    session: Session,
    email: str,
    password: str,
    *,
    limits: LoginLimits,
    origin: Origin | None = None,
    has_second_factor=lambda user: False,
) -> SignInResult:
    """Check credentials under the limits of ``app.limits.login``.

    The attempt is counted (and committed) before the password is checked, so parallel guesses
    cannot outrun the limit. Every attempt costs one argon2 verification and the same queries,
    so an unknown address, a wrong password and a locked account answer alike and in the same
    time. Each attempt is a security event.
    """
    email = normalize_email(email)
    now = utcnow()
    user = session.scalar(select(User).where(User.email == email))
    # Read before the commit below, which expires the object: no extra query for known accounts.
    user_id, password_hash, active, verified = (
        (user.id, user.password_hash, user.active, user.email_verified_at is not None)
        if user is not None
        else (None, _DUMMY_HASH, False, False)
    )
    # Asked for unknown addresses too (the hook queries alike), so the queries do not differ.
    second_factor = bool(has_second_factor(user)) and user is not None
    gate = login_limits.open_gate(
        session, email=email, address=_address(origin), limits=limits, now=now
    )
    session.commit()
    may_check = user is not None and (gate.allowed or (gate.only_account_locked and second_factor))
    matches = verify_password(password_hash if may_check else _DUMMY_HASH, password) and may_check
    if matches and active and not verified:
        login_limits.record_success(session, gate)
        log_event(
            session,
            "login",
            "failure",
            origin=origin,
            user_id=user_id,
            identifier=email,
            details={"account": "email not confirmed"},
        )
        session.commit()
        return SignInResult(None, EMAIL_NOT_CONFIRMED, unconfirmed=user)
    if matches and active:
        if not gate.allowed:
            # The account-wide lock holds: only the second factor lets the owner in.
            log_event(
                session,
                "login",
                "locked",
                origin=origin,
                user_id=user_id,
                identifier=email,
                details={"limit": "account", "second_factor": "required"},
            )
            session.commit()
            return SignInResult(user, "", needs_second_factor=True)
        login_limits.record_success(session, gate)
        if _hasher.check_needs_rehash(password_hash):
            user.password_hash = hash_password(password)
        if not second_factor:
            # A sign-in ends the other sessions; with a second factor only the code step does,
            # so the password alone cannot sign the owner out.
            user.session_token = new_session_token()
        log_event(session, "login", "success", origin=origin, user_id=user_id, identifier=email)
        session.commit()
        return SignInResult(user)
    locked = gate.allowed and login_limits.record_failure(session, gate, limits=limits, now=now)
    details = {"limit": gate.refused_by or ("reached" if locked else "")}
    if user is not None and not active:
        details["account"] = "disabled"
    log_event(
        session,
        "login",
        "locked" if (locked or not gate.allowed) else "failure",
        origin=origin,
        user_id=user_id,
        identifier=email,
        details={k: v for k, v in details.items() if v},
    )
    session.commit()
    return SignInResult(None, SIGN_IN_FAILED)


def _address(origin: Origin | None) -> str:
    return (origin.address if origin else "") or "unknown"


def sign_out(session: Session, user: User) -> None:
    """Rotate the session token so any copy of the old session cookie stops working."""
    user.session_token = new_session_token()
    session.flush()


class WeakPassword(DomainError):
    """The new password is too short, too long or too easy to guess."""


def check_new_password(password: str, *user_inputs: str) -> None:
    """Raise WeakPassword unless ``password`` passes ``app.auth.passwords``."""
    problem = password_problem(password, user_inputs)
    if problem:
        raise WeakPassword(problem)


def _email_taken(session: Session, email: str) -> bool:
    return bool(session.scalar(select(func.count()).select_from(User).where(User.email == email)))


def _email_free(session: Session, email: str) -> None:
    if _email_taken(session, email):
        raise Conflict(
            Message("An account with this email address already exists; sign in instead.")
        )


@dataclass(frozen=True)
class Links:
    """Absolute addresses the emails point to (built by the view, so services stay Flask-free)."""

    sign_in: str
    reset: str
    verify: Callable[[str], str]


def _tell_owner_they_have_an_account(session: Session, email: str, links: Links) -> None:
    with in_language_of(session, email, answers_request=True):
        queue_email(
            session,
            email,
            gettext("You already have a Curriculum Mapper account"),
            gettext(
                "Someone, perhaps you, tried to create an account with this email address, "
                "which already has one. Sign in at %(sign_in)s\n\nForgot the password? Choose "
                "a new one at %(reset)s\n\nIf it was not you, nothing has changed and you can "
                "ignore this email.\n",
                sign_in=links.sign_in,
                reset=links.reset,
            ),
            category="account",
            link=links.sign_in,
        )


def register_organization(
    session: Session,
    *,
    organization_name: str,
    contact_email: str,
    name: str,
    email: str,
    password: str,
    links: Links,
    locale: str | None = None,
) -> User | None:
    """A provider organization (awaiting approval) and its first member, unverified.

    The answer does not depend on whether the address or the organization exists: the
    registrant is told by email (a verification link, or why nothing was created), and the
    password is hashed either way so the time taken does not tell either.
    """
    email = normalize_email(email)
    check_new_password(password, email, name, organization_name)
    password_hash = hash_password(password)
    if _email_taken(session, email):
        _tell_owner_they_have_an_account(session, email, links)
        session.commit()
        return None
    if session.scalar(
        select(func.count())
        .select_from(Organization)
        .where(func.lower(Organization.name) == organization_name.strip().lower())
    ):
        with in_language_of(session, email, answers_request=True):
            queue_email(
                session,
                email,
                gettext("Your organization is already registered"),
                gettext(
                    "An organization named %(organization)s is already registered in "
                    "Curriculum Mapper, so no new account was created. Ask one of its members "
                    "to invite you from their account page.\n",
                    organization=organization_name.strip(),
                ),
                category="account",
                link=links.sign_in,
            )
        session.commit()
        return None
    organization = Organization(
        name=organization_name.strip(), contact_email=normalize_email(contact_email)
    )
    user = User(
        email=email,
        name=name.strip(),
        password_hash=password_hash,
        role=Role.PROVIDER,
        organization=organization,
        session_token=new_session_token(),
        locale=locale,  # the language of the page it registered on: its emails speak it
    )
    session.add_all([organization, user])
    session.flush()
    record_by(
        session,
        user,
        "organization",
        organization.id,
        "register",
        to_state="pending",
        reason="Provider registered the organization",
    )
    send_verification(session, user, links.verify)
    session.flush()
    return user


def register_peer(
    session: Session,
    *,
    name: str,
    email: str,
    password: str,
    links: Links,
    locale: str | None = None,
) -> User | None:
    """A certified peer's own account, unverified; the same answer when the address is taken."""
    email = normalize_email(email)
    check_new_password(password, email, name)
    password_hash = hash_password(password)
    if _email_taken(session, email):
        _tell_owner_they_have_an_account(session, email, links)
        session.commit()
        return None
    user = User(
        email=email,
        name=name.strip(),
        password_hash=password_hash,
        role=Role.PEER,
        session_token=new_session_token(),
        locale=locale,
    )
    session.add(user)
    session.flush()
    send_verification(session, user, links.verify)
    session.flush()
    return user


def approve_organization(session: Session, *, admin: User, organization_id: int) -> Organization:
    organization = session.get(Organization, organization_id)
    if organization is None:
        raise NotFound(Message("No such organization."))
    if organization.approved:
        raise Conflict(Message("%(name)s is already approved.", name=organization.name))
    organization.approved = True
    organization.approved_at = utcnow()
    record_by(
        session,
        admin,
        "organization",
        organization.id,
        "approve",
        from_state="pending",
        to_state="approved",
    )
    session.flush()
    return organization


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def invite(
    session: Session,
    *,
    inviter: User,
    email: str,
    role: Role,
    organization_id: int | None = None,
    accept_link: Callable[[str], str],
    sign_in_link: str,
) -> Invitation | None:
    """Invite ``email`` and queue the email with its secret link (only the hash is stored).

    When the address already has an account, its owner is told by email instead and nothing
    is created: the inviter sees the same answer either way.
    """
    email = normalize_email(email)
    if _email_taken(session, email):
        with in_language_of(session, email):
            queue_email(
                session,
                email,
                gettext("You were invited to Curriculum Mapper"),
                gettext(
                    "%(inviter)s invited you as %(role)s, but this address already has an "
                    "account. Sign in at %(link)s\n",
                    inviter=inviter.name,
                    role=role_word(role),
                    link=sign_in_link,
                ),
                category="invitation",
                link=sign_in_link,
            )
        return None
    token = secrets.token_urlsafe(32)
    invitation = Invitation(
        email=email,
        role=role,
        organization_id=organization_id,
        token_hash=_token_hash(token),
        invited_by_id=inviter.id,
        expires_at=utcnow() + timedelta(days=INVITATION_DAYS),
    )
    session.add(invitation)
    session.flush()
    record_by(session, inviter, "invitation", invitation.id, "invite", reason=f"{role} {email}")
    with in_language_of(session, email):
        queue_email(
            session,
            email,
            gettext("You are invited to Curriculum Mapper"),
            gettext(
                "%(inviter)s invited you as %(role)s.\n\nAccept within %(days)s days: %(link)s\n",
                inviter=inviter.name,
                role=role_word(role),
                days=INVITATION_DAYS,
                link=accept_link(token),
            ),
            category="invitation",
            link=accept_link(token),
        )
    return invitation


@dataclass(frozen=True)
class AdminOverview:
    awaiting: list[Organization]
    organizations: list[Organization]
    users: list[User]
    invitations: list[Invitation]
    more_organizations: bool
    more_users: bool


ADMIN_PER_PAGE = 50


def _page_of(session: Session, query, page: int) -> tuple[list, bool]:
    """One page of ``query`` (sorted by a unique index) and whether another follows: one query,
    whatever the number of rows (no count)."""
    rows = list(
        session.scalars(query.limit(ADMIN_PER_PAGE + 1).offset((page - 1) * ADMIN_PER_PAGE))
    )
    return rows[:ADMIN_PER_PAGE], len(rows) > ADMIN_PER_PAGE


def admin_overview(session: Session, *, page: int = 1, org_page: int = 1) -> AdminOverview:
    """Organizations awaiting approval, then the others and the people a page at a time (by
    name and by email), and invitations not yet accepted."""
    organizations, more_organizations = _page_of(
        session,
        select(Organization).where(Organization.approved.is_(True)).order_by(Organization.name),
        org_page,
    )
    users, more_users = _page_of(
        session, select(User).options(selectinload(User.organization)).order_by(User.email), page
    )
    return AdminOverview(
        awaiting=list(
            session.scalars(
                select(Organization)
                .where(Organization.approved.is_(False))
                .order_by(Organization.name)
            )
        ),
        organizations=organizations,
        users=users,
        invitations=list(
            session.scalars(
                select(Invitation)
                .where(Invitation.accepted_at.is_(None))
                .order_by(Invitation.created_at.desc())
            )
        ),
        more_organizations=more_organizations,
        more_users=more_users,
    )


def find_invitation(session: Session, token: str) -> Invitation:
    invitation = session.scalar(
        select(Invitation).where(Invitation.token_hash == _token_hash(token or ""))
    )
    if invitation is None or invitation.accepted_at is not None or invitation.expires_at < utcnow():
        raise NotFound(Message("This invitation link is not valid any more; ask for a new one."))
    return invitation


def accept_invitation(session: Session, *, token: str, name: str, password: str) -> User:
    invitation = find_invitation(session, token)
    check_new_password(password, invitation.email, name)
    _email_free(session, invitation.email)
    user = User(
        email=invitation.email,
        name=name.strip(),
        password_hash=hash_password(password),
        role=invitation.role,
        organization_id=invitation.organization_id,
        session_token=new_session_token(),
        email_verified_at=utcnow(),  # the invitation link came by email
    )
    invitation.accepted_at = utcnow()
    session.add(user)
    session.flush()
    record_by(session, user, "invitation", invitation.id, "accept")
    session.flush()
    return user
