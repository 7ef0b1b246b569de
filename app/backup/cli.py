"""`flask --app wsgi backup create PATH` and `backup restore PATH`; `backup person EMAIL PATH`."""

from __future__ import annotations

import json

import click
from flask import current_app
from flask.cli import AppGroup

from app.backup import archive
from app.backup.person import export_person
from app.extensions import db

backup_cli = AppGroup("backup", help="Back up and restore the database and the uploads.")


@backup_cli.command("create")
@click.argument("path")
def create_command(path: str) -> None:
    """Write one archive with a consistent database snapshot and every uploaded file."""
    try:
        summary = archive.create(db.engine, current_app.config["UPLOAD_DIR"], path)
    except archive.BackupError as error:
        raise click.ClickException(str(error)) from None
    rows = sum(summary.tables.values())
    click.echo(f"Wrote {path}: {len(summary.tables)} tables, {rows} rows, {summary.files} files.")


@backup_cli.command("restore")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
def restore_command(path: str) -> None:
    """Restore an archive into an empty database and uploads folder, checking every row count
    and file checksum."""
    db.session.remove()
    try:
        summary = archive.restore(db.engine, current_app.config["UPLOAD_DIR"], path)
    except archive.BackupError as error:
        raise click.ClickException(str(error)) from None
    rows = sum(summary.tables.values())
    click.echo(
        f"Restored {path}: {len(summary.tables)} tables, {rows} rows, {summary.files} files; "
        "every count and checksum matches."
    )


@backup_cli.command("person")
@click.argument("email")
@click.argument("path", type=click.Path(dir_okay=False, writable=True))
def person_command(email: str, path: str) -> None:
    """Export everything the app holds about one person (a request for their data) as JSON."""
    data = export_person(db.session, email)
    if data is None:
        raise click.ClickException(f"No account with the email {email}.")
    with open(path, "w", encoding="utf-8") as out:
        json.dump(data, out, indent=2, sort_keys=True, default=str)
    click.echo(f"Wrote the data of {email} to {path}.")
