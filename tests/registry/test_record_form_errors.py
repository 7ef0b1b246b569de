"""A registry record's date errors sit under the date they concern, not the name or number."""

from __future__ import annotations

from datetime import date

import pytest

from app.auth.models import Role
from tests.errors_under import errors_under
from tests.factories import login, make_user
from tests.registry.factories import make_record

TODAY = date(2026, 6, 1)


@pytest.fixture
def staff(app, db):
    app.config["TODAY"] = TODAY
    client = app.test_client()
    login(client, make_user(Role.REVIEWER))
    return client


def _record(**changes):
    return {
        "legal_name": "Ana Ruiz",
        "certification_number": "MPSS123456",
        "issued_on": "2026-01-01",
        "expires_on": "2028-01-01",
        **changes,
    }


def test_new_record_expiring_before_it_starts_says_so_under_the_expiration_date(staff):
    page = staff.post("/registry/records/new", data=_record(expires_on="2025-12-31")).get_data(
        as_text=True
    )
    errors = errors_under(page)
    assert "expiration date is not after the active date" in errors.get("expires_on", "")
    assert "certification_number" not in errors and "legal_name" not in errors


def test_new_record_active_in_the_future_says_so_under_the_active_date(staff):
    page = staff.post(
        "/registry/records/new", data=_record(issued_on="2026-07-01", expires_on="2028-07-01")
    ).get_data(as_text=True)
    errors = errors_under(page)
    assert "active date cannot be in the future" in errors.get("issued_on", "")
    assert "certification_number" not in errors


def test_edited_record_date_error_is_under_the_date_not_the_name(staff, db):
    record = make_record(
        certification_number="MPSS123456",
        today=TODAY,
        legal_name="Ana Ruiz",
        issued_on=date(2026, 1, 1),
        expires_on=date(2028, 1, 1),
    )
    page = staff.post(
        f"/registry/records/{record.id}", data=_record(expires_on="2025-06-01")
    ).get_data(as_text=True)
    errors = errors_under(page)
    assert "expiration date is not after the active date" in errors.get("expires_on", "")
    assert "legal_name" not in errors
