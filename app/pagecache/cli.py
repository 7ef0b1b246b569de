"""``flask pages forget``: end every cached page, after data was changed outside the app."""

from __future__ import annotations

import click
from flask.cli import AppGroup

from app.extensions import db
from app.pagecache.hooks import bump

pages_cli = AppGroup("pages", help="The cache of rendered pages.")


@pages_cli.command("forget")
def forget_command() -> None:
    """Bump the generation: every process stops serving the pages it cached."""
    bump(db.session)
    db.session.commit()
    click.echo("Cached pages forgotten on every server.")
