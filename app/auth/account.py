"""The password life cycle and account administration: verify an address, change or reset a
password, disable an account, end its sessions. Services take the session; no Flask."""

from __future__ import annotations

from collections.abc import Callable

from flask_babel import gettext
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.audit.services import record_by
from app.auth import tokens
from app.auth.models import Role, User
from app.auth.services import (
    WeakPassword,
    check_new_password,
    hash_password,
    new_session_token,
    normalize_email,
    verify_password,
)
from app.dbtypes import utcnow
from app.errors import Conflict, DomainError, NotFound
from app.limits.login import end_account_lock
from app.messages import Message
from app.notifications import links
from app.notifications.language import in_language_of
from app.notifications.services import queue_email
from app.security_log.services import Origin, log_event


class WrongPassword(DomainError):
    status = 400


def verify_email(session: Session, token: str, *, origin: Origin | None = None) -> User:
    """Confirm the address the token was sent to."""
    user = tokens.use(session, token, "verify")
    if user.email_verified_at is None:
        user.email_verified_at = utcnow()
    log_event(session, "email_verified", "success", origin=origin, user_id=user.id)
    session.flush()
    return user


def resend_verification(session: Session, user: User, link: Callable[[str], str]) -> None:
    if user.email_verified_at is None:
        tokens.send_verification(session, user, link)
        session.flush()


def request_reset(
    session: Session, email: str, link: Callable[[str], str], *, origin: Origin | None = None
) -> None:
    """Email a reset link when ``email`` has an active account; otherwise do nothing visible."""
    email = normalize_email(email)
    user = session.scalar(select(User).where(User.email == email))
    if user is not None and user.active:
        token = tokens.issue(session, user, "reset")
        with in_language_of(session, user.email, answers_request=True):
            queue_email(
                session,
                user.email,
                gettext("Choose a new Curriculum Mapper password"),
                gettext(
                    "Hello %(name)s,\n\nTo choose a new password, open this link within one "
                    "hour: %(link)s\n\nThe link works once. If you did not ask for it, ignore "
                    "this email: your password stays as it is.\n",
                    name=user.name,
                    link=link(token),
                ),
                category="account",
                link=link(token),
            )
    log_event(
        session,
        "password_reset_request",
        "info",
        origin=origin,
        user_id=user.id if user is not None else None,
        identifier=email,
    )
    session.flush()


def _set_password(session: Session, user: User, password: str) -> None:
    """Store the new hash and end every session of ``user`` (their cookies stop working)."""
    user.password_hash = hash_password(password)
    user.session_token = new_session_token()
    with in_language_of(session, user.email, answers_request=True):
        queue_email(
            session,
            user.email,
            gettext("Your Curriculum Mapper password was changed"),
            gettext(
                "Hello %(name)s,\n\nYour password was changed and every session was signed "
                "out. If you did not do this, reset your password at once and tell an "
                "administrator.\n",
                name=user.name,
            ),
            category="account",
            link=links.url("account.reset_request"),
        )


def reset_password(
    session: Session,
    token: str,
    password: str,
    *,
    origin: Origin | None = None,
    second_factor_ok: Callable[[User], bool] = lambda user: True,
) -> User:
    """Set a new password with an emailed token (single use, one hour). The address is proven, so
    it counts as confirmed and the account-wide sign-in lock ends. An account with a second
    factor must give it too (``second_factor_ok``): a reset does not bypass it."""
    user = tokens.peek(session, token, "reset")
    check_new_password(password, user.email, user.name)
    if not second_factor_ok(user):
        raise WrongPassword(
            Message("The code from your authenticator app or a recovery code is needed.")
        )
    tokens.use(session, token, "reset")
    _set_password(session, user, password)
    if user.email_verified_at is None:
        user.email_verified_at = utcnow()
    end_account_lock(session, user.email)
    log_event(session, "password_reset", "success", origin=origin, user_id=user.id)
    session.flush()
    return user


def change_password(
    session: Session,
    user: User,
    *,
    current: str,
    new: str,
    origin: Origin | None = None,
) -> None:
    """Change ``user``'s password given the current one; every session ends."""
    if not verify_password(user.password_hash, current):
        log_event(session, "password_change", "failure", origin=origin, user_id=user.id)
        session.commit()  # kept although the request answers with an error (which rolls back)
        raise WrongPassword(Message("The current password is not right."))
    if current == new:
        raise WeakPassword(Message("Choose a password different from the current one."))
    check_new_password(new, user.email, user.name)
    _set_password(session, user, new)
    log_event(session, "password_change", "success", origin=origin, user_id=user.id)
    session.flush()


def _target(session: Session, admin: User, user_id: int) -> User:
    user = session.get(User, user_id)
    if user is None:
        raise NotFound(Message("There is no such account."))
    if user.id == admin.id:
        raise Conflict(Message("You cannot do this to your own account."))
    return user


def set_active(
    session: Session, admin: User, user_id: int, *, active: bool, origin: Origin | None = None
) -> User:
    """Disable (and sign out everywhere) or enable an account; the last active admin stays."""
    user = _target(session, admin, user_id)
    if user.active == active:
        raise Conflict(
            Message("%(email)s is already enabled.", email=user.email)
            if active
            else Message("%(email)s is already disabled.", email=user.email)
        )
    if not active and user.role == Role.ADMIN:
        admins = session.scalar(
            select(User.id).where(User.role == Role.ADMIN, User.active, User.id != user.id).limit(1)
        )
        if admins is None:
            raise Conflict(Message("This is the last active administrator."))
    user.active = active
    if not active:
        user.session_token = new_session_token()
    action = "enable" if active else "disable"
    return _admin_did(
        session,
        admin,
        user,
        action,
        f"account_{action}",
        origin,
        from_state="disabled" if active else "active",
        to_state="active" if active else "disabled",
    )


def end_sessions(
    session: Session, admin: User, user_id: int, *, origin: Origin | None = None
) -> User:
    """Sign ``user`` out everywhere: the token every session cookie carries changes."""
    user = _target(session, admin, user_id)
    user.session_token = new_session_token()
    return _admin_did(session, admin, user, "end_sessions", "sessions_ended", origin)


def _admin_did(
    session: Session,
    admin: User,
    user: User,
    action: str,
    event: str,
    origin: Origin | None,
    **states: str,
) -> User:
    """What an administrator did to ``user``: ``action`` in the audit log (``states``: from and
    to), ``event`` in the security log; flushed."""
    record_by(session, admin, "user", user.id, action, **states)
    log_event(session, event, "success", origin=origin, user_id=user.id, details={"by": admin.id})
    session.flush()
    return user
