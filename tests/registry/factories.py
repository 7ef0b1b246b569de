"""Certification records in the registry for tests, made through the service (so audited)."""

from __future__ import annotations

from datetime import date

from app.dates import add_years
from app.extensions import db
from app.registry import services
from app.registry.models import CertificationRecord


def make_record(
    *,
    certification_number: str,
    today: date,
    legal_name: str = "Alex Rivera",
    issued_on: date = date(2025, 1, 15),
    expires_on: date | None = None,
    email: str = "",
) -> CertificationRecord:
    """An active record with no action, expiring two years after ``issued_on`` unless told,
    created by an import (no staff member) on ``today``; committed."""
    record = services.create_record(
        db.session,
        None,
        legal_name=legal_name,
        certification_number=certification_number,
        issued_on=issued_on,
        expires_on=expires_on or add_years(issued_on, 2),
        email=email,
        today=today,
    )
    db.session.commit()
    return record
