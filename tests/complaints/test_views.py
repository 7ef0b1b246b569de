"""Complaint pages: the public form, the log with filters, pages and CSV, the investigation page,
and the catalogue and provider list reacting to a suspension in the same request."""

from __future__ import annotations

import csv
import io
from datetime import date

from sqlalchemy import insert, select

from app.auth.models import Role
from app.complaints.models import Complaint
from app.notifications.models import OutboxEmail
from tests.budgets import cpu_time
from tests.ce.factories import make_profile
from tests.complaints.factories import make_complaint
from tests.factories import login, make_organization, make_user
from tests.queries import counting
from tests.submissions.factories import make_curriculum

CE_SYLLABUS = "---\nprogram: ce\n---\n## Boundaries (3 hours)\nLaw and ethics\n"


def _form(organization, **changes):
    data = {
        "respondent_type": "provider",
        "organization_id": str(organization.id),
        "nature": "The course certificate listed hours that were never taught.",
        "complainant_contact": "robin@example.org",
    }
    data.update(changes)
    return data


def test_anyone_files_a_complaint_with_a_document_and_gets_a_reference(app, client, db, tmp_path):
    organization = make_organization("Bright Path")
    data = _form(organization)
    data["file"] = (io.BytesIO(b"%PDF-1.4 evidence"), "evidence.pdf")
    response = client.post("/complaints/new", data=data, content_type="multipart/form-data")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    complaint = db.session.scalar(select(Complaint))
    assert complaint.reference in page and "robin@example.org" in page
    [document] = complaint.documents
    assert document.original_name == "evidence.pdf" and document.stored_name != "evidence.pdf"
    assert (tmp_path / "uploads" / document.stored_name).read_bytes() == b"%PDF-1.4 evidence"
    ack = db.session.scalar(select(OutboxEmail).where(OutboxEmail.recipient == "robin@example.org"))
    assert complaint.reference in ack.subject


def test_a_refused_form_keeps_what_was_typed(client, db):
    organization = make_organization("Bright Path")
    response = client.post("/complaints/new", data=_form(organization, nature=""))
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "robin@example.org" in page and "There is a problem" in page
    assert db.session.scalar(select(Complaint)) is None


def test_the_public_form_is_rate_limited(app, client, db):
    organization = make_organization()
    for _ in range(5):
        assert client.post("/complaints/new", data=_form(organization)).status_code == 200
    assert client.post("/complaints/new", data=_form(organization)).status_code == 429


def test_the_log_filters_pages_and_exports(app, db):
    reviewer = make_user(Role.REVIEWER)
    client = app.test_client()
    login(client, reviewer)
    organization = make_organization("Bright Path")
    make_complaint(organization=organization, received_on=date(2026, 1, 5))
    make_complaint(received_on=date(2026, 2, 5), nature="Asked a client for money")
    page = client.get("/complaints?respondent_type=peer").get_data(as_text=True)
    assert "Sam Doe" in page and "Bright Path (provider)" not in page
    exported = client.get("/complaints.csv?received_to=2026-01-31")
    rows = list(csv.reader(io.StringIO(exported.get_data(as_text=True))))
    assert rows[0][1] == "A. Date submitted" and rows[0][11] == "K. Registry updated"
    assert [r[2] for r in rows[1:]] == ["Bright Path (provider)"]


def test_the_confidential_names_are_shown_only_to_staff(app, db):
    reviewer = make_user(Role.REVIEWER)
    complaint = make_complaint(organization=make_organization())
    client = app.test_client()
    login(client, reviewer)
    client.post(f"/complaints/{complaint.id}/names", data={"name-name": "Pat Recipient"})
    page = client.get(f"/complaints/{complaint.id}").get_data(as_text=True)
    assert f"R{complaint.id}-1" in page and "Pat Recipient" not in page
    listed = client.get(f"/complaints/{complaint.id}/names").get_data(as_text=True)
    assert f"R{complaint.id}-1" in listed and "Pat Recipient" in listed
    assert app.test_client().get(f"/complaints/{complaint.id}/names").status_code in (302, 401)
    peer = app.test_client()
    login(peer, make_user(Role.PEER))
    assert peer.get(f"/complaints/{complaint.id}").status_code == 403


def test_suspension_takes_the_course_out_of_the_catalogue_in_the_same_request(app, db):
    app.config["TODAY"] = date(2026, 3, 10)
    organization = make_organization("Bright Path")
    provider = make_user(Role.PROVIDER, organization=organization)
    course = make_curriculum(
        provider, state="approved", program="ce", title="Boundaries CE", text=CE_SYLLABUS
    )
    complaint = make_complaint(organization=organization)
    reviewer, peer = app.test_client(), app.test_client()
    login(reviewer, make_user(Role.REVIEWER))
    profile = make_profile()
    login(peer, profile.user)
    assert "Boundaries CE" in peer.get("/ce/catalogue").get_data(as_text=True)
    reviewer.post(f"/complaints/{complaint.id}/investigate")
    response = reviewer.post(
        f"/complaints/{complaint.id}/decide",
        data={"decision-outcome": "suspend", "decision-reason": "Hours misreported."},
        follow_redirects=True,
    )
    assert "status is updated" in response.get_data(as_text=True)
    assert "Approval suspended" in peer.get("/providers").get_data(as_text=True)
    assert "Boundaries CE" not in peer.get("/ce/catalogue").get_data(as_text=True)
    refused = peer.get(f"/ce/entries/new?curriculum={course.id}", follow_redirects=True)
    assert "approval is suspended" in refused.get_data(as_text=True)


def test_an_expired_approval_leaves_the_catalogue_with_the_reason(app, db):
    app.config["TODAY"] = date(2028, 1, 2)  # approved 2026-01-01, valid two years (§803.4)
    course = make_curriculum(state="approved", program="ce", title="Old CE", text=CE_SYLLABUS)
    peer = app.test_client()
    login(peer, make_profile().user)
    assert "Old CE" not in peer.get("/ce/catalogue").get_data(as_text=True)
    refused = peer.get(f"/ce/entries/new?curriculum={course.id}", follow_redirects=True)
    assert "expired on January 01, 2028" in refused.get_data(as_text=True)


def _bulk(db, count: int, start: int) -> None:
    db.session.execute(
        insert(Complaint),
        [
            {
                "reference": f"CB-{start + i}",
                "state": "received",
                "lock_version": 1,
                "received_on": date(2026, 1, 1),
                "respondent_type": "peer",
                "respondent_name": f"Peer {start + i}",
                "employer_name": "",
                "complainant_name": "",
                "complainant_contact": "",
                "nature": "x",
                "activities": [{"on": "2026-01-01", "what": "Complaint received"}],
                "outcome": "",
                "disposition": "",
                "extended_days": 0,
                "extension_reason": "",
            }
            for i in range(count)
        ],
    )
    db.session.commit()


def test_the_log_page_makes_as_many_queries_for_thousands_as_for_ten(app, db):
    client = app.test_client()
    login(client, make_user(Role.REVIEWER))
    _bulk(db, 10, 0)
    with counting(db.engine) as small:
        assert client.get("/complaints").status_code == 200
    _bulk(db, 4990, 10)
    with cpu_time() as spent, counting(db.engine) as large:
        assert client.get("/complaints?page=50").status_code == 200
    assert len(small) == len(large), (len(small), len(large))
    # CPU time, not the wall clock: a page that read all 5,000 rows would spend far more.
    print(f"complaints log, page 50 of 5,000: {spent.seconds:.2f} s of CPU")
    assert spent.seconds < 1, spent.seconds


def test_reviewers_download_a_complaint_document_and_only_of_that_complaint(app, db):
    organization = make_organization()
    public = app.test_client()
    data = _form(organization)
    data["file"] = (io.BytesIO(b"%PDF-1.4 statement"), "statement.pdf")
    public.post("/complaints/new", data=data, content_type="multipart/form-data")
    complaint = db.session.scalar(select(Complaint))
    other = make_complaint(organization=organization)
    stored = complaint.documents[0].stored_name
    reviewer = app.test_client()
    login(reviewer, make_user(Role.REVIEWER))
    response = reviewer.get(f"/complaints/{complaint.id}/documents/{stored}")
    assert response.status_code == 200 and response.data == b"%PDF-1.4 statement"
    assert "attachment" in response.headers["Content-Disposition"]
    response.close()
    assert reviewer.get(f"/complaints/{other.id}/documents/{stored}").status_code == 404
