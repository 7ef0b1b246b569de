"""An empty completion roster to hang training records on, for the DHCS report's tests."""

from __future__ import annotations

from app.auth.models import Role
from app.extensions import db
from app.reports.models import CompletionRoster
from tests.factories import make_user
from tests.submissions.factories import make_curriculum


def empty_roster(name: str = "roster.csv") -> CompletionRoster:
    """A roster of no rows for an approved crisis-care course of a new provider; flushed, so the
    caller adds its records in bulk and commits."""
    provider = make_user(Role.PROVIDER)
    course = make_curriculum(provider, state="approved", program="crisis")
    roster = CompletionRoster(
        curriculum_id=course.id,
        stored_name=name,
        original_name=name,
        rows=0,
        uploaded_by_id=provider.id,
    )
    db.session.add(roster)
    db.session.flush()
    return roster
