"""CE services: every change a peer makes is in the audit log; pages follow a pinned date."""

from __future__ import annotations

import io
from datetime import date

from app.audit.models import AuditEvent
from app.ce.models import CEEntryRecord, EvidenceFile
from tests.ce.factories import make_entry, make_profile
from tests.factories import login

PDF = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"


def _actions(db, entry_id: int) -> list[str]:
    return list(
        db.session.scalars(
            db.select(AuditEvent.action)
            .where(AuditEvent.subject_type == "ce_entry", AuditEvent.subject_id == entry_id)
            .order_by(AuditEvent.id)
        )
    )


def test_adding_changing_attaching_and_deleting_an_entry_are_audited(app, db):
    profile = make_profile()
    entry = make_entry(profile)
    client = app.test_client()
    assert login(client, profile.user).status_code == 302
    form = {
        "title": "Law and Ethics, revised",
        "provider": entry.provider,
        "start_date": "2025-06-01",
        "format": "in_person",
        "hours": "6",
        "source": "calmhsa_ce_provider",
    }
    assert client.post(f"/ce/entries/{entry.id}", data=form).status_code == 302
    upload = {"file": (io.BytesIO(PDF), "certificate.pdf")}
    client.post(f"/ce/entries/{entry.id}/evidence", data=upload)
    assert db.session.scalar(db.select(EvidenceFile.original_name)) == "certificate.pdf"
    assert client.post(f"/ce/entries/{entry.id}/delete").status_code == 302
    assert db.session.get(CEEntryRecord, entry.id) is None
    assert _actions(db, entry.id) == [
        "add_entry",
        "change_entry",
        "attach_evidence",
        "delete_entry",
    ]
    actors = set(
        db.session.scalars(
            db.select(AuditEvent.actor_id).where(AuditEvent.subject_type == "ce_entry")
        )
    )
    assert actors == {profile.user_id}


def test_a_refused_evidence_file_leaves_no_record_and_no_audit(app, db):
    profile = make_profile()
    entry = make_entry(profile)
    client = app.test_client()
    login(client, profile.user)
    upload = {"file": (io.BytesIO(b"not a pdf"), "certificate.pdf")}
    page = client.post(
        f"/ce/entries/{entry.id}/evidence", data=upload, follow_redirects=True
    ).get_data(as_text=True)
    assert "is not a PDF document" in page
    assert db.session.scalar(db.select(EvidenceFile)) is None
    assert _actions(db, entry.id) == ["add_entry"]


def test_pinning_today_moves_the_dashboard_and_the_api_together(app, db):
    profile = make_profile(issued_on=date(2025, 3, 1))
    make_entry(profile, start_date=date(2025, 6, 1))
    client = app.test_client()
    login(client, profile.user)
    app.config["TODAY"] = date(2026, 6, 1)
    summary = client.get("/api/v1/ce/summary").get_json()
    assert summary["period"] == {"start": "2025-03-01", "end": "2027-02-28"}
    assert summary["total_hours"] == 6
    app.config["TODAY"] = date(2027, 6, 1)
    summary = client.get("/api/v1/ce/summary").get_json()
    assert summary["period"] == {"start": "2027-03-01", "end": "2029-02-28"}
    assert summary["total_hours"] == 0
    assert "2029" in client.get("/ce").get_data(as_text=True)
