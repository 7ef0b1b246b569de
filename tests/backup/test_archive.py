"""Backup → wipe → restore leaves every row and every file (in a folder or a bucket); restores
refuse a non-empty target; archives are encrypted to the operator's key and owner-only.
Runs on SQLite and, with TEST_DATABASE_URL pointing at PostgreSQL, on PostgreSQL (pg_dump)."""

from __future__ import annotations

import io
import json
import stat
import tarfile
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import MetaData, select

from app.audit.services import verify
from app.auth.models import Role
from app.backup import keys
from app.backup.archive import row_counts
from app.complaints import services as complaints
from app.storage import storage_for
from app.uploads import read_stored
from tests.ce.factories import make_profile
from tests.complaints.factories import decide_complaint, make_complaint
from tests.factories import login, make_organization, make_user
from tests.submissions.factories import make_curriculum

# Every test here has its backup key (tests/backup/conftest.py) in the environment.
pytestmark = pytest.mark.usefixtures("backup_key")


def _manifest(archive_path: Path, key_file: Path, work: Path) -> dict:
    plain = work / "plain.tar.gz"
    keys.decrypt_to(archive_path, plain, keys.identities(str(key_file)))
    with tarfile.open(plain) as archive:
        return json.load(archive.extractfile("manifest.json"))


def _everything(db) -> dict[str, list[str]]:
    """Every row of every table, as sorted text: what 'nothing lost' compares."""
    metadata = MetaData()
    metadata.reflect(bind=db.engine)
    with db.engine.connect() as connection:
        return {
            name: sorted(repr(tuple(row)) for row in connection.execute(select(table)))
            for name, table in metadata.tables.items()
        }


def _wipe(db) -> None:
    """Drop every table of the database, the app's and any other (e.g. alembic_version)."""
    db.session.remove()
    metadata = MetaData()
    metadata.reflect(bind=db.engine)
    metadata.drop_all(bind=db.engine)


def _files(location: str) -> dict[str, bytes]:
    """Every stored file of the uploads location (a folder or a bucket), by name."""
    store = storage_for(location)
    return {o.name: read_stored(location, o.name) for o in store.list()}


def _empty(location: str) -> None:
    store = storage_for(location)
    for item in list(store.list()):
        store.delete(item.name)


def _populate(app, db) -> None:
    reviewer = make_user(Role.REVIEWER)
    organization = make_organization("Bright Path")
    provider = make_user(Role.PROVIDER, organization=organization)
    make_curriculum(provider, state="approved", reviewer=reviewer)
    profile = make_profile()
    complaint = make_complaint(profile=profile)
    complaints.investigate(db.session, complaint, reviewer, today=date(2026, 3, 3))
    complaints.add_confidential_name(db.session, complaint, reviewer, name="Pat Recipient")
    upload_dir = app.config["UPLOAD_DIR"]
    complaints.attach_document(
        db.session, complaint, reviewer, (b"%PDF-1.4 statement", "statement.pdf"), upload_dir, 10**6
    )
    decide_complaint(
        complaint, reviewer, today=date(2026, 4, 1), outcome="suspend", reason="Substantiated."
    )
    db.session.commit()


def test_backup_wipe_restore_leaves_every_row_and_file(
    app, db, runner, tmp_path, storage_location, backup_key
):
    app.config["UPLOAD_DIR"] = uploads = storage_location  # a local folder, then a bucket
    _populate(app, db)
    before, files_before = _everything(db), _files(uploads)
    assert files_before and sum(len(rows) for rows in before.values()) > 20
    archive_path = tmp_path / "backup.tar.gz"

    created = runner.invoke(args=["backup", "create", str(archive_path)])
    assert created.exit_code == 0, created.output
    assert stat.S_IMODE(archive_path.stat().st_mode) == 0o600
    assert not tarfile.is_tarfile(archive_path)  # encrypted: no tar, no gzip, no manifest in clear
    assert b"Bright Path" not in archive_path.read_bytes()
    manifest = _manifest(archive_path, backup_key, tmp_path)
    assert manifest["tables"] == row_counts(db.engine)

    _wipe(db)
    _empty(uploads)
    assert _everything(db) == {} and _files(uploads) == {}

    restored = runner.invoke(args=["backup", "restore", str(archive_path)])
    assert restored.exit_code == 0, restored.output
    assert "every count and checksum matches" in restored.output
    assert _everything(db) == before
    assert _files(uploads) == files_before
    assert verify(db.session)[0] is None  # the audit chain is intact


def test_restore_refuses_a_database_that_is_not_empty(app, db, runner, tmp_path):
    make_user(Role.ADMIN)
    archive_path = tmp_path / "backup.tar.gz"
    assert runner.invoke(args=["backup", "create", str(archive_path)]).exit_code == 0
    refused = runner.invoke(args=["backup", "restore", str(archive_path)])
    assert refused.exit_code != 0 and "not empty" in refused.output


def test_restore_refuses_a_file_that_is_not_a_backup(app, db, runner, tmp_path):
    plain = tmp_path / "fake-plain.tar.gz"
    with tarfile.open(plain, "w:gz") as archive:
        info = tarfile.TarInfo("notes.txt")
        info.size = 2
        archive.addfile(info, io.BytesIO(b"hi"))
    fake = tmp_path / "fake.tar.gz"
    keys.encrypt_to(plain, fake, keys.recipients())
    _wipe(db)
    refused = runner.invoke(args=["backup", "restore", str(fake)])
    assert refused.exit_code != 0 and "no manifest.json" in refused.output


def test_person_export_holds_their_rows_and_no_secrets(app, db, runner, tmp_path):
    profile = make_profile(legal_name="Jordan Peer")
    make_complaint(profile=profile)
    out = tmp_path / "person.json.age"
    result = runner.invoke(args=["backup", "person", profile.user.email, str(out)])
    assert result.exit_code == 0, result.output
    assert stat.S_IMODE(out.stat().st_mode) == 0o600 and b"Jordan Peer" not in out.read_bytes()
    opened = tmp_path / "person.json"
    assert runner.invoke(args=["backup", "decrypt", str(out), str(opened)]).exit_code == 0
    assert stat.S_IMODE(opened.stat().st_mode) == 0o600
    data = json.loads(opened.read_text())
    assert data["account"]["email"] == profile.user.email
    assert "password_hash" not in data["account"] and "session_token" not in data["account"]
    assert data["records"]["peer_profile"][0]["legal_name"] == "Jordan Peer"
    assert data["records"]["complaint"][0]["via"] == "peer_profile_id"
    missing = runner.invoke(args=["backup", "person", "nobody@example.org", str(out)])
    assert missing.exit_code != 0


def test_queue_and_registry_export_with_filters(app, db):
    reviewer = make_user(Role.REVIEWER)
    make_curriculum(state="submitted", title="Waiting")
    make_curriculum(state="approved", title="Done")
    make_profile(legal_name="Active Peer")
    make_profile(legal_name="Suspended Peer", status="suspended")
    client = app.test_client()
    login(client, reviewer)
    queue = client.get("/review/queue.csv?state=submitted").get_data(as_text=True)
    assert "Waiting" in queue and "Done" not in queue
    registry = client.get("/registry.csv?status=suspended").get_data(as_text=True)
    assert "Suspended Peer" in registry and "Active Peer" not in registry
