"""One archive holds a consistent database snapshot and every uploaded file.

The database part is SQLite's online backup (a copy made while the app runs) or, for
PostgreSQL, ``pg_dump`` in its custom format of a snapshot exported from a repeatable-read
transaction. ``manifest.json`` lists the row count of every table and the SHA-256 of every file
the database refers to, all read from that same snapshot (never from the live database after
it), so a backup taken while the app writes restores and proves that nothing was lost. The
archive is encrypted with age to the operator's key (``app/backup/keys.py``) and written
owner-only. A restore that fails part-way empties its target again, so it can be retried.
"""

from __future__ import annotations

import hashlib
import io
import json
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from pyrage import x25519
from sqlalchemy import Connection, Engine, MetaData, create_engine, func, inspect, select, text
from sqlalchemy.engine import make_url

from app.backup import keys
from app.dbtypes import utcnow
from app.storage import ObjectMissing, Storage, storage_for

FORMAT = 2
SQLITE_MEMBER = "database.sqlite3"
PG_MEMBER = "database.pgdump"
FILE_COLUMN = "stored_name"  # every table that names stored files names them in this column
SNAPSHOT_ATTEMPTS = 3  # a file removed (with its row) between snapshot and copy: take a new one


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


def row_counts(engine: Engine | Connection) -> dict[str, int]:
    """Rows in every table of the database, by name (on a connection: in its transaction)."""
    if isinstance(engine, Connection):
        return _counts(engine)
    with engine.connect() as connection:
        return _counts(connection)


def _counts(connection: Connection) -> dict[str, int]:
    metadata = MetaData()
    metadata.reflect(bind=connection)
    return {
        name: int(connection.scalar(select(func.count()).select_from(table)))
        for name, table in sorted(metadata.tables.items())
    }


def _referenced(connection: Connection) -> list[str]:
    """The stored file names the database refers to (in the connection's transaction)."""
    metadata = MetaData()
    metadata.reflect(bind=connection)
    names: set[str] = set()
    for table in metadata.tables.values():
        if FILE_COLUMN in table.c:
            names.update(n for (n,) in connection.execute(select(table.c[FILE_COLUMN])) if n)
    return sorted(names)


def _stored_names(store: Storage) -> list[str]:
    """The stored files of the uploads location (local folder or bucket), without temporary ones."""
    return sorted(o.name for o in store.list() if not o.name.startswith("."))


def _read_object(store: Storage, name: str) -> bytes:
    opened = store.open(name)
    if opened.path is not None:
        try:
            return opened.path.read_bytes()
        except FileNotFoundError:
            raise ObjectMissing(name) from None
    with opened.stream as stream:
        return stream.read()


@dataclass(frozen=True)
class Snapshot:
    """What one database snapshot holds: its archive member, row counts and referenced files."""

    member: str
    tables: dict[str, int]
    files: list[str]


def _snapshot_sqlite(engine: Engine, target: Path) -> Snapshot:
    raw = engine.raw_connection()
    try:
        destination = sqlite3.connect(target)
        try:
            raw.driver_connection.backup(destination)  # one step: consistent while others write
        finally:
            destination.close()
    finally:
        raw.close()
    # Counted and listed from the copy itself, not from the database that goes on changing.
    copy = create_engine(f"sqlite:///{target}")
    try:
        with copy.connect() as connection:
            return Snapshot(SQLITE_MEMBER, _counts(connection), _referenced(connection))
    finally:
        copy.dispose()


def _snapshot_postgresql(engine: Engine, target: Path) -> Snapshot:
    # One repeatable-read transaction exports its snapshot; pg_dump reads that same snapshot
    # while the transaction stays open, and the counts and file names are read in it too.
    repeatable = engine.connect().execution_options(isolation_level="REPEATABLE READ")
    with repeatable as connection, connection.begin():
        snapshot = connection.scalar(text("SELECT pg_export_snapshot()"))
        try:
            subprocess.run(
                [
                    _pg_tool("pg_dump"),
                    "--format=custom",
                    "--no-owner",
                    "--no-privileges",
                    f"--snapshot={snapshot}",
                    f"--file={target}",
                    _libpq_url(engine),
                ],
                check=True,
                capture_output=True,
            )
        except subprocess.CalledProcessError as error:
            raise BackupError(f"pg_dump failed: {error.stderr.decode(errors='replace')}") from None
        return Snapshot(PG_MEMBER, _counts(connection), _referenced(connection))


def _snapshot(engine: Engine, target: Path) -> Snapshot:
    if engine.dialect.name == "sqlite":
        return _snapshot_sqlite(engine, target)
    if engine.dialect.name == "postgresql":
        return _snapshot_postgresql(engine, target)
    raise BackupError(f"Backups of {engine.dialect.name} databases are not supported.")


def _add_bytes(archive: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    archive.addfile(info, io.BytesIO(data))


def _write_plain(engine: Engine, store: Storage, work: Path) -> tuple[Path, Snapshot]:
    """The unencrypted .tar.gz in ``work``: the snapshot, its files, then the manifest."""
    for _attempt in range(SNAPSHOT_ATTEMPTS):
        dump = work / "database"
        dump.unlink(missing_ok=True)
        snapshot = _snapshot(engine, dump)
        plain = work / "backup.tar.gz"
        digests: dict[str, str] = {}
        try:
            with tarfile.open(plain, "w:gz") as archive:
                archive.add(dump, arcname=snapshot.member)
                for name in snapshot.files:
                    data = _read_object(store, name)
                    digests[name] = hashlib.sha256(data).hexdigest()
                    _add_bytes(archive, f"uploads/{name}", data)
                manifest = {
                    "format": FORMAT,
                    "created_at": utcnow().isoformat(),
                    "dialect": engine.dialect.name,
                    "database": snapshot.member,
                    "tables": snapshot.tables,
                    "files": digests,
                }
                _add_bytes(
                    archive,
                    "manifest.json",
                    json.dumps(manifest, indent=2, sort_keys=True).encode(),
                )
        except ObjectMissing:
            continue  # removed with its row after the snapshot: the next snapshot has neither
        return plain, snapshot
    raise BackupError(
        f"Stored files kept disappearing during {SNAPSHOT_ATTEMPTS} snapshots; try again later."
    )


def create(
    engine: Engine, upload_dir: str, path: str, recipients: list[x25519.Recipient]
) -> Summary:
    """Write the encrypted archive at ``path``. The uploads are read through the storage, so a
    bucket is backed up like a local folder; only the files the snapshot refers to are kept."""
    store = storage_for(upload_dir)
    with tempfile.TemporaryDirectory() as work:
        plain, snapshot = _write_plain(engine, store, Path(work))
        keys.encrypt_to(plain, path, recipients)
    return Summary(snapshot.tables, len(snapshot.files), path)


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
                    "--single-transaction",
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


def _clear_database(engine: Engine) -> None:
    """Drop everything a failed restore created, so the database is empty again."""
    with engine.begin() as connection:
        if engine.dialect.name == "sqlite":
            connection.exec_driver_sql("PRAGMA foreign_keys = OFF")
            for kind, name in connection.exec_driver_sql(
                "SELECT type, name FROM sqlite_master WHERE type IN ('view', 'table') "
                "AND name NOT LIKE 'sqlite_%'"
            ).all():
                connection.exec_driver_sql(f'DROP {kind.upper()} IF EXISTS "{name}"')
            if connection.exec_driver_sql(
                "SELECT 1 FROM sqlite_master WHERE name = 'sqlite_sequence'"
            ).first():
                connection.exec_driver_sql("DELETE FROM sqlite_sequence")
            return
        for statement, query in (
            (
                "DROP VIEW IF EXISTS {} CASCADE",
                "SELECT quote_ident(table_name) FROM information_schema.views WHERE table_schema = current_schema()",
            ),
            (
                "DROP TABLE IF EXISTS {} CASCADE",
                "SELECT quote_ident(tablename) FROM pg_tables WHERE schemaname = current_schema()",
            ),
            (
                "DROP SEQUENCE IF EXISTS {} CASCADE",
                "SELECT quote_ident(sequence_name) FROM information_schema.sequences WHERE sequence_schema = current_schema()",
            ),
            (
                "DROP FUNCTION IF EXISTS {} CASCADE",
                "SELECT p.oid::regprocedure::text FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = current_schema()",
            ),
            (
                "DROP TYPE IF EXISTS {} CASCADE",
                "SELECT quote_ident(t.typname) FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname = current_schema() AND t.typtype IN ('e', 'd')",
            ),
        ):
            for (name,) in connection.execute(text(query)).all():
                connection.exec_driver_sql(statement.format(name))


def _check_files(archive: tarfile.TarFile, manifest: dict) -> None:
    """Every file of the manifest is in the archive with its checksum (before anything is written)."""
    for name, digest in manifest["files"].items():
        if PurePosixPath(name).name != name or name.startswith("."):
            raise BackupError(f"Refusing a file name with a path in the archive: {name!r}.")
        try:
            handle = archive.extractfile(f"uploads/{name}")
        except KeyError:
            raise BackupError(f"{name} is in the manifest but not in the archive.") from None
        with handle:
            if hashlib.sha256(handle.read()).hexdigest() != digest:
                raise BackupError(f"{name} does not match its checksum in the manifest.")


def restore(
    engine: Engine, upload_dir: str, path: str, identities: list[x25519.Identity]
) -> Summary:
    """Restore the encrypted archive at ``path`` into an empty database and an empty uploads
    folder, then check every table's row count and every file's SHA-256 against the manifest.
    On any failure once writing has begun, what was written is removed again."""
    store = storage_for(upload_dir)
    _require_empty(engine, store, upload_dir)
    with tempfile.TemporaryDirectory() as work:
        plain = Path(work) / "backup.tar.gz"
        keys.decrypt_to(path, plain, identities)
        if not tarfile.is_tarfile(plain):
            raise BackupError(f"{path} is not a backup archive.")
        with tarfile.open(plain, "r:gz") as archive:
            manifest = _read_manifest(archive)
            member = manifest["database"]
            if member not in (SQLITE_MEMBER, PG_MEMBER):
                raise BackupError("The manifest names no database snapshot.")
            _check_files(archive, manifest)
            source = Path(work) / "database"
            with archive.extractfile(member) as handle, source.open("wb") as out:
                shutil.copyfileobj(handle, out)
            written: list[str] = []
            try:
                _restore_database(engine, member, source)
                for name in manifest["files"]:
                    with archive.extractfile(f"uploads/{name}") as handle:
                        store.put(name, handle.read())
                    written.append(name)
                restored = row_counts(engine)
                if restored != manifest["tables"]:
                    differ = sorted(
                        t
                        for t in set(restored) | set(manifest["tables"])
                        if restored.get(t) != manifest["tables"].get(t)
                    )
                    raise BackupError(
                        f"The restored tables differ from the backup: {', '.join(differ)}."
                    )
            except BaseException:
                engine.dispose()  # no pooled connection keeps the half-restored schema open
                _clear_database(engine)
                for name in written:
                    store.delete(name)
                raise
    return Summary(restored, len(manifest["files"]), path)
