"""One add_years for approvals (§803.4) and certification periods (§207.1)."""

from datetime import date

from app.dates import add_years


def test_same_day_years_later_and_earlier():
    assert add_years(date(2025, 3, 1), 2) == date(2027, 3, 1)
    assert add_years(date(2025, 3, 1), -2) == date(2023, 3, 1)


def test_29_february_becomes_28_february_in_common_years_only():
    assert add_years(date(2024, 2, 29), 2) == date(2026, 2, 28)
    assert add_years(date(2024, 2, 29), 4) == date(2028, 2, 29)
