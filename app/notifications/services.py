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


MAX_ATTEMPTS = 5


def one_line(text: str, limit: int = 300) -> str:
    """A header value: line breaks and other control characters become spaces."""
    cleaned = "".join(" " if (ord(ch) < 0x20 or ord(ch) == 0x7F) else ch for ch in text or "")
    return " ".join(cleaned.split())[:limit]


def queue_email(
    session: Session, to: str, subject: str, body: str, *, category: str
) -> OutboxEmail:
    """Add an email to the outbox in ``session``; it is committed with the caller's change.

    The recipient and subject become single lines here, so a line break typed into a title can
    neither add a header nor stop the sending run."""
    email = OutboxEmail(
        recipient=one_line(to, 254), subject=one_line(subject), body=body, category=category
    )
    session.add(email)
    return email


def _message(email: OutboxEmail, sender: str) -> EmailMessage:
    message = EmailMessage()
    message["From"] = one_line(sender, 254)
    message["To"] = one_line(email.recipient, 254)
    message["Subject"] = one_line(email.subject)
    message.set_content(email.body)
    return message


# The server refused this message for good: retrying will not help.
_PERMANENT = (smtplib.SMTPRecipientsRefused, smtplib.SMTPSenderRefused, smtplib.SMTPDataError)


def send_pending(session: Session, *, server: str | None, port: int, sender: str) -> int:
    """Send every email still to send through SMTP at ``server``; returns how many were sent.

    Each email is sent on its own and its outcome committed at once: sent, or the reason it
    failed. A failure never stops the others, and a crash half-way re-sends nothing already
    marked sent. A refused email, or one that failed MAX_ATTEMPTS times, is marked failed.
    Without a server nothing is sent: the outbox keeps the emails for a later run.
    """
    if not server:
        return 0
    pending_ids = list(
        session.scalars(
            select(OutboxEmail.id)
            .where(OutboxEmail.sent_at.is_(None), OutboxEmail.failed_at.is_(None))
            .order_by(OutboxEmail.id)
        )
    )
    sent = 0
    smtp: smtplib.SMTP | None = None
    try:
        for email_id in pending_ids:
            email = session.get(OutboxEmail, email_id)
            if email is None or email.sent_at is not None or email.failed_at is not None:
                continue
            email.attempts = (email.attempts or 0) + 1
            try:
                message = _message(email, sender)
                if smtp is None:
                    smtp = smtplib.SMTP(server, port, timeout=10)
                smtp.send_message(message)
            except (smtplib.SMTPException, OSError, ValueError) as error:
                email.error = f"{error.__class__.__name__}: {error}"[:2000]
                if isinstance(error, (*_PERMANENT, ValueError)) or email.attempts >= MAX_ATTEMPTS:
                    email.failed_at = utcnow()
                if isinstance(error, (smtplib.SMTPServerDisconnected, OSError)):
                    smtp = _close(smtp)
            else:
                email.sent_at = utcnow()
                email.error = ""
                sent += 1
            session.commit()
    finally:
        _close(smtp)
    return sent


def _close(smtp: smtplib.SMTP | None) -> None:
    if smtp is not None:
        try:
            smtp.quit()
        except (smtplib.SMTPException, OSError):
            smtp.close()
    return None
