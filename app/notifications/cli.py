"""`flask --app wsgi notifications send` (once) and `flask --app wsgi worker` (always): queue
deadline reminders and send the outbox by SMTP."""

from __future__ import annotations

import signal
import threading
from datetime import datetime

import click
from flask import current_app
from flask.cli import AppGroup
from sqlalchemy.exc import SQLAlchemyError

from app import context
from app.extensions import db
from app.notifications.outbox import recent_emails
from app.notifications.services import LEASE_SECONDS, run_daily_reminders, send_pending
from app.notifications.text_links import links_in

notifications_cli = AppGroup("notifications", help="Reminders and e-mail delivery.")


@notifications_cli.command("send")
@click.option(
    "--today",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="The date to compute deadlines from (default: today, UTC).",
)
def send(today: datetime | None) -> None:
    """Queue reminders of approaching deadlines, then send every unsent email (when MAIL_SERVER is set).

    The reminders are the worker's daily job, taken the same way (app/notifications/services.py
    claim_daily): run at the same moment as a worker or another `send`, they are queued once."""
    day = today.date() if today else context.today()
    queued = run_daily_reminders(db.session, context.policy(), day)
    if queued is None:
        click.echo(f"The reminders of {day.isoformat()} are already queued.")
    else:
        click.echo(f"{queued} reminder(s) queued.")
    server = current_app.config.get("MAIL_SERVER")
    sent = _send(server) if server else 0
    db.session.commit()
    if server:
        click.echo(f"{sent} email(s) sent through {server}.")
    else:
        click.echo("MAIL_SERVER is not set: the emails stay in the outbox.")


@notifications_cli.command("show")
@click.option("--count", "-n", default=10, show_default=True, help="How many recent emails.")
def show(count: int) -> None:
    """Print the most recent emails of the outbox, each with its links (newest first).

    For a local installation without a mail server: the confirmation, invitation, claim-code and
    reset links are there to follow."""

    emails = recent_emails(db.session, limit=max(count, 0))
    if not emails:
        click.echo("The outbox is empty.")
    for email in emails:
        state = "sent" if email.sent_at else "failed" if email.failed_at else "not sent"
        click.echo(f"--- #{email.id} {email.created_at:%Y-%m-%d %H:%M} UTC ({state})")
        click.echo(f"To: {email.recipient}")
        click.echo(f"Subject: {email.subject}")
        click.echo("")
        click.echo(email.body.rstrip())
        links = links_in(email.body)
        if links:
            click.echo("")
            click.echo("Links:")
            for link in links:
                click.echo(f"  {link}")
        click.echo("")
    db.session.rollback()


@click.command("worker")
@click.option("--once", is_flag=True, help="Do one round and exit (cron, tests).")
@click.option(
    "--interval", default=30.0, show_default=True, help="Seconds between rounds.", type=float
)
def worker_command(once: bool, interval: float) -> None:
    """Send the outbox and queue the day's reminders, round after round; safe to run on many servers.

    Each email and the daily reminders job are taken with a row lock (FOR UPDATE SKIP LOCKED on
    PostgreSQL), so several workers never send the same email or queue the reminders twice.
    SIGTERM ends the worker after the round in progress.
    """
    stop = threading.Event()
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, lambda *_: stop.set())
        signal.signal(signal.SIGINT, lambda *_: stop.set())
    while True:
        try:
            _round()
        except SQLAlchemyError as error:  # the database is away: try again next round
            db.session.rollback()
            click.echo(f"round failed, retrying: {error.__class__.__name__}", err=True)
        if once or stop.wait(interval):
            break
    db.session.remove()


def _round() -> None:
    queued = run_daily_reminders(db.session, context.policy(), context.today())
    if queued is not None:
        click.echo(f"{queued} reminder(s) queued.")
    server = current_app.config.get("MAIL_SERVER")
    if server:
        sent = _send(server)
        if sent:
            click.echo(f"{sent} email(s) sent through {server}.")
    db.session.rollback()  # end the round's read transaction


def _send(server: str) -> int:
    config = current_app.config
    return send_pending(
        db.session,
        server=server,
        port=config["MAIL_PORT"],
        sender=config["MAIL_SENDER"],
        lease_seconds=float(config.get("OUTBOX_LEASE_SECONDS") or LEASE_SECONDS),
    )
