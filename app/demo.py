"""`flask demo load`: create the demo organization, users and records (idempotent)."""

from __future__ import annotations

import importlib

import click
from flask.cli import AppGroup

demo_cli = AppGroup("demo", help="Demo data for a local installation.")

# Each domain seeds its own part, in this order (later parts use earlier ones).
_SEEDERS = ("app.auth.demo", "app.submissions.demo", "app.ce.demo")


@demo_cli.command("load")
def load_demo() -> None:
    """Create demo users and records, printing the credentials."""
    from app.extensions import db

    seeded: dict = {}
    for module_name in _SEEDERS:
        module = importlib.import_module(module_name)
        module.seed(db.session, seeded)
        db.session.commit()
    for line in seeded.get("credentials", []):
        click.echo(line)
