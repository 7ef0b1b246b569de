"""Queue emails in the outbox and deliver them over SMTP; reminders the domains register.

The outbox knows no domain: a domain that sends reminders registers a function with
``@reminder``, and ``queue_reminders`` (run by `flask notifications send` and, once a day, by
`flask worker`) calls them all.
"""

from __future__ import annotations

import smtplib
from collections.abc import Callable, Iterable
from datetime import date, timedelta
from email.message import EmailMessage
from email.utils import make_msgid

from flask_babel import gettext
from sqlalchemy import func, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.dbtypes import utcnow
from app.notifications.language import in_language_of
from app.notifications.links import is_absolute
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
    session: Session, to: str, subject: str, body: str, *, category: str, link: str
) -> OutboxEmail:
    """Add an email to the outbox in ``session``; it is committed with the caller's change.

    ``link`` is the absolute address of the page where the reader acts (``links.url``); the body
    ends with it unless it already names it (the "Open:" line in the language of the
    ``in_language_of`` block around the call), and an email without one is refused. The recipient
    and subject become single lines here, so a line break typed into a title can neither add a
    header nor stop the sending run."""
    if not is_absolute(link):
        raise ValueError(f"An email links to the page where its reader acts, not {link!r}.")
    if link not in body:
        opening = gettext("Open: %(link)s", link=link)
        body = f"{body.rstrip()}\n\n{opening}\n"
    email = OutboxEmail(
        recipient=one_line(to, 254), subject=one_line(subject), body=body, category=category
    )
    session.add(email)
    return email


def queue_email_to_each(
    session: Session,
    addresses: Iterable[str],
    write: Callable[[], tuple[str, str]],
    *,
    category: str,
    link: str,
) -> None:
    """Queue to every address the subject and body ``write`` returns, written in that reader's
    language: ``write`` runs once per address inside ``in_language_of``, so the gettext and
    email_day it calls speak the reader's language, not the sender's."""
    for address in addresses:
        with in_language_of(session, address):
            subject, body = write()
            queue_email(session, address, subject, body, category=category, link=link)


def _message(email: OutboxEmail, sender: str) -> EmailMessage:
    message = EmailMessage()
    message["From"] = one_line(sender, 254)
    message["To"] = one_line(email.recipient, 254)
    message["Subject"] = one_line(email.subject)
    message["Message-ID"] = email.message_id
    message.set_content(email.body)
    return message


# The server refused this message for good: retrying will not help.
_PERMANENT = (smtplib.SMTPRecipientsRefused, smtplib.SMTPSenderRefused, smtplib.SMTPDataError)

# How long a claimed email is left to the worker that claimed it: longer than any one delivery
# can take (each SMTP step times out after SMTP_TIMEOUT_SECONDS), so only a dead worker's
# email is taken again. Overridden by OUTBOX_LEASE_SECONDS.
LEASE_SECONDS = 300
SMTP_TIMEOUT_SECONDS = 10


def send_pending(
    session: Session,
    *,
    server: str | None,
    port: int,
    sender: str,
    lease_seconds: float = LEASE_SECONDS,
) -> int:
    """Send every email still to send through SMTP at ``server``; returns how many were sent.

    Each email is first claimed: its lease and attempt are committed before the mail server
    hears of it, so no other worker (on PostgreSQL or SQLite) takes it while this one sends.
    The outcome is committed right after: sent, or the reason it failed (the lease is then
    given back for a retry, or the email is given up: refused, or MAX_ATTEMPTS failures).
    A worker killed while sending leaves its email claimed; another worker retries it once the
    lease has run out, with the same Message-ID. Without a server nothing is sent.
    """
    if not server:
        return 0
    sent = 0
    last_id = 0
    smtp: smtplib.SMTP | None = None
    try:
        while (email := claim_next(session, sender, lease_seconds, after_id=last_id)) is not None:
            last_id = email.id
            try:
                message = _message(email, sender)
                if smtp is None:
                    smtp = smtplib.SMTP(server, port, timeout=SMTP_TIMEOUT_SECONDS)
                smtp.send_message(message)
            except (smtplib.SMTPException, OSError, ValueError) as error:
                email.error = f"{error.__class__.__name__}: {error}"[:2000]
                email.lease_until = None
                if isinstance(error, (*_PERMANENT, ValueError)) or email.attempts >= MAX_ATTEMPTS:
                    email.failed_at = utcnow()
                if isinstance(error, (smtplib.SMTPServerDisconnected, OSError)):
                    smtp = _close(smtp)
                session.commit()  # a failure never stops the others
            else:
                email.sent_at = utcnow()
                email.error = ""
                sent += 1
                session.commit()
    finally:
        _close(smtp)
    return sent


def _sendable(now):
    return (
        OutboxEmail.sent_at.is_(None),
        OutboxEmail.failed_at.is_(None),
        or_(OutboxEmail.lease_until.is_(None), OutboxEmail.lease_until < now),
    )


def claim_next(
    session: Session, sender: str, lease_seconds: float, *, after_id: int = 0
) -> OutboxEmail | None:
    """Claim the oldest email after ``after_id`` nobody is sending, and commit the claim; None
    when none is left.

    The claim is one conditional UPDATE (its lease must still be free), so of two workers that
    pick the same row only one claims it, on any database; on PostgreSQL the candidate is read
    ``FOR UPDATE SKIP LOCKED`` as well, so workers do not even wait for each other.
    """
    while True:
        now = utcnow()
        candidate = session.scalar(
            select(OutboxEmail.id)
            .where(OutboxEmail.id > after_id, *_sendable(now))
            .order_by(OutboxEmail.id)
            .limit(1)
            .with_for_update(skip_locked=True)
        )
        if candidate is None:
            session.rollback()
            return None
        claimed = session.execute(
            update(OutboxEmail)
            .where(OutboxEmail.id == candidate, *_sendable(now))
            .values(
                claimed_at=now,
                lease_until=now + timedelta(seconds=lease_seconds),
                attempts=func.coalesce(OutboxEmail.attempts, 0) + 1,
            )
            .execution_options(synchronize_session=False)
        )
        if claimed.rowcount != 1:  # another worker claimed it first: look again
            session.rollback()
            continue
        email = session.get(OutboxEmail, candidate, populate_existing=True)
        if not email.message_id:  # fixed at the first claim, kept for every retry
            email.message_id = make_msgid(f"outbox{email.id}", domain=_domain_of(sender))
        session.commit()
        return email


def _domain_of(sender: str) -> str:
    domain = one_line(sender).rpartition("@")[2].strip("<> ")
    return domain or "localhost"


def claim_daily(session: Session, name: str, today: date) -> ScheduledJob | None:
    """The job ``name``, taken for ``today`` in this transaction, if it has not run for
    ``today``; else None.

    The worker and `notifications send` call this at once: the taking is a conditional UPDATE
    (``last_day`` before ``today``), so exactly one of them gets the job, on PostgreSQL and on
    SQLite; on PostgreSQL the row is read ``FOR UPDATE SKIP LOCKED`` first, so the others skip
    it at once instead of waiting. If the job's transaction rolls back, the day is free again.
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
    taken = session.execute(
        update(ScheduledJob)
        .where(
            ScheduledJob.name == name,
            or_(ScheduledJob.last_day.is_(None), ScheduledJob.last_day < today),
        )
        .values(last_day=today)
        .execution_options(synchronize_session=False)
    )
    if taken.rowcount != 1:  # another process took it between the read and the update
        return None
    session.refresh(job)
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
