"""One archive holds a consistent database snapshot and every uploaded file.

The database part is SQLite's online backup (a copy made while the app runs) or, for
PostgreSQL, ``pg_dump`` in its custom format. ``manifest.json`` lists the row count of every
table and the SHA-256 of every file, so a restore can prove that nothing was lost.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from sqlalchemy import Engine, MetaData, func, inspect, select
from sqlalchemy.engine import make_url

from app.dbtypes import utcnow

FORMAT = 1
SQLITE_MEMBER = "database.sqlite3"
PG_MEMBER = "database.pgdump"


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says why."""


@dataclass(frozen=True)
class Summary:
    tables: dict[str, int]
    files: int
    path: str


def _pg_tool(name: str) -> str:
    """``pg_dump``/``pg_restore`` from PATH, or the newest under /usr/lib/postgresql."""
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"))
    if not candidates:
        raise BackupError(f"{name} is not installed; install the PostgreSQL client tools.")
    return str(candidates[-1])


def _libpq_url(engine: Engine) -> str:
    """The engine's URL for the PostgreSQL tools (no SQLAlchemy driver name)."""
    url = make_url(engine.url.render_as_string(hide_password=False))
    return url.set(drivername="postgresql").render_as_string(hide_password=False)


def row_counts(engine: Engine) -> dict[str, int]:
    """Rows in every table of the database, by name."""
    metadata = MetaData()
    metadata.reflect(bind=engine)
    with engine.connect() as connection:
        return {
            name: int(connection.scalar(select(func.count()).select_from(table)))
            for name, table in sorted(metadata.tables.items())
        }


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _upload_files(upload_dir: Path) -> list[Path]:
    if not upload_dir.is_dir():
        return []
    return sorted(p for p in upload_dir.iterdir() if p.is_file() and not p.name.startswith("."))


def _dump_database(engine: Engine, target: Path) -> str:
    if engine.dialect.name == "sqlite":
        raw = engine.raw_connection()
        try:
            destination = sqlite3.connect(target)
            try:
                raw.driver_connection.backup(destination)  # consistent while others write
            finally:
                destination.close()
        finally:
            raw.close()
        return SQLITE_MEMBER
    if engine.dialect.name == "postgresql":
        subprocess.run(
            [
                _pg_tool("pg_dump"),
                "--format=custom",
                "--no-owner",
                "--no-privileges",
                f"--file={target}",
                _libpq_url(engine),
            ],
            check=True,
            capture_output=True,
        )
        return PG_MEMBER
    raise BackupError(f"Backups of {engine.dialect.name} databases are not supported.")


def create(engine: Engine, upload_dir: str, path: str) -> Summary:
    """Write the archive at ``path`` (a .tar.gz); the database snapshot comes first."""
    uploads = Path(upload_dir)
    with tempfile.TemporaryDirectory() as work:
        dump = Path(work) / "database"
        try:
            member = _dump_database(engine, dump)
        except subprocess.CalledProcessError as error:
            raise BackupError(f"pg_dump failed: {error.stderr.decode(errors='replace')}") from None
        tables = row_counts(engine)
        files = _upload_files(uploads)
        manifest = {
            "format": FORMAT,
            "created_at": utcnow().isoformat(),
            "dialect": engine.dialect.name,
            "database": member,
            "tables": tables,
            "files": {p.name: _sha256(p) for p in files},
        }
        partial = Path(f"{path}.partial")
        with tarfile.open(partial, "w:gz") as archive:
            data = json.dumps(manifest, indent=2, sort_keys=True).encode()
            info = tarfile.TarInfo("manifest.json")
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
            archive.add(dump, arcname=member)
            for file in files:
                archive.add(file, arcname=f"uploads/{file.name}")
        os.replace(partial, path)
    return Summary(tables, len(files), path)


def _read_manifest(archive: tarfile.TarFile) -> dict:
    try:
        handle = archive.extractfile("manifest.json")
    except KeyError:
        raise BackupError("This is not a backup archive: it has no manifest.json.") from None
    manifest = json.load(handle)
    if manifest.get("format") != FORMAT:
        raise BackupError(f"Unknown backup format {manifest.get('format')!r}.")
    return manifest


def _require_empty(engine: Engine, uploads: Path) -> None:
    tables = inspect(engine).get_table_names()
    if tables:
        raise BackupError(
            f"The database is not empty ({len(tables)} tables); restore into a new, empty database."
        )
    if _upload_files(uploads):
        raise BackupError(f"The uploads folder {uploads} is not empty; restore into an empty one.")


def _restore_database(engine: Engine, member: str, source: Path) -> None:
    if member == SQLITE_MEMBER and engine.dialect.name == "sqlite":
        raw = engine.raw_connection()
        try:
            origin = sqlite3.connect(source)
            try:
                origin.backup(raw.driver_connection)
            finally:
                origin.close()
        finally:
            raw.close()
        return
    if member == PG_MEMBER and engine.dialect.name == "postgresql":
        try:
            subprocess.run(
                [
                    _pg_tool("pg_restore"),
                    "--no-owner",
                    "--no-privileges",
                    "--exit-on-error",
                    f"--dbname={_libpq_url(engine)}",
                    str(source),
                ],
                check=True,
                capture_output=True,
            )
        except subprocess.CalledProcessError as error:
            raise BackupError(
                f"pg_restore failed: {error.stderr.decode(errors='replace')}"
            ) from None
        return
    raise BackupError(
        f"This archive holds a {member} snapshot; it cannot be restored into {engine.dialect.name}."
    )


def restore(engine: Engine, upload_dir: str, path: str) -> Summary:
    """Restore the archive at ``path`` into an empty database and an empty uploads folder, then
    check every table's row count and every file's SHA-256 against the manifest."""
    uploads = Path(upload_dir)
    _require_empty(engine, uploads)
    with tarfile.open(path, "r:gz") as archive, tempfile.TemporaryDirectory() as work:
        manifest = _read_manifest(archive)
        member = manifest["database"]
        if member not in (SQLITE_MEMBER, PG_MEMBER):
            raise BackupError("The manifest names no database snapshot.")
        source = Path(work) / "database"
        with archive.extractfile(member) as handle, source.open("wb") as out:
            shutil.copyfileobj(handle, out)
        _restore_database(engine, member, source)
        uploads.mkdir(parents=True, exist_ok=True)
        for name, digest in manifest["files"].items():
            if PurePosixPath(name).name != name or name.startswith("."):
                raise BackupError(f"Refusing a file name with a path in the archive: {name!r}.")
            target = uploads / name
            with archive.extractfile(f"uploads/{name}") as handle, target.open("wb") as out:
                shutil.copyfileobj(handle, out)
            if _sha256(target) != digest:
                raise BackupError(f"{name} does not match its checksum in the manifest.")
    restored = row_counts(engine)
    if restored != manifest["tables"]:
        differ = sorted(
            t
            for t in set(restored) | set(manifest["tables"])
            if restored.get(t) != manifest["tables"].get(t)
        )
        raise BackupError(f"The restored tables differ from the backup: {', '.join(differ)}.")
    return Summary(restored, len(manifest["files"]), path)
