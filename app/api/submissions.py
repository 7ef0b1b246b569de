"""Submission resources: read a curriculum's state and report; record a reviewer's decision.

Session-authenticated; CSRF stays on (send the token in the X-CSRFToken header). A decision
names the lock version the reviewer saw; a stale one, or one that lost a race with another
reviewer's, answers 409 and changes nothing: the answer carries the curriculum as it is now
(``current``) and the decision sent (``submitted``), so the client can show both and send again. While a
substantive change is under review, ``version`` is the change's and the decision is the change's.
"""

from __future__ import annotations

from flask import jsonify, request
from flask_login import current_user
from sqlalchemy.orm.exc import StaleDataError

from app import context
from app.api.blueprint import bp
from app.auth.access import roles_required
from app.auth.models import Role
from app.errors import DomainError, conflict_of
from app.extensions import db
from app.submissions import corrections, services
from app.submissions.states import Decision
from app.syllabus.stored_text import documented


def _json(curriculum) -> dict:
    change = curriculum.open_change
    return {
        "id": curriculum.id,
        "title": curriculum.title,
        "program": curriculum.program,
        "organization": curriculum.organization.name,
        "state": str(curriculum.state),
        "version": change.lock_version if change else curriculum.lock_version,
        "approved_version": curriculum.approved_version_number,
        "change": {
            "id": change.id,
            "state": str(change.state),
            "version": change.version.number,
            "intended_use_on": change.intended_use_on.isoformat(),
        }
        if change
        else None,
        "versions": len(curriculum.versions),
        "approved_on": curriculum.approved_on.isoformat() if curriculum.approved_on else None,
        "expires_on": curriculum.expires_on.isoformat() if curriculum.expires_on else None,
        "report": documented(curriculum.current_version.report) if curriculum.latest else None,
        "reading_corrections": [
            corrections.to_json(c) for c in curriculum.current_version.reading_corrections
        ]
        if curriculum.latest
        else [],
    }


@bp.get("/submissions/<int:curriculum_id>")
@roles_required(Role.PROVIDER, Role.REVIEWER, Role.ADMIN)
def submission_detail(curriculum_id: int):
    """A curriculum the caller may see: state, lock version, latest report."""
    return jsonify(_json(services.get_curriculum_for(db.session, current_user, curriculum_id)))


@bp.post("/submissions/<int:curriculum_id>/decision")
@roles_required(Role.REVIEWER, Role.ADMIN)
def submission_decision(curriculum_id: int):
    """Body {"decision": approve|deny|request_revisions, "reason": str, "version": int}."""
    curriculum = services.get_curriculum_for(db.session, current_user, curriculum_id)
    body = request.get_json(silent=True)
    if (
        not isinstance(body, dict)
        or body.get("decision") not in {d.value for d in Decision}
        or not isinstance(body.get("version"), int)
        or isinstance(body.get("version"), bool)
    ):
        choices = " | ".join(f'"{d.value}"' for d in Decision)
        raise DomainError(
            f'Send JSON {{"decision": {choices}, "reason": "...", "version": <int>}}.'
        )
    submitted = {
        "decision": body["decision"],
        "reason": str(body.get("reason") or ""),
        "version": body["version"],
    }
    try:
        services.decide(
            db.session,
            curriculum,
            current_user,
            context.policy(),
            decision=submitted["decision"],
            reason=submitted["reason"],
            today=context.today(),
            expected_version=submitted["version"],
        )
    except (DomainError, StaleDataError) as raised:
        error = conflict_of(raised)
        if error.status != 409:
            raise error from None
        db.session.rollback()
        current = services.get_curriculum_for(db.session, current_user, curriculum_id)
        error_body = {"status": 409, "message": error.message}
        return jsonify(error=error_body, current=_json(current), submitted=submitted), 409
    return jsonify(_json(curriculum))


@bp.post("/submissions/<int:curriculum_id>/reading")
@roles_required(Role.PROVIDER)
def submission_reading(curriculum_id: int):
    """A draft's reading corrected: a list of corrections, or the reading as served, edited."""
    curriculum = services.get_curriculum_for(db.session, current_user, curriculum_id)
    body = request.get_json(silent=True)
    if not isinstance(body, list | dict):
        raise DomainError("Send JSON: a list of corrections, or the reading with your changes.")
    corrections.correct_reading_json(
        db.session,
        curriculum,
        current_user,
        body,
        catalog=context.catalog(),
        policy=context.policy(),
    )
    return jsonify(_json(curriculum))


@bp.post("/submissions/<int:curriculum_id>/reading/<int:correction_id>")
@roles_required(Role.REVIEWER, Role.ADMIN)
def submission_reading_decision(curriculum_id: int, correction_id: int):
    """Body {"decision": "accept" | "reject", "note": str}; a rejection needs its note."""
    curriculum = services.get_curriculum_for(db.session, current_user, curriculum_id)
    body = request.get_json(silent=True)
    if not isinstance(body, dict) or body.get("decision") not in ("accept", "reject"):
        raise DomainError('Send JSON {"decision": "accept" | "reject", "note": "..."}.')
    corrections.decide_correction(
        db.session,
        curriculum,
        current_user,
        correction_id,
        accept=body["decision"] == "accept",
        note=str(body.get("note") or ""),
        catalog=context.catalog(),
        policy=context.policy(),
    )
    return jsonify(_json(curriculum))
