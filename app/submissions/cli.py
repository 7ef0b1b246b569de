"""`flask --app wsgi submissions refresh-queue`: recompute every curriculum's queue deadline and
order from its audit trail (once after upgrading a database that held running reviews)."""

from __future__ import annotations

import click
from flask.cli import AppGroup

from app.extensions import db
from app.submissions import services

submissions_cli = AppGroup("submissions", help="Curricula under review.")


@submissions_cli.command("refresh-queue")
def refresh_queue() -> None:
    """Recompute is_open, due_on and queue_key of every curriculum past draft."""
    count = 0
    for curriculum_id in services.submitted_ids(db.session):
        services.refresh_queue_fields(
            db.session, db.session.get(services.Curriculum, curriculum_id)
        )
        count += 1
        if count % 500 == 0:
            db.session.commit()
    db.session.commit()
    click.echo(f"{count} curricula refreshed.")
