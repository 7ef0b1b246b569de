"""`flask --app wsgi storage init|check`: prepare and probe the store named by UPLOAD_DIR."""

from __future__ import annotations

import sys

import click
from flask import current_app
from flask.cli import AppGroup

from app.storage import StorageUnavailable, is_remote, storage_for

storage_cli = AppGroup("storage", help="Where uploaded files are kept.")


@storage_cli.command("init")
def init_command() -> None:
    """Create the bucket (s3://) or the directory if it does not exist yet."""
    location = current_app.config["UPLOAD_DIR"]
    storage = storage_for(location)
    if is_remote(location):
        storage.create_bucket()
    else:
        storage.directory.mkdir(parents=True, exist_ok=True)
    storage.check()
    click.echo(f"{location} is ready.")


@storage_cli.command("check")
def check_command() -> None:
    """Exit 1 unless the store answers (what /readyz asks)."""
    location = current_app.config["UPLOAD_DIR"]
    try:
        storage_for(location).check()
    except StorageUnavailable as error:
        click.echo(f"{location} is not reachable: {error}", err=True)
        sys.exit(1)
    click.echo(f"{location} answers.")
