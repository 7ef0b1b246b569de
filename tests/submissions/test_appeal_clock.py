"""Appeals get the complaints' 90(+30)-day review clock (§805.6–7) and the §807.1 types."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest
from sqlalchemy import select

from app.auth.models import Role
from app.errors import Conflict
from app.extensions import db as _db
from app.notifications.models import OutboxEmail
from app.policy import DEFAULT_POLICY
from app.submissions import appeals, services
from tests.factories import login, make_user
from tests.submissions.factories import file_appeal, make_curriculum


@pytest.fixture
def appeal(db):
    provider, reviewer = make_user(Role.PROVIDER), make_user(Role.REVIEWER)
    curriculum = make_curriculum(provider, state="submitted")
    services.deny(_db.session, curriculum, reviewer, DEFAULT_POLICY, reason="Hours short.")
    item = file_appeal(curriculum, provider, nature="Miscounted", contact="bo@example.org")
    _db.session.commit()
    return item


def test_the_review_of_an_appeal_is_due_ninety_days_after_the_request(appeal):
    clock = appeals.appeal_clock(appeal, DEFAULT_POLICY, appeal.requested_on)
    assert (clock.due_on - appeal.requested_on).days == 90 and clock.can_extend
    assert appeals.type_label(appeal.appeal_type) == appeals.AppealType.PROVIDER_DENIAL


def test_one_extension_with_notice_to_the_appellant(db, appeal):
    reviewer = make_user(Role.REVIEWER)
    today = appeal.requested_on
    appeals.extend_review(
        db.session, appeal, reviewer, DEFAULT_POLICY, today=today, days=15, reason="Expert read"
    )
    assert (appeals.appeal_clock(appeal, DEFAULT_POLICY, today).due_on - today).days == 105
    notices = db.session.scalars(
        select(OutboxEmail).where(OutboxEmail.subject.contains("review of your appeal"))
    ).all()
    assert {n.recipient for n in notices} >= {"bo@example.org"}
    with pytest.raises(Conflict, match="already extended"):
        appeals.extend_review(
            db.session, appeal, reviewer, DEFAULT_POLICY, today=today, days=5, reason="more"
        )


def test_the_appeals_log_shows_the_clock_and_exports(app, db, appeal):
    app.config["TODAY"] = appeal.requested_on
    client = app.test_client()
    login(client, make_user(Role.REVIEWER))
    page = client.get("/review/appeals").get_data(as_text=True)
    assert "(90 days)" in page and "§807.1.C" in page
    response = client.post(
        f"/review/appeals/{appeal.id}/extend", data={"days": "30", "reason": "More records"}
    )
    assert response.status_code == 302
    rows = list(csv.reader(io.StringIO(client.get("/review/appeals.csv").get_data(as_text=True))))
    due = date.fromordinal(appeal.requested_on.toordinal() + 120)
    assert rows[1][-1] == due.isoformat() and "extended by 30 days" in rows[1][5]
