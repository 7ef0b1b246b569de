"""An email to an account's address is written in the language the account saved."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.auth.models import User
from app.notifications.language import saved_locale


@saved_locale
def account_locale(session: Session, address: str) -> str | None:
    """The saved locale of the account at ``address`` (normalized), None without one."""
    return session.scalar(select(User.locale).where(User.email == address).limit(1))
