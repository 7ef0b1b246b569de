"""Confidentiality by construction (§806.1.D): a listed name appears in no output; the
respondent's identity is confirmed before the registry changes; respondents see a complaint only
once notified; references are random."""

from __future__ import annotations

import json
import re
from datetime import date

import pytest
from sqlalchemy import select

from app.audit.models import AuditEvent
from app.auth.models import Role
from app.backup.person import export_person
from app.complaints import services
from app.complaints.confidential import redact
from app.complaints.models import Complaint
from app.errors import Conflict, DomainError
from app.notifications.models import OutboxEmail
from app.policy import DEFAULT_POLICY
from tests.ce.factories import make_profile
from tests.complaints.factories import decide_complaint, make_complaint
from tests.factories import login, make_user

LISTED = "María López-Hernández"


def _absent(text: str) -> bool:
    lowered = text.lower()
    return "lópez" not in lowered and "lopez" not in lowered


def test_redact_ignores_case_accents_hyphens_and_html_escaping():
    names = [("María López-Hernández", "R7-1"), ("Pat O'Neil", "R7-2")]
    text = "maria LOPEZ hernandez met María López-Hernández; Pat O&#39;Neil too. Patrick stays."
    assert redact(text, names) == "R7-1 met R7-1; R7-2 too. Patrick stays."
    assert redact("Mariachi Lopezville", names) == "Mariachi Lopezville"


def test_a_listed_name_is_in_no_output(app, db):
    app.config["TODAY"] = date(2026, 3, 10)
    profile = make_profile(legal_name="Jordan Peer")
    reviewer = make_user(Role.REVIEWER, email="staff@example.org")
    public = app.test_client()
    public.post(
        "/complaints/new",
        data={
            "respondent_type": "peer",
            "respondent_name": "Jordan Peer",
            "certification_number": profile.certification_number,
            "nature": f"The peer shared {LISTED}'s diagnosis with her employer.",
            "complainant_contact": "robin@example.org",
        },
    )
    complaint = db.session.scalar(select(Complaint))
    assert LISTED in complaint.nature  # the evidence is kept as written
    client = app.test_client()
    login(client, reviewer)
    base = f"/complaints/{complaint.id}"
    client.post(f"{base}/names", data={"name-name": "Maria Lopez Hernandez"})
    reference = f"R{complaint.id}-1"
    client.post(f"{base}/investigate")
    client.post(f"{base}/activity", data={"activity-text": f"Called {LISTED} (care recipient)."})
    client.post(
        f"{base}/respondent",
        data={"respondent-certification_number": profile.certification_number},
    )
    client.post(
        f"{base}/decide",
        data={
            "decision-outcome": "suspend",
            "decision-reason": "Disclosed maria lopez-hernandez's record without consent.",
            "decision-lock_version": str(db.session.get(Complaint, complaint.id).lock_version),
        },
    )
    db.session.expire_all()
    assert db.session.get(Complaint, complaint.id).state == "decided"

    outputs = {
        "log page": client.get("/complaints").get_data(as_text=True),
        "log search": client.get("/complaints?text=Jordan").get_data(as_text=True),
        "complaint page": client.get(base).get_data(as_text=True),
        "CSV": client.get("/complaints.csv").get_data(as_text=True),
        "appeals log": client.get("/review/appeals").get_data(as_text=True),
    }
    emails = db.session.scalars(select(OutboxEmail)).all()
    assert any("Disclosed" in e.body for e in emails)  # the letters went out
    for e in emails:
        outputs[f"email to {e.recipient}: {e.subject}"] = f"{e.subject}\n{e.body}"
    for person in ("staff@example.org", profile.user.email):
        outputs[f"export of {person}"] = json.dumps(
            export_person(db.session, person), default=str, ensure_ascii=False
        )
    admin = make_user(Role.ADMIN)
    staff = app.test_client()
    login(staff, admin)
    outputs["audit page"] = staff.get("/admin/audit").get_data(as_text=True)
    outputs["audit CSV"] = staff.get("/admin/audit.csv").get_data(as_text=True)

    leaks = [where for where, text in outputs.items() if not _absent(text)]
    assert leaks == []
    assert reference in outputs["complaint page"] and reference in outputs["CSV"]
    assert any(reference in e.body for e in emails)
    # The staff's confidentiality list is the one page that shows the name.
    assert "Maria Lopez Hernandez" in client.get(f"{base}/names").get_data(as_text=True)


def test_a_name_listed_later_leaves_the_unsent_emails_too(app, db):
    reviewer = make_user(Role.REVIEWER)
    complaint = make_complaint(nature="x")
    services.investigate(db.session, complaint, reviewer, today=date(2026, 3, 3))
    services.extend(
        db.session,
        complaint,
        reviewer,
        DEFAULT_POLICY,
        today=date(2026, 5, 20),
        days=30,
        reason="We must still hear Pat Recipient.",
    )
    services.add_confidential_name(db.session, complaint, reviewer, name="Pat Recipient")
    bodies = [e.body for e in db.session.scalars(select(OutboxEmail))]
    assert not any("Pat Recipient" in b for b in bodies)
    assert any(f"R{complaint.id}-1" in b for b in bodies)


def test_a_typed_name_unlike_the_holders_blocks_the_registry_until_confirmed(app, db):
    profile = make_profile(legal_name="Jordan Peer")
    reviewer = make_user(Role.REVIEWER)
    data = services.ComplaintInput(
        respondent_type="peer",
        respondent_name="Casey Other",
        certification_number=profile.certification_number,
        nature="Something happened.",
    )
    complaint = services.file_complaint(db.session, DEFAULT_POLICY, data, today=date(2026, 3, 2))
    services.investigate(db.session, complaint, reviewer, today=date(2026, 3, 3))
    assert complaint.respondent_typed_name == "Casey Other" and services.identity_mismatch(
        complaint
    )
    with pytest.raises(Conflict, match=r"“Casey Other”.*“Jordan Peer”"):
        decide_complaint(
            complaint, reviewer, today=date(2026, 3, 9), outcome="suspend", reason="Proven."
        )
    assert profile.status == "active" and complaint.state == "investigating"
    with pytest.raises(DomainError, match="say how you confirmed"):
        services.confirm_respondent(
            db.session,
            complaint,
            reviewer,
            certification_number=profile.certification_number,
            note="",
        )
    page_client = app.test_client()
    login(page_client, reviewer)
    page = page_client.get(f"/complaints/{complaint.id}").get_data(as_text=True)
    assert "Casey Other" in page and "Jordan Peer" in page and "The names differ" in page
    services.confirm_respondent(
        db.session,
        complaint,
        reviewer,
        certification_number=profile.certification_number,
        note="Casey Other is the name the peer uses at work; the employer confirmed.",
    )
    decide_complaint(
        complaint, reviewer, today=date(2026, 3, 9), outcome="suspend", reason="Proven."
    )
    assert profile.status == "suspended" and complaint.respondent_typed_name == "Casey Other"
    confirmed = db.session.scalar(
        select(AuditEvent).where(AuditEvent.action == "confirm_respondent")
    )
    assert confirmed.actor_id == reviewer.id


def test_the_respondent_sees_a_complaint_only_once_notified(app, db):
    profile = make_profile()
    reviewer = make_user(Role.REVIEWER)
    complaint = make_complaint(profile=profile)
    services.investigate(db.session, complaint, reviewer, today=date(2026, 3, 3))
    db.session.commit()
    peer = app.test_client()
    login(peer, profile.user)
    url = f"/complaints/outcome/{complaint.reference}"
    assert peer.get(url).status_code == 404
    assert peer.get(f"/complaints/{complaint.id}/appeal").status_code == 404
    decide_complaint(
        complaint, reviewer, today=date(2026, 3, 9), outcome="suspend", reason="Proven."
    )
    db.session.commit()
    assert peer.get(url).status_code == 200


def test_references_are_random_and_not_sequential(db):
    references = [make_complaint(nature="x").reference for _ in range(5)]
    assert all(
        re.fullmatch(r"C\d\d-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}", r)
        for r in references
    )
    assert len(set(r[4:] for r in references)) == 5
