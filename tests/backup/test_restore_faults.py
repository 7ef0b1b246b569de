"""Backups taken while the app writes restore row for row; a failed restore leaves its target
empty so it can be tried again; keys and file modes.

Runs on SQLite (a database file, so a second thread can write while the backup is taken) and,
with TEST_DATABASE_URL pointing at PostgreSQL, on PostgreSQL (pg_dump of an exported snapshot).
"""

from __future__ import annotations

import json
import os
import stat
import tarfile
import threading

import pytest
from sqlalchemy import MetaData, select

from app import create_app
from app.audit.services import verify
from app.auth.models import Role
from app.backup import keys
from app.backup.archive import row_counts
from app.complaints import services as complaints
from app.complaints.models import Complaint
from app.extensions import db as _db
from app.storage import LocalStorage
from tests.backup.test_archive import _empty, _everything, _files, _populate, _wipe
from tests.conftest import TEST_DATABASE_URL, server_config
from tests.factories import make_user


@pytest.fixture
def key_file(backup_key):
    return backup_key


@pytest.fixture
def file_app(tmp_path):
    """An app on a database that a second thread can write to: a SQLite file, or PostgreSQL."""
    url = TEST_DATABASE_URL
    if url.startswith("sqlite"):
        url = f"sqlite:///{tmp_path / 'app.db'}"
    app = create_app(server_config(url, UPLOAD_DIR=str(tmp_path / "uploads"), MAIL_SERVER=None))
    with app.app_context():
        _db.drop_all()
        _db.create_all()
        yield app
        _db.session.remove()
        _wipe(_db)
        _db.engine.dispose()


def _rows_by_key(db) -> dict[str, dict[str, tuple]]:
    """Every row of every table, keyed by its primary key (or the whole row without one)."""
    metadata = MetaData()
    metadata.reflect(bind=db.engine)
    found = {}
    with db.engine.connect() as connection:
        for name, table in metadata.tables.items():
            key = list(table.primary_key.columns) or list(table.columns)
            found[name] = {
                repr(tuple(row._mapping[c.name] for c in key)): repr(tuple(row))
                for row in connection.execute(select(table))
            }
    return found


class Writer(threading.Thread):
    """Keeps adding providers (an organization and a user per commit) and complaint documents
    (a stored file, then its row) until stopped."""

    def __init__(self, app, complaint_id: int, reviewer_id: int):
        super().__init__(daemon=True)
        self.app, self.complaint_id, self.reviewer_id = app, complaint_id, reviewer_id
        self.stop = threading.Event()
        self.commits = 0
        self.error: BaseException | None = None

    def run(self) -> None:
        try:
            with self.app.app_context():
                from app.auth.models import User

                while not self.stop.is_set():
                    make_user(Role.PROVIDER)
                    complaint = _db.session.get(Complaint, self.complaint_id)
                    reviewer = _db.session.get(User, self.reviewer_id)
                    complaints.attach_document(
                        _db.session,
                        complaint,
                        reviewer,
                        (f"%PDF-1.4 page {self.commits}".encode(), "page.pdf"),
                        self.app.config["UPLOAD_DIR"],
                        10**6,
                    )
                    _db.session.commit()
                    self.commits += 1
                _db.session.remove()
        except BaseException as error:  # reported by the test
            self.error = error


def test_a_backup_taken_while_the_app_writes_restores_row_for_row(file_app, key_file, tmp_path):
    app, db = file_app, _db
    _populate(app, db)
    complaint_id = db.session.scalar(select(Complaint.id))
    reviewer_id = make_user(Role.REVIEWER).id
    runner = app.test_cli_runner()
    archive_path = tmp_path / "busy.tar.gz"

    writer = Writer(app, complaint_id, reviewer_id)
    writer.start()
    try:
        while writer.commits < 3 and writer.is_alive():
            threading.Event().wait(0.01)
        before = writer.commits
        users_before = len(_rows_by_key(db)["user"])
        created = runner.invoke(args=["backup", "create", str(archive_path)])
        during = writer.commits - before
        while writer.commits < before + during + 3 and writer.is_alive():
            threading.Event().wait(0.01)  # and some more after it
    finally:
        writer.stop.set()
        writer.join(60)
    assert writer.error is None, writer.error
    assert created.exit_code == 0, created.output
    source, source_files = _rows_by_key(db), _files(app.config["UPLOAD_DIR"])

    _wipe(db)
    _empty(app.config["UPLOAD_DIR"])
    restored = runner.invoke(args=["backup", "restore", str(archive_path)])
    assert restored.exit_code == 0, restored.output
    db.session.remove()
    after = _rows_by_key(db)

    # Row by row: every restored row is the source's row with the same key, except the two
    # single rows updated in place (the audit chain's head and the page-cache counter), and the
    # snapshot is one moment of a history that added rows: each table the writer grew holds
    # exactly the source's rows up to its largest restored key.
    assert set(after) == set(source)
    changed = {
        name
        for name, rows in after.items()
        for key, row in rows.items()
        if source[name].get(key) != row
    }
    assert changed <= {"audit_chain_head", "page_generation"}
    assert verify(db.session)[0] is None  # the restored head is its restored chain's last link
    grown = {"user", "organization", "audit_event", "complaint_document"}
    for name in grown:
        newest = max(_number(k) for k in after[name])
        assert {k for k in source[name] if _number(k) <= newest} == set(after[name]), name
    assert len(after["user"]) < len(source["user"])  # writes went on after the snapshot
    assert len(after["user"]) >= users_before  # and it holds what was there when it began
    # Every restored document row has its file, with the source's bytes.
    files = _files(app.config["UPLOAD_DIR"])
    stored = {row_name for row_name in _stored_names_in(db)}
    assert stored == set(files)
    assert all(files[name] == source_files[name] for name in files)


def _number(key: str) -> int:
    return int(key.strip("(),"))


def _stored_names_in(db) -> set[str]:
    metadata = MetaData()
    metadata.reflect(bind=db.engine)
    with db.engine.connect() as connection:
        return {
            name
            for table in metadata.tables.values()
            if "stored_name" in table.c
            for (name,) in connection.execute(select(table.c.stored_name))
            if name
        }


def _tamper(archive_path, key_file, work, change) -> None:
    """Decrypt the archive, let ``change`` edit its manifest, encrypt it again."""
    plain, edited = work / "plain.tar.gz", work / "edited.tar.gz"
    keys.decrypt_to(archive_path, plain, keys.identities(str(key_file)))
    with tarfile.open(plain) as source, tarfile.open(edited, "w:gz") as target:
        for member in source.getmembers():
            data = source.extractfile(member).read()
            if member.name == "manifest.json":
                manifest = json.loads(data)
                change(manifest)
                data = json.dumps(manifest).encode()
                member.size = len(data)
            import io

            target.addfile(member, io.BytesIO(data))
    keys.encrypt_to(edited, archive_path, keys.recipients(str(key_file)))


@pytest.mark.parametrize("fault", ["counts differ", "store fails mid-way"])
def test_a_failed_restore_leaves_the_target_empty_to_try_again(
    file_app, key_file, tmp_path, monkeypatch, fault
):
    app, db = file_app, _db
    _populate(app, db)
    uploads = app.config["UPLOAD_DIR"]
    before, files_before = _everything(db), _files(uploads)
    runner = app.test_cli_runner()
    good = tmp_path / "good.tar.gz"
    assert runner.invoke(args=["backup", "create", str(good)]).exit_code == 0
    bad = tmp_path / "bad.tar.gz"
    bad.write_bytes(good.read_bytes())
    if fault == "counts differ":
        _tamper(bad, key_file, tmp_path, lambda m: m["tables"].update(user=m["tables"]["user"] + 1))
    else:
        calls = []

        def put_then_fail(self, name, data):
            calls.append(name)
            if len(calls) > 1:
                raise OSError(28, "No space left on device")
            return original(self, name, data)

        original = LocalStorage.put
        monkeypatch.setattr(LocalStorage, "put", put_then_fail)
        # the populated data holds one document; add another so the second write fails
        from tests.complaints.factories import make_complaint

        with monkeypatch.context() as inner:
            inner.setattr(LocalStorage, "put", original)
            complaint = make_complaint()
            complaints.attach_document(
                db.session,
                complaint,
                make_user(Role.REVIEWER),
                (b"%PDF-1.4 two", "two.pdf"),
                uploads,
                10**6,
            )
            db.session.commit()
            before, files_before = _everything(db), _files(uploads)
            assert runner.invoke(args=["backup", "create", str(good)]).exit_code == 0
            bad.write_bytes(good.read_bytes())

    _wipe(db)
    _empty(uploads)
    failed = runner.invoke(args=["backup", "restore", str(bad)])
    assert failed.exit_code != 0
    db.session.remove()
    assert _everything(db) == {} and _files(uploads) == {}  # empty again

    monkeypatch.undo()
    monkeypatch.setenv(keys.KEY_FILE_ENV, str(key_file))
    retried = runner.invoke(args=["backup", "restore", str(good)])
    assert retried.exit_code == 0, retried.output
    db.session.remove()
    assert _everything(db) == before and _files(uploads) == files_before


def test_archives_are_owner_only_whatever_the_umask(file_app, key_file, tmp_path):
    runner = file_app.test_cli_runner()
    archive_path = tmp_path / "backup.tar.gz"
    archive_path.write_text("an older, world-readable file")
    archive_path.chmod(0o644)
    old = os.umask(0)
    try:
        assert runner.invoke(args=["backup", "create", str(archive_path)]).exit_code == 0
    finally:
        os.umask(old)
    assert stat.S_IMODE(archive_path.stat().st_mode) == 0o600


def test_a_backup_needs_a_key_and_the_right_one_to_restore(
    file_app, key_file, tmp_path, monkeypatch
):
    app, db = file_app, _db
    make_user(Role.ADMIN)
    runner = app.test_cli_runner()
    archive_path = tmp_path / "backup.tar.gz"
    monkeypatch.delenv(keys.KEY_FILE_ENV)
    refused = runner.invoke(args=["backup", "create", str(archive_path)])
    assert refused.exit_code != 0 and "No backup key" in refused.output
    assert not archive_path.exists()

    # A public key is enough to write; only the secret key reads.
    secret = key_file.read_text().strip()
    public = str(keys.x25519.Identity.from_str(secret).to_public())
    monkeypatch.setenv(keys.KEY_ENV, public)
    assert runner.invoke(args=["backup", "create", str(archive_path)]).exit_code == 0
    counts = row_counts(db.engine)
    _wipe(db)
    needs_secret = runner.invoke(args=["backup", "restore", str(archive_path)])
    assert needs_secret.exit_code != 0 and "secret key" in needs_secret.output

    other = tmp_path / "other-key.txt"
    assert runner.invoke(args=["backup", "new-key", str(other)]).exit_code == 0
    assert stat.S_IMODE(other.stat().st_mode) == 0o600
    wrong = runner.invoke(args=["backup", "restore", str(archive_path), "--key-file", str(other)])
    assert wrong.exit_code != 0 and "Cannot decrypt" in wrong.output
    assert row_counts(db.engine) == {}  # nothing was written

    right = runner.invoke(
        args=["backup", "restore", str(archive_path), "--key-file", str(key_file)]
    )
    assert right.exit_code == 0, right.output
    db.session.remove()
    assert row_counts(db.engine) == counts
