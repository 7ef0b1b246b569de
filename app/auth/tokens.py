"""Single-use emailed tokens: email verification and password reset.

Only a SHA-256 of each token is stored. A token is used with one conditional UPDATE (unused and
unexpired), so two requests racing with the same link cannot both succeed.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Callable
from datetime import timedelta

from flask_babel import gettext
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from app.auth.models import AccountToken, User
from app.dbtypes import utcnow
from app.errors import NotFound
from app.messages import Message
from app.notifications.language import in_language_of
from app.notifications.services import queue_email

LIFETIMES = {"verify": timedelta(days=2), "reset": timedelta(hours=1)}
INVALID = Message(
    "This link is not valid any more (it was used, or it expired); ask for a new one."
)


def _hash(token: str) -> str:
    return hashlib.sha256((token or "").encode()).hexdigest()


def issue(session: Session, user: User, purpose: str) -> str:
    """A new token for ``user`` (earlier unused tokens of the same purpose stop working)."""
    now = utcnow()
    session.execute(
        update(AccountToken)
        .where(
            AccountToken.user_id == user.id,
            AccountToken.purpose == purpose,
            AccountToken.used_at.is_(None),
        )
        .values(used_at=now)
        .execution_options(synchronize_session=False)
    )
    token = secrets.token_urlsafe(32)
    session.add(
        AccountToken(
            user_id=user.id,
            purpose=purpose,
            token_hash=_hash(token),
            created_at=now,
            expires_at=now + LIFETIMES[purpose],
        )
    )
    session.flush()
    return token


def peek(session: Session, token: str, purpose: str) -> User:
    """The user of a valid (unused, unexpired) token, without using it; NotFound otherwise."""
    row = session.scalar(
        select(AccountToken).where(
            AccountToken.token_hash == _hash(token), AccountToken.purpose == purpose
        )
    )
    if row is None or row.used_at is not None or row.expires_at <= utcnow():
        raise NotFound(INVALID)
    user = session.get(User, row.user_id)
    if user is None:
        raise NotFound(INVALID)
    return user


def use(session: Session, token: str, purpose: str) -> User:
    """Mark the token used and return its user; NotFound if it was used, expired or unknown."""
    user = peek(session, token, purpose)
    result = session.execute(
        update(AccountToken)
        .where(
            AccountToken.token_hash == _hash(token),
            AccountToken.purpose == purpose,
            AccountToken.used_at.is_(None),
            AccountToken.expires_at > utcnow(),
        )
        .values(used_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:
        raise NotFound(INVALID)
    return user


def send_verification(session: Session, user: User, link: Callable[[str], str]) -> None:
    """Queue the email with a link that confirms ``user``'s address."""
    token = issue(session, user, "verify")
    with in_language_of(session, user.email, answers_request=True):
        queue_email(
            session,
            user.email,
            gettext("Confirm your email address for Curriculum Mapper"),
            gettext(
                "Hello %(name)s,\n\nConfirm that this address is yours by opening this link "
                "within %(days)s days: %(link)s\n\nIf you did not register, ignore this email: "
                "the account stays unusable.\n",
                name=user.name,
                days=LIFETIMES["verify"].days,
                link=link(token),
            ),
            category="account",
            link=link(token),
        )
