"""A person's export holds their data and not another person's: the one a complaint is about
does not receive the complainant's name, contact or statement; nobody receives the names of
care recipients."""

from __future__ import annotations

import json
from datetime import date

from app.auth.models import Role
from app.backup.person import export_person
from app.complaints import services as complaints
from app.complaints.models import Complaint
from tests.ce.factories import make_profile
from tests.complaints.factories import make_complaint
from tests.factories import make_user

STATEMENT = "Alex Complainant saw the peer share a client's diagnosis at the clinic."


def _complaint_about(profile, db):
    complaint = make_complaint(
        profile=profile, contact="alex.complainant@example.org", nature=STATEMENT
    )
    reviewer = make_user(Role.REVIEWER)
    complaints.investigate(db.session, complaint, reviewer, today=date(2026, 3, 3))
    complaints.add_confidential_name(db.session, complaint, reviewer, name="Pat Recipient")
    db.session.commit()
    return complaint, reviewer


def test_the_person_a_complaint_is_about_does_not_get_the_complainants_data(app, db):
    profile = make_profile(legal_name="Jordan Peer")
    complaint, _ = _complaint_about(profile, db)
    data = export_person(db.session, profile.user.email)
    text = json.dumps(data, default=str)
    assert "Alex" not in text and "alex.complainant@example.org" not in text
    assert STATEMENT not in text and "Pat Recipient" not in text
    (row,) = data["records"]["complaint"]
    assert row["reference"] == complaint.reference and row["via"] == "peer_profile_id"
    assert {"complainant_name", "complainant_contact", "nature"} <= set(row["withheld"])
    assert data["records"]["peer_profile"][0]["legal_name"] == "Jordan Peer"  # their own data


def test_the_investigator_gets_neither_party_statement_nor_care_recipients(app, db):
    profile = make_profile(legal_name="Jordan Peer")
    _, reviewer = _complaint_about(profile, db)
    text = json.dumps(export_person(db.session, reviewer.email), default=str)
    assert "alex.complainant@example.org" not in text and STATEMENT not in text
    assert "Pat Recipient" not in text


def test_the_complainant_gets_their_own_statement(app, db):
    profile = make_profile(legal_name="Jordan Peer")
    complaint, _ = _complaint_about(profile, db)
    complainant = make_user(Role.PEER)
    row = db.session.get(Complaint, complaint.id)
    row.filed_by_id = complainant.id
    db.session.commit()
    (mine,) = export_person(db.session, complainant.email)["records"]["complaint"]
    assert mine["via"] == "filed_by_id" and mine["nature"] == STATEMENT
    assert mine["complainant_contact"] == "alex.complainant@example.org"
    assert mine["withheld"] == ["activities"]
