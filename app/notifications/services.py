"""Queue emails in the outbox and deliver them over SMTP; reminders the domains register.

The outbox knows no domain: a domain that sends reminders registers a function with
``@reminder``, and ``queue_reminders`` (run by `flask notifications send` and, once a day, by
`flask worker`) calls them all.
"""

from __future__ import annotations

import smtplib
from collections.abc import Callable
from datetime import date
from email.message import EmailMessage

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.dbtypes import utcnow
from app.notifications.models import OutboxEmail, ScheduledJob
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
    sent = 0
    last_id = 0
    smtp: smtplib.SMTP | None = None
    try:
        while (email := _claim_next(session, last_id)) is not None:
            last_id = email.id
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
            session.commit()  # records the outcome and releases the row
    finally:
        _close(smtp)
    return sent


def _claim_next(session: Session, after_id: int) -> OutboxEmail | None:
    """The next unsent email after ``after_id``, locked for this transaction.

    On PostgreSQL the row is taken with ``FOR UPDATE SKIP LOCKED``: a row another worker is
    sending is passed over, and a row it has just sent is no longer pending once its lock is
    released, so two workers never send the same email. (SQLite has no row locks: one worker.)
    """
    return session.scalars(
        select(OutboxEmail)
        .where(
            OutboxEmail.id > after_id,
            OutboxEmail.sent_at.is_(None),
            OutboxEmail.failed_at.is_(None),
        )
        .order_by(OutboxEmail.id)
        .limit(1)
        .with_for_update(skip_locked=True)
        .execution_options(populate_existing=True)
    ).first()


def claim_daily(session: Session, name: str, today: date) -> ScheduledJob | None:
    """The job ``name`` locked for this transaction if it has not run for ``today``, else None.

    Several workers call this at once: the first takes the row lock (``FOR UPDATE SKIP
    LOCKED``), the others skip the locked row and get None; once the first commits with
    ``last_day = today`` the job is done for the day for everyone.
    """
    if session.get(ScheduledJob, name) is None:
        # The first run creates the row and commits at once, so a worker doing the same only
        # waits for that commit, never for a whole job.
        session.add(ScheduledJob(name=name))
        try:
            session.commit()
        except IntegrityError:
            session.rollback()  # another worker created it at the same moment
    job = session.scalars(
        select(ScheduledJob)
        .where(ScheduledJob.name == name)
        .with_for_update(skip_locked=True)
        .execution_options(populate_existing=True)
    ).first()
    if job is None or (job.last_day is not None and job.last_day >= today):
        return None
    return job


def run_daily_reminders(session: Session, policy: Policy, today: date) -> int | None:
    """Queue the day's reminders unless a worker already did; commits. None when skipped."""
    job = claim_daily(session, "reminders", today)
    if job is None:
        session.rollback()
        return None
    queued = queue_reminders(session, policy, today)
    job.last_day = today
    job.finished_at = utcnow()
    session.commit()
    return queued


def _close(smtp: smtplib.SMTP | None) -> None:
    if smtp is not None:
        try:
            smtp.quit()
        except (smtplib.SMTPException, OSError):
            smtp.close()
    return None
