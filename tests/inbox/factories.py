"""Peers in a records review and other inbox data, built through the services."""

from __future__ import annotations

import itertools
from datetime import date, timedelta

from app.auth.models import Role, User
from app.ce import services as ce
from app.dates import add_years
from app.extensions import db
from app.policy import DEFAULT_POLICY
from tests.factories import make_user

_NUMBERS = itertools.count(700000)


def make_peer(issued_on: date) -> tuple[User, object]:
    user = make_user(Role.PEER)
    profile = ce.save_profile(
        db.session,
        user,
        legal_name=user.name,
        certification_number=f"MPSS{next(_NUMBERS)}",
        issued_on=issued_on,
        status="active",
        specializations=[],
    )
    db.session.commit()
    return user, profile


def draw_one(reviewer: User, today: date):
    """A peer whose renewal is near, drawn alone into a records review by ``reviewer``."""
    user, profile = make_peer(add_years(today, -2) + timedelta(days=20))
    audit = ce.draw_audit(
        db.session,
        reviewer,
        DEFAULT_POLICY,
        window_start=today,
        window_end=today + timedelta(days=40),
        method="count",
        amount=1,
        seed=1,
        today=today,
    )
    db.session.commit()
    return user, profile, audit
