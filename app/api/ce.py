"""A peer's own CE entries and summary as JSON."""

from __future__ import annotations

from flask import jsonify
from flask_login import current_user

from app import context
from app.api import bp
from app.auth.access import roles_required
from app.auth.models import Role
from app.ce import services
from app.errors import NotFound
from app.extensions import db


def _profile():
    profile = services.profile_of(db.session, current_user)
    if profile is None:
        raise NotFound("Fill in your certification details first.")
    return profile


@bp.get("/ce/entries")
@roles_required(Role.PEER)
def ce_entries():
    """The signed-in peer's entries."""
    profile = _profile()
    return jsonify(
        entries=[
            {
                "id": r.id,
                "title": r.title,
                "provider": r.provider,
                "start_date": r.start_date.isoformat(),
                "end_date": r.end_date.isoformat() if r.end_date else None,
                "format": r.format,
                "hours": r.hours,
                "units": r.units,
                "source": r.source,
                "law_ethics": r.law_ethics,
                "law_ethics_topics": r.law_ethics_topics,
                "evidence": r.evidence,
            }
            for r in profile.entries
        ]
    )


@bp.get("/ce/summary")
@roles_required(Role.PEER)
def ce_summary():
    """The signed-in peer's CE summary for the current period."""
    return jsonify(services.summary_for(_profile(), context.policy(), context.today()))
