"""`flask --app wsgi notifications send`: queue deadline reminders and send the outbox by SMTP."""

from __future__ import annotations

from datetime import datetime

import click
from flask import current_app
from flask.cli import AppGroup

from app import context
from app.extensions import db
from app.notifications.services import queue_reminders, send_pending

notifications_cli = AppGroup("notifications", help="Reminders and e-mail delivery.")


@notifications_cli.command("send")
@click.option(
    "--today",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="The date to compute deadlines from (default: today, UTC).",
)
def send(today: datetime | None) -> None:
    """Queue reminders of approaching deadlines, then send every unsent email (when MAIL_SERVER is set)."""
    day = today.date() if today else context.today()
    queued = queue_reminders(db.session, context.policy(), day)
    click.echo(f"{queued} reminder(s) queued.")
    server = current_app.config.get("MAIL_SERVER")
    sent = 0
    if server:
        sent = send_pending(
            db.session,
            server=server,
            port=current_app.config["MAIL_PORT"],
            sender=current_app.config["MAIL_SENDER"],
        )
    db.session.commit()
    if server:
        click.echo(f"{sent} email(s) sent through {server}.")
    else:
        click.echo("MAIL_SERVER is not set: the emails stay in the outbox.")
