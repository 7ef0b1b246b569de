"""Deadline reminders are queued once; the outbox is delivered through SMTP."""

from __future__ import annotations

from datetime import date, timedelta

from app.audit.models import AuditEvent
from app.auth.models import Role
from app.notifications.models import OutboxEmail
from app.notifications.services import (
    REMINDERS,
    queue_email,
    queue_reminders,
    reminder,
    send_pending,
)
from app.policy import DEFAULT_POLICY
from app.submissions import services
from app.syllabus.services import check_syllabus
from tests.factories import make_user

SYLLABUS = "---\nprogram: core\n---\n## Ethics (4 hours) [core-11]\n"


def test_send_pending_delivers_and_marks_sent(db, smtp_server):
    queue_email(db.session, "someone@example.org", "Hello", "Body text", category="test")
    db.session.commit()
    host, port = smtp_server.server_address
    assert send_pending(db.session, server=host, port=port, sender="no-reply@example.org") == 1
    (message,) = smtp_server.messages
    assert message["rcpt"] == ["someone@example.org"] and "Subject: Hello" in message["data"]
    assert db.session.scalar(db.select(OutboxEmail)).sent_at is not None
    assert send_pending(db.session, server=host, port=port, sender="no-reply@example.org") == 0


def test_no_server_keeps_the_outbox(db):
    queue_email(db.session, "someone@example.org", "Hello", "Body", category="test")
    db.session.commit()
    assert send_pending(db.session, server=None, port=25, sender="x@example.org") == 0
    assert db.session.scalar(db.select(OutboxEmail)).sent_at is None


def test_reminders_for_due_reviews_and_expiring_approvals(db):
    provider, reviewer = make_user(Role.PROVIDER), make_user(Role.REVIEWER)
    due = services.create_draft(
        db.session,
        provider=provider,
        program="core",
        title="Due soon",
        language="English",
        syllabus_text=SYLLABUS,
        report=check_syllabus(SYLLABUS).to_dict(),
    )
    services.submit(db.session, due, provider)
    start = date(2026, 1, 1)
    for event in db.session.scalars(db.select(AuditEvent).where(AuditEvent.subject_id == due.id)):
        event_date = event.at.replace(year=2026, month=1, day=1)
        db.session.execute(
            db.update(AuditEvent).where(AuditEvent.id == event.id).values(at=event_date)
        )
    expiring = services.create_draft(
        db.session,
        provider=provider,
        program="core",
        title="Expiring",
        language="English",
        syllabus_text=SYLLABUS,
        report=check_syllabus(SYLLABUS).to_dict(),
    )
    services.submit(db.session, expiring, provider)
    services.approve(
        db.session, expiring, reviewer, DEFAULT_POLICY, today=start - timedelta(days=640)
    )
    db.session.commit()
    today = start + timedelta(days=80)  # 10 days left on the 90-day clock
    queued = queue_reminders(db.session, DEFAULT_POLICY, today)
    subjects = [
        e.subject
        for e in db.session.scalars(
            db.select(OutboxEmail).where(OutboxEmail.category == "deadline")
        )
    ]
    assert any(s.startswith("Review due in 10 days: Due soon") for s in subjects), subjects
    assert any(s.startswith("Approval expires") and "Expiring" in s for s in subjects)
    assert queued == len(subjects)
    assert queue_reminders(db.session, DEFAULT_POLICY, today) == 0  # not repeated the same day


def test_cli_sends_through_smtp(runner, db, smtp_server, app):
    queue_email(db.session, "peer@example.org", "CLI", "Body", category="test")
    db.session.commit()
    host, port = smtp_server.server_address
    app.config.update(MAIL_SERVER=host, MAIL_PORT=port)
    result = runner.invoke(args=["notifications", "send"])
    assert result.exit_code == 0, result.output
    assert "1 email(s) sent" in result.output
    assert smtp_server.messages[0]["rcpt"] == ["peer@example.org"]


def test_domains_register_their_reminders_with_the_outbox(db, monkeypatch):
    assert services.queue_deadline_reminders in REMINDERS
    calls = []
    monkeypatch.setattr("app.notifications.services.REMINDERS", [])

    @reminder
    def _count(session, policy, today):
        calls.append(today)
        return 2

    reminder(_count)  # registering twice runs it once
    assert queue_reminders(db.session, DEFAULT_POLICY, date(2026, 5, 1)) == 2
    assert calls == [date(2026, 5, 1)]
