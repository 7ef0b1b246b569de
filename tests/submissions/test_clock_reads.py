"""The review clocks of the queue, the dashboard and the review page read three columns of the
state changes, not whole audit records with their details (a row of the queue costs no JSON)."""

from __future__ import annotations

from app.auth.models import Role
from tests.factories import login, make_user
from tests.queries import counting
from tests.submissions.factories import make_curriculum


def _whole_records(statements: list[str]) -> int:
    return sum("audit_event.details" in s for s in statements)


def test_clocks_read_no_whole_audit_records(app, db):
    provider, reviewer = make_user(Role.PROVIDER), make_user(Role.REVIEWER)
    curricula = [make_curriculum(provider, state="submitted") for _ in range(3)]
    provider_client, reviewer_client = app.test_client(), app.test_client()
    login(provider_client, provider)
    login(reviewer_client, reviewer)
    for client, url in (
        (reviewer_client, "/review"),
        (provider_client, "/provider"),
        (reviewer_client, f"/review/{curricula[0].id}"),
    ):
        with counting(db.engine) as statements:
            response = client.get(url)
        assert response.status_code == 200, url
        assert _whole_records(statements) == 0, url


def test_the_clock_from_three_columns_is_the_clock_from_whole_records(app, db):
    from datetime import timedelta

    from app import context
    from app.audit.services import events_for
    from app.submissions import queries

    provider = make_user(Role.PROVIDER)
    curriculum = make_curriculum(provider, state="submitted")
    with app.test_request_context():
        policy, today = context.policy(), context.today()
        for day in (today, today + timedelta(days=80), today + timedelta(days=120)):
            whole = events_for(db.session, "curriculum", curriculum.id)
            assert whole and any(e.to_state for e in whole)
            assert queries.clock_of(db.session, curriculum, policy, day) == queries.clock_of(
                db.session, curriculum, policy, day, whole
            )
