"""`flask --app wsgi backup create|restore PATH`, `backup person EMAIL PATH`, `backup new-key PATH`
and `backup decrypt SOURCE TARGET`.

Archives and person exports are encrypted with age to the operator's key and written owner-only
(see app/backup/keys.py for where the key comes from)."""

from __future__ import annotations

import json
from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup

from app.backup import archive, keys
from app.backup.person import export_person
from app.extensions import db

backup_cli = AppGroup("backup", help="Back up and restore the database and the uploads.")

KEY_FILE = click.option(
    "--key-file",
    type=click.Path(dir_okay=False),
    help=f"The age key file (default: ${keys.KEY_FILE_ENV}, else the key in ${keys.KEY_ENV}).",
)


@backup_cli.command("create")
@click.argument("path")
@KEY_FILE
def create_command(path: str, key_file: str | None) -> None:
    """Write one encrypted archive with a consistent database snapshot and its uploaded files."""
    try:
        to = keys.recipients(key_file)
        summary = archive.create(db.engine, current_app.config["UPLOAD_DIR"], path, to)
    except (archive.BackupError, keys.BackupKeyError) as error:
        raise click.ClickException(str(error)) from None
    rows = sum(summary.tables.values())
    click.echo(
        f"Wrote {path} (encrypted, owner-only): {len(summary.tables)} tables, {rows} rows, "
        f"{summary.files} files."
    )


@backup_cli.command("restore")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@KEY_FILE
def restore_command(path: str, key_file: str | None) -> None:
    """Restore an archive into an empty database and uploads folder, checking every row count
    and file checksum; a restore that fails leaves them empty, to be tried again."""
    db.session.remove()
    try:
        summary = archive.restore(
            db.engine, current_app.config["UPLOAD_DIR"], path, keys.identities(key_file)
        )
    except (archive.BackupError, keys.BackupKeyError) as error:
        raise click.ClickException(str(error)) from None
    rows = sum(summary.tables.values())
    click.echo(
        f"Restored {path}: {len(summary.tables)} tables, {rows} rows, {summary.files} files; "
        "every count and checksum matches."
    )


@backup_cli.command("person")
@click.argument("email")
@click.argument("path", type=click.Path(dir_okay=False, writable=True))
@KEY_FILE
def person_command(email: str, path: str, key_file: str | None) -> None:
    """Export everything the app holds about one person (a request for their data) as JSON,
    encrypted to the backup key (open it with `backup decrypt`)."""
    try:
        to = keys.recipients(key_file)
    except keys.BackupKeyError as error:
        raise click.ClickException(str(error)) from None
    data = export_person(db.session, email)
    if data is None:
        raise click.ClickException(f"No account with the email {email}.")
    body = json.dumps(data, indent=2, sort_keys=True, default=str).encode()
    keys.write_encrypted(body, path, to)
    click.echo(f"Wrote the data of {email} to {path} (encrypted, owner-only).")


@backup_cli.command("new-key")
@click.argument("path", type=click.Path(dir_okay=False))
def new_key_command(path: str) -> None:
    """Write a new age key to PATH (owner-only) and print its public recipient."""
    if Path(path).exists():
        raise click.ClickException(f"{path} exists; a key is never overwritten.")
    secret, public = keys.new_identity()
    with keys.open_private(path) as out:
        out.write(f"# public key: {public}\n{secret}\n".encode())
    click.echo(
        f"Wrote {path}. Keep a copy off this machine: without it no backup can be read.\n"
        f"Public key (enough for `backup create`): {public}"
    )


@backup_cli.command("decrypt")
@click.argument("source", type=click.Path(exists=True, dir_okay=False))
@click.argument("target", type=click.Path(dir_okay=False))
@KEY_FILE
def decrypt_command(source: str, target: str, key_file: str | None) -> None:
    """Decrypt an archive or a person export into TARGET (owner-only)."""
    try:
        keys.decrypt_to(source, Path(target), keys.identities(key_file))
    except keys.BackupKeyError as error:
        Path(target).unlink(missing_ok=True)
        raise click.ClickException(str(error)) from None
    click.echo(f"Wrote {target} (owner-only).")
