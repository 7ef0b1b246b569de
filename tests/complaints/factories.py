"""Complaints for tests, filed through the service."""

from __future__ import annotations

from datetime import date

from app.auth.models import Role
from app.complaints import services
from app.extensions import db
from app.policy import DEFAULT_POLICY
from tests.factories import make_user


def make_complaint(
    *,
    organization=None,
    profile=None,
    received_on: date = date(2026, 3, 2),
    contact: str = "alex@example.org",
    nature: str = "The trainer skipped the ethics module.",
    confirmed: bool = True,
):
    """A received complaint about ``organization`` or ``profile``, committed; with a profile,
    staff have confirmed the respondent's identity unless ``confirmed`` is False."""
    data = services.ComplaintInput(
        respondent_type="provider" if organization is not None else "peer",
        respondent_name="" if profile is not None or organization is not None else "Sam Doe",
        organization_id=organization.id if organization is not None else None,
        certification_number=profile.certification_number if profile is not None else "",
        employer_name="County BH",
        complainant_name="Alex",
        complainant_contact=contact,
        nature=nature,
    )
    complaint = services.file_complaint(db.session, DEFAULT_POLICY, data, today=received_on)
    if profile is not None and confirmed:
        services.confirm_respondent(
            db.session,
            complaint,
            make_user(Role.REVIEWER),
            certification_number=profile.certification_number,
            note="",
        )
    db.session.commit()
    return complaint


def decide_complaint(complaint, reviewer, *, today: date, outcome: str, reason: str, **more):
    """``reviewer`` records the final disposition of ``complaint`` under the default policy
    (§806.4.H–K); not committed."""
    services.decide(
        db.session,
        complaint,
        reviewer,
        DEFAULT_POLICY,
        today=today,
        outcome=outcome,
        reason=reason,
        **more,
    )
