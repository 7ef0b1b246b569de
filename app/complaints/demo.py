"""Demo complaints: one being investigated against a provider, one received about a peer."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from app import context
from app.complaints import services
from app.complaints.models import Complaint
from app.policy import DEFAULT_POLICY


def seed(session: Session, seeded: dict) -> None:
    users = seeded.get("users", {})
    reviewer = users.get("reviewer")
    organization = seeded.get("organizations", {}).get("b")
    if reviewer is None or organization is None:
        return
    if session.scalar(select(Complaint.id).limit(1)) is not None:
        return
    today = context.today()
    about_provider = services.file_complaint(
        session,
        DEFAULT_POLICY,
        services.ComplaintInput(
            respondent_type="provider",
            organization_id=organization.id,
            complainant_name="Casey Trainee",
            complainant_contact="casey.trainee@example.org",
            nature="The certificate lists 80 hours, but the course met for five days of four hours.",
        ),
        today=today - timedelta(days=70),
    )
    services.investigate(session, about_provider, reviewer, today=today - timedelta(days=68))
    services.add_activity(
        session,
        about_provider,
        reviewer,
        today=today - timedelta(days=60),
        text="Requested the sign-in sheets and agendas from the provider.",
    )
    services.add_confidential_name(session, about_provider, reviewer, name="Morgan Example")
    services.file_complaint(
        session,
        DEFAULT_POLICY,
        services.ComplaintInput(
            respondent_type="peer",
            respondent_name="Drew Sample",
            employer_name="Valley Wellness Center",
            nature="Asked a person they support to lend them money (App. F H7).",
        ),
        today=today - timedelta(days=3),
    )
    session.flush()
