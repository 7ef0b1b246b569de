"""Whether an account has a second factor, and checking one: the seam between sign-in, password
reset and ``app.auth.mfa``."""

from __future__ import annotations

from sqlalchemy.orm import Session

from app.auth import mfa
from app.extensions import db


def has_second_factor(user) -> bool:
    """Whether ``user`` has a second factor; None (an unknown address) runs the same query."""
    return mfa.has_second_factor_id(db.session, user.id if user is not None else 0)


def second_factor_ok(session: Session, user, code: str) -> bool:
    """True when ``user`` has no second factor, or ``code`` is a right one."""
    if not mfa.has_second_factor(session, user):
        return True
    ok = mfa.check(session, user, code)
    session.commit()
    return ok
