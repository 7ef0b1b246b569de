"""`flask demo load`: create the demo organization, users and records (idempotent)."""

from __future__ import annotations

import importlib
import os
import sys

import click
from flask import current_app
from flask.cli import AppGroup
from sqlalchemy.engine import make_url

from app.extensions import db

demo_cli = AppGroup("demo", help="Demo data for a local installation.")

# Each domain seeds its own part, in this order (later parts use earlier ones).
_SEEDERS = (
    "app.auth.demo",
    "app.submissions.demo",
    "app.ce.demo",
    "app.complaints.demo",
    "app.reports.demo",
)


def local_configuration(config) -> tuple[bool, str]:
    """Whether this is a developer's installation; the reason when it is not."""
    if os.environ.get("SECRET_KEY"):
        return False, "SECRET_KEY is set in the environment, as in production"
    if str(config.get("SECURE_COOKIES", "auto")).lower() in ("always", "true", "1"):
        return False, "SECURE_COOKIES is always, as in production"
    url = make_url(config["SQLALCHEMY_DATABASE_URI"])
    if url.get_backend_name() != "sqlite" and (url.host or "localhost") not in LOCAL_HOSTS:
        return False, f"the database is on {url.host}, not on this machine"
    return True, ""


LOCAL_HOSTS = frozenset({"localhost", "127.0.0.1", "::1"})


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
