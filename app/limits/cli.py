"""`flask --app wsgi limits prune`: forget attempt counters that no longer count."""

from __future__ import annotations

from datetime import timedelta

import click
from flask.cli import AppGroup

from app.dbtypes import utcnow
from app.extensions import db
from app.limits.counters import prune

limits_cli = AppGroup("limits", help="Sign-in and rate-limit counters.")


@limits_cli.command("prune")
@click.option("--hours", default=24, show_default=True, help="Keep counters younger than this.")
def prune_command(hours: int) -> None:
    """Delete counters whose window started over HOURS ago and that hold no lock."""
    removed = prune(db.session, now=utcnow(), older_than=timedelta(hours=hours))
    db.session.commit()
    click.echo(f"{removed} counter(s) removed.")
