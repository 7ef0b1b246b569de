"""A records review's range whose end comes before its start says so under the end date."""

from __future__ import annotations

from datetime import date

from app.auth.models import Role
from tests.errors_under import errors_under
from tests.factories import client_in, make_user


def test_a_range_ending_before_it_starts_is_shown_under_its_end(app, db):
    reviewer = client_in(app, make_user(Role.REVIEWER))
    refused = reviewer.post(
        "/ce/audits",
        data={
            "window_start": date(2026, 6, 1).isoformat(),
            "window_end": date(2026, 5, 1).isoformat(),
            "method": "count",
            "amount": "3",
        },
    )
    errors = errors_under(refused.get_data(as_text=True))
    assert "end of the renewal range is before its start" in errors.get("window_end", "")
    assert "amount" not in errors and "window_start" not in errors
