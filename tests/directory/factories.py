"""Approved courses in the public directory, listed through the service as their provider would."""

from __future__ import annotations

from app.auth.models import Role, User
from app.directory import services
from app.extensions import db
from app.submissions.models import Curriculum
from tests.factories import make_user
from tests.submissions.factories import make_curriculum


def make_listed_course(
    title: str,
    *,
    provider: User | None = None,
    program: str = "core",
    language: str = "English",
    fmt: str = "",
    county: str = "",
    place: str = "",
    contact: str = "",
) -> Curriculum:
    """An approved curriculum taught in ``language``, committed. With a delivery format or a
    county, its provider saves its directory listing (place and contact with them)."""
    provider = provider or make_user(Role.PROVIDER)
    curriculum = make_curriculum(provider, state="approved", title=title, program=program)
    curriculum.language = language
    if fmt or county:
        services.save_listing(
            db.session,
            provider,
            curriculum,
            delivery_format=fmt,
            county=county,
            place=place,
            contact=contact,
        )
    db.session.commit()
    return curriculum
