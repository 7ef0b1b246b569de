"""Deadline reminders are queued once; the outbox is delivered through SMTP."""

from __future__ import annotations

import re
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
from tests.factories import make_user
from tests.submissions.factories import make_curriculum

LINK = "https://curriculum.example.org/"  # every email names the page to act on

SYLLABUS = "---\nprogram: core\n---\n## Ethics (4 hours) [core-11]\n"


def test_send_pending_delivers_and_marks_sent(db, smtp_server):
    queue_email(db.session, "someone@example.org", "Hello", "Body text", category="test", link=LINK)
    db.session.commit()
    host, port = smtp_server.server_address
    assert send_pending(db.session, server=host, port=port, sender="no-reply@example.org") == 1
    (message,) = smtp_server.messages
    assert message["rcpt"] == ["someone@example.org"] and "Subject: Hello" in message["data"]
    assert db.session.scalar(db.select(OutboxEmail)).sent_at is not None
    assert send_pending(db.session, server=host, port=port, sender="no-reply@example.org") == 0


def test_no_server_keeps_the_outbox(db):
    queue_email(db.session, "someone@example.org", "Hello", "Body", category="test", link=LINK)
    db.session.commit()
    assert send_pending(db.session, server=None, port=25, sender="x@example.org") == 0
    assert db.session.scalar(db.select(OutboxEmail)).sent_at is None


def test_reminders_for_due_reviews_and_expiring_approvals(db):
    provider, reviewer = make_user(Role.PROVIDER), make_user(Role.REVIEWER)
    due = make_curriculum(provider, state="submitted", title="Due soon", text=SYLLABUS)
    start = date(2026, 1, 1)
    for event in db.session.scalars(db.select(AuditEvent).where(AuditEvent.subject_id == due.id)):
        event_date = event.at.replace(year=2026, month=1, day=1)
        db.session.execute(
            db.update(AuditEvent).where(AuditEvent.id == event.id).values(at=event_date)
        )
    db.session.expire_all()
    services.refresh_queue_fields(db.session, due)  # the deadline kept with the curriculum
    make_curriculum(
        provider,
        state="approved",
        title="Expiring",
        text=SYLLABUS,
        reviewer=reviewer,
        approved_on=start - timedelta(days=640),
    )
    db.session.commit()
    today = start + timedelta(days=80)  # 10 days left on the 90-day clock
    queued = queue_reminders(db.session, DEFAULT_POLICY, today)
    subjects = [
        e.subject
        for e in db.session.scalars(
            db.select(OutboxEmail).where(OutboxEmail.category.in_(["deadline", "renewal"]))
        )
    ]
    assert any(s.startswith("Review due in 10 days: Due soon") for s in subjects), subjects
    assert any(s.startswith("Approval expires") and "Expiring" in s for s in subjects)
    assert queued == len(subjects)
    assert queue_reminders(db.session, DEFAULT_POLICY, today) == 0  # not repeated the same day


def test_cli_sends_through_smtp(runner, db, smtp_server, app):
    queue_email(db.session, "peer@example.org", "CLI", "Body", category="test", link=LINK)
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


def _outbox(db, *subjects, to="p@example.org"):
    from app.notifications.models import OutboxEmail

    rows = [OutboxEmail(recipient=to, subject=s, body="Body", category="test") for s in subjects]
    db.session.add_all(rows)
    db.session.commit()
    return rows


def test_line_breaks_in_headers_are_stripped_and_every_email_goes(db, smtp_server):
    import re

    from app.notifications.services import send_pending

    rows = _outbox(db, "First", "Approved: Core\r\nBcc: evil@example.org", "Third")
    rows[1].recipient = "q@example.org\nBcc: evil@example.org"
    db.session.commit()
    port = smtp_server.server_address[1]
    assert send_pending(db.session, server="127.0.0.1", port=port, sender="a@b.c") == 3
    assert all(r.sent_at is not None for r in rows)
    received = smtp_server.messages
    assert len(received) == 3
    assert all("evil@example.org" not in m["rcpt"] for m in received)
    subject = re.search(r"^Subject: (.*?)\r?$", received[1]["data"], re.M).group(1)
    assert subject == "Approved: Core Bcc: evil@example.org"
    assert not re.search(r"^Bcc:", received[1]["data"], re.M)


def test_a_refused_email_is_marked_failed_with_the_reason_and_the_others_go(
    db, smtp_server, monkeypatch
):
    import smtplib

    from app.notifications.services import send_pending

    rows = _outbox(db, "One", "Two", "Three")
    real = smtplib.SMTP.send_message

    def refuse_two(self, message, *args, **kwargs):
        if message["Subject"] == "Two":
            raise smtplib.SMTPRecipientsRefused({"p@example.org": (550, b"no such user")})
        return real(self, message, *args, **kwargs)

    monkeypatch.setattr(smtplib.SMTP, "send_message", refuse_two)
    port = smtp_server.server_address[1]
    assert send_pending(db.session, server="127.0.0.1", port=port, sender="a@b.c") == 2
    assert rows[1].sent_at is None and rows[1].failed_at is not None
    assert "SMTPRecipientsRefused" in rows[1].error and "no such user" in rows[1].error
    monkeypatch.setattr(smtplib.SMTP, "send_message", real)
    assert send_pending(db.session, server="127.0.0.1", port=port, sender="a@b.c") == 0


def test_a_crash_half_way_resends_nothing_already_sent(db, smtp_server, monkeypatch):
    import smtplib

    import pytest

    from app.notifications.services import send_pending

    _outbox(db, "One", "Two", "Three")
    real = smtplib.SMTP.send_message

    def crash_on_two(self, message, *args, **kwargs):
        if message["Subject"] == "Two":
            raise KeyboardInterrupt
        return real(self, message, *args, **kwargs)

    monkeypatch.setattr(smtplib.SMTP, "send_message", crash_on_two)
    port = smtp_server.server_address[1]
    with pytest.raises(KeyboardInterrupt):
        send_pending(db.session, server="127.0.0.1", port=port, sender="a@b.c")
    db.session.rollback()
    monkeypatch.setattr(smtplib.SMTP, "send_message", real)
    # "Two" is still claimed by the run that crashed: left alone until its lease runs out.
    assert send_pending(db.session, server="127.0.0.1", port=port, sender="a@b.c") == 1
    two = db.session.scalar(db.select(OutboxEmail).where(OutboxEmail.subject == "Two"))
    assert two.sent_at is None and two.lease_until is not None and two.message_id
    two.lease_until = two.claimed_at  # the lease has run out
    db.session.commit()
    assert send_pending(db.session, server="127.0.0.1", port=port, sender="a@b.c") == 1
    subjects = [
        re.search(r"^Subject: (.*?)\r?$", m["data"], re.M).group(1) for m in smtp_server.messages
    ]
    assert subjects == ["One", "Three", "Two"]
    assert two.message_id in smtp_server.messages[2]["data"] and two.attempts == 2


def test_a_server_that_is_down_is_retried_later_then_given_up(db, monkeypatch):
    from app.notifications.services import MAX_ATTEMPTS, send_pending

    (row,) = _outbox(db, "One")
    for _ in range(MAX_ATTEMPTS):
        send_pending(db.session, server="127.0.0.1", port=1, sender="a@b.c")
    assert row.attempts == MAX_ATTEMPTS and row.failed_at is not None and row.sent_at is None
    assert "ConnectionRefusedError" in row.error
