"""Complaints for tests, filed through the service."""

from __future__ import annotations

from datetime import date

from app.auth.models import Role
from app.complaints import services
from app.extensions import db
from app.policy import DEFAULT_POLICY
from tests.factories import make_user

BOUNDARIES = "Boundaries crossed with a care recipient."  # the reason of a suspension


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


def investigate_and_decide(
    complaint, reviewer, *, today: date, outcome: str, reason: str, investigated_on=None, **more
):
    """``reviewer`` opens the investigation of ``complaint`` (on ``investigated_on``, else
    ``today``) and records its final disposition on ``today``; not committed."""
    services.investigate(db.session, complaint, reviewer, today=investigated_on or today)
    decide_complaint(complaint, reviewer, today=today, outcome=outcome, reason=reason, **more)


def make_suspended_complaint(profile, reviewer):
    """A complaint about ``profile`` that ``reviewer`` investigated on 3 March 2026 and decided
    on 1 April 2026 with a suspension the peer may appeal; committed."""
    complaint = make_complaint(profile=profile)
    investigate_and_decide(
        complaint,
        reviewer,
        investigated_on=date(2026, 3, 3),
        today=date(2026, 4, 1),
        outcome="suspend",
        reason="Substantiated.",
        appeal_link="http://localhost/complaints/outcome/x",
    )
    db.session.commit()
    return complaint
