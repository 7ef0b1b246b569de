"""`flask demo load`: create the demo organization, users and records (idempotent)."""

from __future__ import annotations

import importlib
import sys

import click
from flask import current_app
from flask.cli import AppGroup

from app.config import LOCAL_HOSTS, local_configuration  # noqa: F401 (imported from here too)
from app.extensions import db

demo_cli = AppGroup("demo", help="Demo data for a local installation.")

# Each domain seeds its own part, in this order (later parts use earlier ones).
_SEEDERS = (
    "app.auth.demo",
    "app.submissions.demo",
    "app.ce.demo",
    "app.complaints.demo",
    "app.reports.demo",
    "app.ce.dispute_demo",
)


@demo_cli.command("load")
@click.option(
    "--demo", "confirmed", is_flag=True, help="Yes: create accounts with a published password."
)
def load_demo(confirmed: bool) -> None:
    """Create demo users and records, printing the credentials (local installations only)."""

    if not confirmed:
        click.echo(
            "Demo accounts share a published password. Run `flask --app wsgi demo load --demo` "
            "to create them on a local installation.",
            err=True,
        )
        sys.exit(2)
    local, reason = local_configuration(current_app.config)
    if not local:
        click.echo(f"Refused: this is not a local installation ({reason}).", err=True)
        sys.exit(2)

    seeded: dict = {}
    for module_name in _SEEDERS:
        module = importlib.import_module(module_name)
        module.seed(db.session, seeded)
        db.session.commit()
    for line in seeded.get("credentials", []):
        click.echo(line)
