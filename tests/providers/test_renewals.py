"""Renewal of a provider's approval (§803.4, §601), the reminders at 90 and 30 days, lapse."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from app.auth.models import Role
from app.errors import Conflict, DomainError
from app.notifications.models import OutboxEmail
from app.notifications.services import queue_reminders
from app.policy import DEFAULT_POLICY
from app.providers import renewals
from app.providers.standing import ApprovalStatus, Standing, course_status
from tests.factories import login, make_user
from tests.submissions.factories import make_curriculum

P = DEFAULT_POLICY
EXPIRES = date(2028, 1, 1)  # approved 2026-01-01 by the factory


@pytest.fixture
def approved(db):
    provider = make_user(Role.PROVIDER)
    return make_curriculum(provider, state="approved"), provider


def _renewal_emails(db):
    return db.session.scalars(
        select(OutboxEmail).where(OutboxEmail.category == "renewal").order_by(OutboxEmail.id)
    ).all()


def test_reminders_go_once_at_ninety_and_once_at_thirty_days(db, approved):
    queue_reminders(db.session, P, date(2027, 10, 2))  # 91 days before: nothing yet
    assert not _renewal_emails(db)
    queue_reminders(db.session, P, date(2027, 10, 3))  # 90 days before
    queue_reminders(db.session, P, date(2027, 10, 4))
    queue_reminders(db.session, P, date(2027, 12, 2))  # 30 days before
    queue_reminders(db.session, P, date(2027, 12, 20))
    subjects = [e.subject for e in _renewal_emails(db)]
    assert [s.split(":")[0] for s in subjects] == [
        "Approval expires in 90 days",
        "Approval expires in 30 days",
    ]


def test_renewal_opens_ninety_days_before_and_extends_two_years(db, approved):
    curriculum, provider = approved
    with pytest.raises(Conflict, match="opens on October 03, 2027"):
        renewals.apply(db.session, curriculum, provider, P, today=date(2027, 10, 2))
    item = renewals.apply(db.session, curriculum, provider, P, today=date(2027, 11, 1))
    assert item.fee == 300
    reviewer = make_user(Role.REVIEWER)
    with pytest.raises(DomainError, match=r"\$300 \(§601\)"):
        renewals.decide(
            db.session, item, reviewer, P, today=date(2027, 11, 5), renew=True, fee_paid=False
        )
    renewals.decide(
        db.session, item, reviewer, P, today=date(2027, 11, 5), renew=True, fee_paid=True
    )
    assert curriculum.expires_on == date(2030, 1, 1)
    queue_reminders(db.session, P, date(2027, 12, 2))
    assert not _renewal_emails(db)  # renewed: no reminder for the old date


def test_an_expired_approval_cannot_be_renewed(db, approved):
    curriculum, provider = approved
    with pytest.raises(Conflict, match="expired on January 01, 2028"):
        renewals.apply(db.session, curriculum, provider, P, today=date(2028, 1, 2))


def test_course_status_names_the_reason():
    expired = course_status(EXPIRES, Standing.GOOD, date(2028, 1, 2), warn_days=90)
    assert expired.status == ApprovalStatus.EXPIRED and not expired.open
    assert "§803.4" in expired.reason
    assert course_status(EXPIRES, Standing.GOOD, date(2027, 12, 1), warn_days=90).open
    assert not course_status(EXPIRES, Standing.REVOKED, date(2026, 5, 1), warn_days=90).open


def test_provider_applies_and_reviewer_renews_through_the_pages(app, db, approved):
    curriculum, provider = approved
    app.config["TODAY"] = date(2027, 11, 1)
    client = app.test_client()
    login(client, provider)
    assert "Apply for renewal" in client.get("/provider/renewals").get_data(as_text=True)
    client.post(f"/curricula/{curriculum.id}/renew")
    reviewer = app.test_client()
    login(reviewer, make_user(Role.REVIEWER))
    queue = reviewer.get("/review/renewals").get_data(as_text=True)
    assert curriculum.title in queue
    item = renewals.pending_for(db.session, curriculum.id)
    reviewer.post(f"/review/renewals/{item.id}", data={"outcome": "renew", "fee_paid": "y"})
    db.session.refresh(curriculum)
    assert curriculum.expires_on == date(2030, 1, 1)
