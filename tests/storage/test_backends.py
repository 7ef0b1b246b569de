"""The storage backends, local directory and S3-compatible bucket, behave the same: writes,
reads, listing, deletion, the orphan sweep and downloads with the same headers."""

from __future__ import annotations

import pytest

from app.auth.models import Role
from app.ce.models import CEEntryRecord, EvidenceFile
from app.storage import ObjectMissing, StorageUnavailable, is_remote, storage_for
from app.uploads import (
    UploadError,
    delete_stored,
    read_stored,
    send_stored,
    store_upload,
)
from app.uploads_sweep import sweep
from tests.ce.factories import post_evidence
from tests.ce.test_views import _add, _profile
from tests.factories import login, make_user

PDF = b"%PDF-1.4\n" + b"0" * 20_000 + b"\n%%EOF"


def _peer_entry(client, db, app, location):
    """A signed-in peer with one CE entry, its uploads going to ``location``."""
    app.config["UPLOAD_DIR"] = location
    login(client, make_user(Role.PEER))
    _profile(client)
    _add(client)
    return db.session.scalars(db.select(CEEntryRecord)).one()


def test_put_open_list_delete(storage_location):
    storage = storage_for(storage_location)
    storage.put("a" * 32 + ".pdf", PDF)
    storage.put("b" * 32 + ".txt", b"hello")
    assert sorted(item.name for item in storage.list()) == ["a" * 32 + ".pdf", "b" * 32 + ".txt"]
    opened = storage.open("a" * 32 + ".pdf")
    assert opened.size == len(PDF)
    storage.delete("a" * 32 + ".pdf")
    storage.delete("a" * 32 + ".pdf")  # deleting twice is harmless
    assert [item.name for item in storage.list()] == ["b" * 32 + ".txt"]
    with pytest.raises(ObjectMissing):
        storage.open("a" * 32 + ".pdf")
    storage.check()


def test_store_read_delete_through_the_upload_functions(storage_location):
    stored = store_upload(
        PDF, "Certificate.pdf", kinds="evidence", upload_dir=storage_location, max_bytes=10**6
    )
    assert stored.stored_name.endswith(".pdf") and "Certificate" not in stored.stored_name
    assert read_stored(storage_location, stored.stored_name) == PDF
    with pytest.raises(UploadError) as refused:
        read_stored(storage_location, "../" + stored.stored_name)
    assert refused.value.status == 404
    delete_stored(storage_location, stored.stored_name)
    with pytest.raises(UploadError) as gone:
        read_stored(storage_location, stored.stored_name)
    assert gone.value.status == 404


def test_a_refused_file_stores_nothing(storage_location):
    with pytest.raises(UploadError):
        store_upload(b"MZ", "tool.exe", kinds="evidence", upload_dir=storage_location, max_bytes=99)
    with pytest.raises(UploadError):
        store_upload(b"nope", "a.pdf", kinds="evidence", upload_dir=storage_location, max_bytes=99)
    assert list(storage_for(storage_location).list()) == []


def _body(response) -> bytes:
    response.direct_passthrough = False
    try:
        return response.get_data()
    finally:
        response.close()


def test_download_headers_and_body_are_the_same_on_both_backends(app, tmp_path, s3_location):
    local = str(tmp_path / "local")
    answers = {}
    for location in (local, s3_location):
        stored = store_upload(
            PDF, "Relevé final.pdf", kinds="evidence", upload_dir=location, max_bytes=10**6
        )
        with app.test_request_context():
            response = send_stored(location, stored.stored_name, "Relevé final.pdf")
            answers[location] = (response.status_code, dict(response.headers), _body(response))
        with app.test_request_context(headers={"Range": "bytes=0-8"}):
            ranged = send_stored(location, stored.stored_name, "Relevé final.pdf")
            assert (ranged.status_code, _body(ranged)) == (206, PDF[:9])
    (status, headers, body), (s3_status, s3_headers, s3_body) = answers.values()
    assert status == s3_status == 200 and body == s3_body == PDF
    for name in (
        "Content-Type",
        "Content-Disposition",
        "Content-Length",
        "Cache-Control",
        "Accept-Ranges",
        "X-Content-Type-Options",
        "Content-Security-Policy",
    ):
        assert headers[name] == s3_headers[name], name
    assert "ETag" in s3_headers and "Last-Modified" in s3_headers
    assert s3_headers["Content-Disposition"].startswith("attachment;")


def test_sweep_removes_only_unreferenced_objects_on_both_backends(
    client, db, app, storage_location
):
    entry = _peer_entry(client, db, app, storage_location)
    post_evidence(client, entry.id, PDF)
    kept = db.session.scalars(db.select(EvidenceFile)).one().stored_name
    storage = storage_for(storage_location)
    storage.put("0" * 32 + ".pdf", b"left by a crash between the write and the commit")
    young = sweep(db.session, storage_location, older_than_seconds=3600)
    assert young.removed == [] and young.kept == 2  # an upload in progress is never touched
    dry = sweep(db.session, storage_location, older_than_seconds=0, dry_run=True)
    assert dry.removed == ["0" * 32 + ".pdf"]
    result = sweep(db.session, storage_location, older_than_seconds=0)
    assert result.removed == ["0" * 32 + ".pdf"] and result.kept == 1
    assert [item.name for item in storage.list()] == [kept]


def test_evidence_uploaded_and_downloaded_through_the_app(client, db, app, storage_location):
    entry = _peer_entry(client, db, app, storage_location)
    post_evidence(client, entry.id, PDF)
    item = db.session.scalars(db.select(EvidenceFile)).one()
    with client.get(f"/ce/evidence/{item.stored_name}") as response:
        assert response.status_code == 200 and response.data == PDF
        assert response.headers["Content-Disposition"] == "attachment; filename=proof.pdf"
        assert response.headers["Content-Length"] == str(len(PDF))
    assert client.get(f"/ce/evidence/{'f' * 32}.pdf").status_code == 404


def test_an_unreachable_bucket_refuses_the_upload_and_keeps_no_row(client, db, app, monkeypatch):
    monkeypatch.setenv("STORAGE_ENDPOINT_URL", "http://127.0.0.1:9")  # nothing listens there
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "x")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "y")
    location = "s3://unreachable-bucket"
    assert is_remote(location)
    with pytest.raises(StorageUnavailable):
        storage_for(location).check()
    entry = _peer_entry(client, db, app, location)
    response = post_evidence(client, entry.id, PDF, follow_redirects=True)
    assert "cannot be reached" in response.get_data(as_text=True)
    assert db.session.scalars(db.select(EvidenceFile)).all() == []
    with pytest.raises(UploadError) as unreadable:
        read_stored(location, "a" * 32 + ".pdf")
    assert unreadable.value.status == 503  # away, not missing
    with pytest.raises(StorageUnavailable):  # the sweep stops rather than guess
        sweep(db.session, location, older_than_seconds=0)
    from app.storage import forget_clients

    forget_clients()


def test_a_local_directory_that_cannot_be_written_is_not_ready(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    with pytest.raises(StorageUnavailable):
        storage_for(str(blocker / "uploads")).check()
    storage_for(str(tmp_path / "new")).check()  # created by the first upload


def test_storage_init_and_check_commands(runner, app, storage_location):
    app.config["UPLOAD_DIR"] = storage_location
    created = runner.invoke(args=["storage", "init"])
    assert created.exit_code == 0 and "is ready" in created.output
    checked = runner.invoke(args=["storage", "check"])
    assert checked.exit_code == 0 and "answers" in checked.output
    app.config["UPLOAD_DIR"] = "/proc/no-such-folder/uploads"
    refused = runner.invoke(args=["storage", "check"])
    assert refused.exit_code == 1 and "not reachable" in refused.output
