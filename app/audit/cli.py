"""`flask --app wsgi audit verify`: recompute the audit log's hash chain."""

from __future__ import annotations

import sys

import click
from flask.cli import AppGroup

from app.audit.services import verify
from app.extensions import db

audit_cli = AppGroup("audit", help="The audit log.")


@audit_cli.command("verify")
def verify_command() -> None:
    """Check every link of the chain; exit 1 naming the first broken one."""
    broken, count = verify(db.session)
    if broken is None:
        click.echo(f"The audit log is intact: {count} record(s), every link checked.")
        return
    where = (
        f"record #{broken.record_id} (position {broken.seq})"
        if broken.record_id
        else (f"position {broken.seq}")
    )
    click.echo(f"The audit log is broken at {where}: {broken.reason}.", err=True)
    sys.exit(1)
