"""The reviewer dashboard's pure figures and its page."""

from __future__ import annotations

from datetime import date

from app.auth.models import Role
from app.submissions import stats
from tests.factories import login, make_user
from tests.submissions.factories import make_curriculum


def test_buckets_months_median_and_bars():
    assert stats.days_left_buckets([-3, 0, 14, 15, 45, 90]) == [
        ("overdue", 1),
        ("0–14 days", 2),
        ("15–30 days", 1),
        ("31–60 days", 1),
        ("61–90 days", 1),
    ]
    assert stats.months_back(date(2026, 2, 10), 3) == ["2025-12", "2026-01", "2026-02"]
    assert stats.per_month([date(2026, 1, 5), date(2026, 1, 9)], ["2025-12", "2026-01"]) == [
        ("2025-12", 0),
        ("2026-01", 2),
    ]
    assert (
        stats.median_days(
            [(date(2026, 1, 1), date(2026, 1, 11)), (date(2026, 1, 1), date(2026, 1, 31))]
        )
        == 20
    )
    assert stats.median_days([]) is None
    tall, short = stats.bars([("a", 4), ("b", 2)], width=200, height=120)
    assert tall.height == 100 and short.height == 50 and short.y == 50


def test_reviewer_dashboard_counts_decisions_and_open_items(app, db):
    provider, reviewer = make_user(Role.PROVIDER), make_user(Role.REVIEWER)
    make_curriculum(provider, state="approved", reviewer=reviewer, title="Done")
    make_curriculum(provider, state="submitted", title="Waiting")
    client = app.test_client()
    login(client, reviewer)
    page = client.get("/review/dashboard").get_data(as_text=True)
    assert '<svg id="decisions-chart"' in page and "<rect" in page
    assert '<td class="num">1</td>' in page  # one decision this month, one clock of 61–90 days
    assert 'id="median">0 ' in page  # decided the day it was complete
