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
from app.storage import Storage, storage_for

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


def _stored_names(store: Storage) -> list[str]:
    """The stored files of the uploads location (local folder or bucket), without temporary ones."""
    return sorted(o.name for o in store.list() if not o.name.startswith("."))


def _read_object(store: Storage, name: str) -> bytes:
    opened = store.open(name)
    if opened.path is not None:
        return opened.path.read_bytes()
    with opened.stream as stream:
        return stream.read()


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
    """Write the archive at ``path`` (a .tar.gz); the database snapshot comes first. The uploads
    are read through the storage, so a bucket is backed up like a local folder."""
    store = storage_for(upload_dir)
    with tempfile.TemporaryDirectory() as work:
        dump = Path(work) / "database"
        try:
            member = _dump_database(engine, dump)
        except subprocess.CalledProcessError as error:
            raise BackupError(f"pg_dump failed: {error.stderr.decode(errors='replace')}") from None
        tables = row_counts(engine)
        files = {name: _read_object(store, name) for name in _stored_names(store)}
        manifest = {
            "format": FORMAT,
            "created_at": utcnow().isoformat(),
            "dialect": engine.dialect.name,
            "database": member,
            "tables": tables,
            "files": {name: hashlib.sha256(data).hexdigest() for name, data in files.items()},
        }
        partial = Path(f"{path}.partial")
        with tarfile.open(partial, "w:gz") as archive:
            data = json.dumps(manifest, indent=2, sort_keys=True).encode()
            info = tarfile.TarInfo("manifest.json")
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
            archive.add(dump, arcname=member)
            for name, data in files.items():
                info = tarfile.TarInfo(f"uploads/{name}")
                info.size = len(data)
                archive.addfile(info, io.BytesIO(data))
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


def _require_empty(engine: Engine, store: Storage, upload_dir: str) -> None:
    tables = inspect(engine).get_table_names()
    if tables:
        raise BackupError(
            f"The database is not empty ({len(tables)} tables); restore into a new, empty database."
        )
    if _stored_names(store):
        raise BackupError(
            f"The uploads at {upload_dir} are not empty; restore into an empty place."
        )


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
    store = storage_for(upload_dir)
    _require_empty(engine, store, upload_dir)
    with tarfile.open(path, "r:gz") as archive, tempfile.TemporaryDirectory() as work:
        manifest = _read_manifest(archive)
        member = manifest["database"]
        if member not in (SQLITE_MEMBER, PG_MEMBER):
            raise BackupError("The manifest names no database snapshot.")
        source = Path(work) / "database"
        with archive.extractfile(member) as handle, source.open("wb") as out:
            shutil.copyfileobj(handle, out)
        _restore_database(engine, member, source)
        for name, digest in manifest["files"].items():
            if PurePosixPath(name).name != name or name.startswith("."):
                raise BackupError(f"Refusing a file name with a path in the archive: {name!r}.")
            with archive.extractfile(f"uploads/{name}") as handle:
                data = handle.read()
            if hashlib.sha256(data).hexdigest() != digest:
                raise BackupError(f"{name} does not match its checksum in the manifest.")
            store.put(name, data)
    restored = row_counts(engine)
    if restored != manifest["tables"]:
        differ = sorted(
            t
            for t in set(restored) | set(manifest["tables"])
            if restored.get(t) != manifest["tables"].get(t)
        )
        raise BackupError(f"The restored tables differ from the backup: {', '.join(differ)}.")
    return Summary(restored, len(manifest["files"]), path)
