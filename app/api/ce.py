"""A peer's own CE entries and summary as JSON."""

from __future__ import annotations

from flask import jsonify
from flask_login import current_user

from app import context
from app.api.blueprint import bp
from app.auth.access import roles_required
from app.auth.models import Role
from app.ce import services
from app.ce.rules import ENTRY_FIELDS
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
    return jsonify(entries=[_entry_json(r) for r in profile.entries])


def _entry_json(record) -> dict:
    values = {name: getattr(record, name) for name in ENTRY_FIELDS}
    for name in ("start_date", "end_date"):
        values[name] = values[name].isoformat() if values[name] else None
    withdrawn = record.withdrawn_at is not None
    return {
        "id": record.id,
        **values,
        # Kept on the record but not counted: its provider's report fell after a dispute.
        "withdrawn_on": record.withdrawn_at.date().isoformat() if withdrawn else None,
        "withdrawn_reason": record.withdrawn_reason or "" if withdrawn else None,
    }


@bp.get("/ce/summary")
@roles_required(Role.PEER)
def ce_summary():
    """The signed-in peer's CE summary for the current period."""
    return jsonify(services.summary_for(_profile(), context.policy(), context.today()))
