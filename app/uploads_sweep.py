"""`flask --app wsgi uploads sweep`: remove stored files that no database row references.

A file is written before its row commits (the row must name a file that exists); a crash or
kill between the two leaves a file nobody references, and a kill during the write leaves a
temporary ``.upload-*`` file (local directory; a bucket's PUT leaves none). Both are removed once older than ``--older-than`` minutes, so an
upload in progress is never touched. Referencing rows are found by column name: every table
with a ``stored_name`` column names its files there.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

import click
from flask import current_app
from flask.cli import AppGroup
from sqlalchemy import select, union
from sqlalchemy.orm import Session

from app.extensions import db
from app.storage import storage_for
from app.storage.local import TEMP_PREFIX

uploads_cli = AppGroup("uploads", help="Stored files.")


def referenced_names(session: Session) -> set[str]:
    """Every stored file name any table refers to."""
    columns = [
        table.c.stored_name for table in db.metadata.sorted_tables if "stored_name" in table.c
    ]
    if not columns:
        return set()
    query = union(*(select(column) for column in columns))
    return {name for (name,) in session.execute(query) if name}


@dataclass
class Sweep:
    removed: list[str] = field(default_factory=list)
    kept: int = 0


def sweep(
    session: Session, upload_dir: str, *, older_than_seconds: float, dry_run: bool = False
) -> Sweep:
    """Remove what no row references from the store at ``upload_dir`` (directory or bucket)."""
    storage = storage_for(upload_dir)
    result = Sweep()
    referenced = referenced_names(session)
    cutoff = datetime.now(UTC) - timedelta(seconds=older_than_seconds)
    for item in storage.list():
        orphan = item.name.startswith(TEMP_PREFIX) or item.name not in referenced
        if orphan and item.modified <= cutoff:
            if not dry_run:
                storage.delete(item.name)
            result.removed.append(item.name)
        else:
            result.kept += 1
    return result


@uploads_cli.command("sweep")
@click.option("--older-than", default=60, show_default=True, help="Minutes a file must be old.")
@click.option("--dry-run", is_flag=True, help="List what would be removed, remove nothing.")
def sweep_command(older_than: int, dry_run: bool) -> None:
    """Remove files no row references and leftover temporary files."""
    result = sweep(
        db.session,
        current_app.config["UPLOAD_DIR"],
        older_than_seconds=older_than * 60,
        dry_run=dry_run,
    )
    verb = "would remove" if dry_run else "removed"
    for name in result.removed:
        click.echo(f"{verb} {name}")
    click.echo(f"{len(result.removed)} file(s) {verb}, {result.kept} kept.")
