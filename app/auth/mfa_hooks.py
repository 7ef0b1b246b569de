"""Whether an account has a second factor, and checking one: the seam between sign-in, password
reset and the second-factor module (no second factor until one is enrolled)."""

from __future__ import annotations

from sqlalchemy.orm import Session


def has_second_factor(user) -> bool:
    return False


def second_factor_ok(session: Session, user, code: str) -> bool:
    return not has_second_factor(user)
