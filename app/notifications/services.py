"""Queue emails in the outbox and deliver them over SMTP; reminders the domains register.

The outbox knows no domain: a domain that sends reminders registers a function with
``@reminder``, and ``queue_reminders`` (run by `flask notifications send`) calls them all.
"""

from __future__ import annotations

import smtplib
from collections.abc import Callable
from datetime import date
from email.message import EmailMessage

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.dbtypes import utcnow
from app.notifications.models import OutboxEmail
from app.policy import Policy

# A reminder queues the emails due on ``today`` and returns how many it queued.
Reminder = Callable[[Session, Policy, date], int]
REMINDERS: list[Reminder] = []


def reminder(function: Reminder) -> Reminder:
    """Register ``function`` to run with every ``queue_reminders``."""
    if function not in REMINDERS:
        REMINDERS.append(function)
    return function


def queue_reminders(session: Session, policy: Policy, today: date) -> int:
    """Run every registered reminder; returns how many emails they queued."""
    return sum(function(session, policy, today) for function in REMINDERS)


def queue_email(
    session: Session, to: str, subject: str, body: str, *, category: str
) -> OutboxEmail:
    """Add an email to the outbox in ``session``; it is committed with the caller's change."""
    email = OutboxEmail(recipient=to, subject=subject, body=body, category=category)
    session.add(email)
    return email


def send_pending(session: Session, *, server: str | None, port: int, sender: str) -> int:
    """Send every unsent email through SMTP at ``server``; returns how many were sent.

    Without a server nothing is sent: the outbox keeps the emails for a later run.
    A failure is recorded on the email and does not stop the others.
    """
    if not server:
        return 0
    pending = list(session.scalars(select(OutboxEmail).where(OutboxEmail.sent_at.is_(None))))
    if not pending:
        return 0
    sent = 0
    with smtplib.SMTP(server, port, timeout=10) as smtp:
        for email in pending:
            message = EmailMessage()
            message["From"] = sender
            message["To"] = email.recipient
            message["Subject"] = email.subject
            message.set_content(email.body)
            try:
                smtp.send_message(message)
            except smtplib.SMTPException as error:
                email.error = str(error)
                continue
            email.sent_at = utcnow()
            email.error = ""
            sent += 1
    session.flush()
    return sent
