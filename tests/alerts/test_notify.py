"""Reviewers who must act are emailed: new submissions, appeals, uploaded proof; at once or in
one daily digest."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select

from app.alerts import notify
from app.alerts.models import DAILY_DIGEST, IMMEDIATELY, DigestItem
from app.audit.services import events_for
from app.auth.models import Role
from app.ce import services as ce
from app.errors import DomainError, Forbidden
from app.notifications.models import OutboxEmail
from app.notifications.services import run_daily_reminders
from app.policy import DEFAULT_POLICY
from app.submissions import services
from tests.factories import make_user
from tests.inbox.factories import draw_one
from tests.submissions.factories import file_appeal, make_curriculum, record_fee

TODAY = date(2026, 3, 2)


def _review_mail(db, recipient=None):
    query = select(OutboxEmail).where(OutboxEmail.category == "review")
    if recipient is not None:
        query = query.where(OutboxEmail.recipient == recipient)
    return db.session.scalars(query.order_by(OutboxEmail.id)).all()


def test_a_complete_submission_emails_every_reviewer_when_nobody_is_assigned(app, db):
    first, second = make_user(Role.REVIEWER), make_user(Role.REVIEWER)
    gone = make_user(Role.REVIEWER)
    gone.active = False
    provider = make_user(Role.PROVIDER)
    curriculum = make_curriculum(provider, title="Peer basics")
    services.submit(db.session, curriculum, provider)  # no fee yet: incomplete, nobody acts
    db.session.commit()
    assert _review_mail(db) == []

    record_fee(curriculum, first)  # complete: the 90-day clock starts and reviewers are told
    db.session.commit()
    mails = _review_mail(db)
    recipients = {m.recipient for m in mails}
    assert {first.email, second.email} <= recipients and gone.email not in recipients
    mail = _review_mail(db, first.email)[0]
    assert mail.subject == "New submission to review: Peer basics"
    assert f"http://localhost/review/{curriculum.id}" in mail.body


def test_only_the_assigned_reviewer_hears_of_a_resubmission(app, db):
    assigned, other = make_user(Role.REVIEWER), make_user(Role.REVIEWER)
    provider = make_user(Role.PROVIDER)
    curriculum = make_curriculum(provider, state="submitted")
    services.assign(db.session, curriculum, assigned, assigned)
    services.request_revisions(db.session, curriculum, assigned, comments="Add hours.")
    before = {m.id for m in _review_mail(db)}
    services.resubmit(
        db.session,
        curriculum,
        provider,
        syllabus_text=curriculum.latest.syllabus_text,
        report=curriculum.latest.report,
        note="Hours added",
    )
    db.session.commit()
    new = [m for m in _review_mail(db) if m.id not in before]
    assert [m.recipient for m in new] == [assigned.email]
    assert new[0].subject.startswith("Revised submission to review")
    assert other.email not in {m.recipient for m in new}


def test_an_appeal_goes_to_every_reviewer_but_the_one_who_denied(app, db):
    denier, other = make_user(Role.REVIEWER), make_user(Role.REVIEWER)
    provider = make_user(Role.PROVIDER)
    curriculum = make_curriculum(provider, state="submitted", title="Crisis care")
    services.deny(db.session, curriculum, denier, DEFAULT_POLICY, reason="Too short.")
    db.session.commit()
    file_appeal(curriculum, provider, nature="The hours are there.", contact="provider@example.org")
    db.session.commit()
    appeal_mail = [m for m in _review_mail(db) if m.subject.startswith("New appeal")]
    recipients = {m.recipient for m in appeal_mail}
    assert other.email in recipients and denier.email not in recipients
    assert all(f"/review/{curriculum.id}" in m.body for m in appeal_mail)


def test_uploaded_proof_tells_the_reviewer_who_drew_the_review(app, db):
    drawer, other = make_user(Role.REVIEWER), make_user(Role.REVIEWER)
    today = datetime.now(UTC).date()
    user, profile, audit = draw_one(drawer, today)
    ce.respond_to_audit(db.session, profile, user)
    db.session.commit()
    (mail,) = _review_mail(db)
    assert mail.recipient == drawer.email and other.email != mail.recipient
    assert profile.certification_number in mail.subject
    assert f"http://localhost/ce/audits/{audit.id}" in mail.body


def test_a_digest_reviewer_gets_one_email_a_day_listing_the_items(app, db):
    digest, immediate = make_user(Role.REVIEWER), make_user(Role.REVIEWER)
    notify.set_delivery(db.session, digest, DAILY_DIGEST)
    provider = make_user(Role.PROVIDER)
    first = make_curriculum(provider, state="submitted", title="First course")
    second = make_curriculum(provider, state="submitted", title="Second course")
    db.session.commit()
    assert _review_mail(db, digest.email) == []
    assert len(_review_mail(db, immediate.email)) == 2
    assert db.session.scalar(select(db.func.count()).select_from(DigestItem)) == 2

    assert run_daily_reminders(db.session, DEFAULT_POLICY, TODAY) >= 1
    (mail,) = db.session.scalars(
        select(OutboxEmail).where(
            OutboxEmail.category == "digest", OutboxEmail.recipient == digest.email
        )
    ).all()
    assert "2 new item(s)" in mail.subject
    assert "First course" in mail.body and "Second course" in mail.body
    assert f"/review/{first.id}" in mail.body and f"/review/{second.id}" in mail.body
    assert "http://localhost/" in mail.body
    # Listed once: the next day's digest has nothing to send.
    run_daily_reminders(db.session, DEFAULT_POLICY, date(2026, 3, 3))
    assert (
        db.session.scalar(
            select(db.func.count()).select_from(OutboxEmail).where(OutboxEmail.category == "digest")
        )
        == 1
    )


def test_the_setting_is_audited_and_kept_to_reviewers(app, db):
    reviewer = make_user(Role.REVIEWER)
    assert notify.delivery_of(db.session, reviewer) == IMMEDIATELY
    notify.set_delivery(db.session, reviewer, DAILY_DIGEST)
    assert notify.delivery_of(db.session, reviewer) == DAILY_DIGEST
    (event,) = events_for(db.session, "user", reviewer.id)
    assert event.action == "set_email_delivery"
    assert event.details["delivery"] == [IMMEDIATELY, DAILY_DIGEST]
    with pytest.raises(DomainError):
        notify.set_delivery(db.session, reviewer, "hourly")
    with pytest.raises(Forbidden):
        notify.set_delivery(db.session, make_user(Role.PEER), DAILY_DIGEST)
