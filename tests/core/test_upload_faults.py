"""Uploads under faults: a full disk stores nothing and says so; a process killed (-9) during an
upload leaves only files that `uploads sweep` removes, never a referenced one."""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

import app.uploads as uploads
from app import create_app
from app.auth.models import Role
from app.ce.models import CEEntryRecord, EvidenceFile
from app.extensions import db as _db
from app.uploads_sweep import sweep
from tests.ce.factories import post_evidence
from tests.ce.test_views import _add, _profile
from tests.core.faulty_files import FaultyFile
from tests.factories import DEFAULT_PASSWORD, login, make_user

ROOT = Path(__file__).resolve().parents[2]
PDF = b"%PDF-1.4\n" + b"0" * 4096


class _FullDisk(FaultyFile):
    """A disk that fills after ten bytes."""

    def write(self, data):
        self.file.write(data[:10])
        raise OSError(errno.ENOSPC, "No space left on device")


def test_a_full_disk_stores_nothing_and_says_so(tmp_path, monkeypatch):
    monkeypatch.setattr(uploads.os, "fdopen", _FullDisk)
    with pytest.raises(uploads.UploadError) as caught:
        uploads.store_upload(
            PDF, "proof.pdf", kinds="evidence", upload_dir=str(tmp_path), max_bytes=10**6
        )
    assert caught.value.status == 507 and "no room left" in caught.value.message
    assert list(tmp_path.iterdir()) == []


def test_a_full_disk_during_an_evidence_upload_leaves_no_row(client, db, app, monkeypatch):
    login(client, make_user(Role.PEER))
    _profile(client)
    _add(client)
    entry = db.session.scalars(db.select(CEEntryRecord)).one()
    monkeypatch.setattr(uploads.os, "fdopen", _FullDisk)
    response = post_evidence(client, entry.id, PDF, follow_redirects=True)
    assert "no room left" in response.get_data(as_text=True)
    assert db.session.scalars(db.select(EvidenceFile)).all() == []
    assert not any(Path(app.config["UPLOAD_DIR"]).glob("*"))


def test_sweep_removes_only_old_unreferenced_and_temporary_files(client, db, app):
    login(client, make_user(Role.PEER))
    _profile(client)
    _add(client)
    entry = db.session.scalars(db.select(CEEntryRecord)).one()
    post_evidence(client, entry.id, PDF)
    folder = Path(app.config["UPLOAD_DIR"])
    kept = db.session.scalars(db.select(EvidenceFile)).one().stored_name
    old = time.time() - 7200
    for name in ("0" * 32 + ".pdf", ".upload-abc123"):
        (folder / name).write_bytes(b"x")
        os.utime(folder / name, (old, old))
    (folder / ("1" * 32 + ".pdf")).write_bytes(b"young")  # an upload in progress
    os.utime(folder / kept, (old, old))
    result = sweep(db.session, str(folder), older_than_seconds=3600)
    assert sorted(result.removed) == [".upload-abc123", "0" * 32 + ".pdf"]
    assert sorted(p.name for p in folder.iterdir()) == sorted([kept, "1" * 32 + ".pdf"])


_CHILD = textwrap.dedent(
    """
    import io, sys, time
    sys.path.insert(0, {root!r})
    import sqlalchemy.orm
    import app.uploads as uploads
    from app import create_app

    app = create_app({config!r})
    client = app.test_client()
    assert client.post("/login", data={{"email": {email!r}, "password": {password!r}}}).status_code == 302
    mode = sys.argv[1]
    marker = sys.argv[2]

    def stop_here():
        open(marker, "w").write("ready")
        time.sleep(120)

    if mode == "before-commit":  # the file is stored, the row never commits
        sqlalchemy.orm.Session.commit = lambda self: stop_here()
    else:  # killed while the file is being written
        from tests.core.faulty_files import FaultyFile

        class Slow(FaultyFile):
            def write(self, data):
                self.file.write(data[: len(data) // 2])
                self.file.flush()
                stop_here()
            def flush(self):
                pass

        uploads.os.fdopen = Slow
    client.post(
        "/ce/entries/{entry_id}/evidence",
        data={{"file": (io.BytesIO({pdf!r}), "proof.pdf")}},
        content_type="multipart/form-data",
    )
    """
)


def test_kill_9_during_uploads_leaves_nothing_the_sweep_does_not_clean(tmp_path):
    config = {
        "TESTING": True,
        "SECRET_KEY": "x",
        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "UPLOAD_DIR": str(tmp_path / "uploads"),
        "WTF_CSRF_ENABLED": False,
        "ARGON2_TIME_COST": 1,
        "ARGON2_MEMORY_COST": 1024,
        "MFA_REQUIRED_ROLES": (),
    }
    app = create_app(dict(config))
    with app.app_context():
        _db.create_all()
        peer = make_user(Role.PEER)
        email = peer.email
    client = app.test_client()
    login(client, peer)
    _profile(client)
    _add(client)
    client.post("/logout")
    with app.app_context():
        entry_id = _db.session.scalars(_db.select(CEEntryRecord.id)).one()
    script = tmp_path / "child.py"
    script.write_text(
        _CHILD.format(
            root=str(ROOT),
            config=config,
            email=email,
            password=DEFAULT_PASSWORD,
            entry_id=entry_id,
            pdf=PDF,
        )
    )
    for mode in ("before-commit", "mid-write"):
        marker = tmp_path / f"{mode}.ready"
        child = subprocess.Popen([sys.executable, str(script), mode, str(marker)], cwd=ROOT)
        deadline = time.time() + 60
        while not marker.exists() and time.time() < deadline and child.poll() is None:
            time.sleep(0.05)
        assert marker.exists(), f"the child never reached the upload ({mode})"
        os.kill(child.pid, signal.SIGKILL)
        child.wait(timeout=30)
    folder = Path(config["UPLOAD_DIR"])
    left = sorted(p.name for p in folder.iterdir())
    assert len(left) == 2 and any(n.startswith(".upload-") for n in left)
    with app.app_context():
        assert _db.session.scalars(_db.select(EvidenceFile)).all() == []
    result = app.test_cli_runner().invoke(args=["uploads", "sweep", "--older-than", "0"])
    with app.app_context():
        _db.engine.dispose()
    assert result.exit_code == 0 and "2 file(s) removed, 0 kept." in result.output
    assert all(f"removed {name}" in result.output for name in left)
    assert list(folder.iterdir()) == []
