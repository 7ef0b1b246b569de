"""Peers in a records review and other inbox data, built through the services."""

from __future__ import annotations

from datetime import date, timedelta

from app.auth.models import Role, User
from app.dates import add_years
from app.extensions import db
from tests.ce.factories import draw, make_profile
from tests.factories import make_user


def make_peer(issued_on: date) -> tuple[User, object]:
    user = make_user(Role.PEER)
    return user, make_profile(user, issued_on=issued_on, legal_name=user.name)


def draw_one(reviewer: User, today: date):
    """A peer whose renewal is near, drawn alone into a records review by ``reviewer``."""
    user, profile = make_peer(add_years(today, -2) + timedelta(days=20))
    audit = draw(reviewer, today, today + timedelta(days=40))
    db.session.commit()
    return user, profile, audit
