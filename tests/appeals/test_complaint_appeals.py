"""A complaint outcome's appeal takes evidence through the same package as a curriculum's: the
respondent attaches files when filing, the reviewer sees them on the complaint, nobody else can
download them."""

from __future__ import annotations

import io
from datetime import date

from app.appeals.models import Appeal
from app.auth.models import Role
from tests.appeals.conftest import PDF
from tests.ce.factories import make_profile
from tests.complaints.factories import make_suspended_complaint
from tests.factories import login, make_user


def _client(app, user):
    client = app.test_client()
    assert login(client, user).status_code == 302
    return client


def test_the_respondent_files_with_evidence_and_the_reviewer_downloads_it(app, db):
    app.config["TODAY"] = date(2026, 4, 5)
    reviewer, profile = make_user(Role.REVIEWER), make_profile()
    complaint = make_suspended_complaint(profile, reviewer)
    respondent = _client(app, profile.user)
    url = f"/complaints/outcome/{complaint.reference}"
    refused = respondent.post(
        url,
        data={
            "nature": "My statement, kept.",
            "contact": "Jo, jo@example.org",
            "evidence": [(io.BytesIO(b"<html>"), "page.html")],
        },
        content_type="multipart/form-data",
    )
    assert refused.status_code == 422
    text = refused.get_data(as_text=True)
    assert "page.html: Files of type .html are not accepted here" in text
    assert "My statement, kept." in text and db.session.scalar(db.select(Appeal)) is None
    filed = respondent.post(
        url,
        data={
            "nature": "My statement.",
            "contact": "Jo, jo@example.org",
            "evidence": [(io.BytesIO(PDF), "letter.pdf")],
        },
        content_type="multipart/form-data",
        follow_redirects=True,
    )
    assert "Your appeal is filed" in filed.get_data(as_text=True)
    item = db.session.scalar(db.select(Appeal))
    [evidence] = item.files
    assert item.acknowledged_on == date(2026, 4, 5)
    assert "letter.pdf" in filed.get_data(as_text=True)
    download = f"/appeals/{item.id}/evidence/{evidence.id}"
    staff = _client(app, reviewer)
    assert "letter.pdf" in staff.get(f"/complaints/{complaint.id}").get_data(as_text=True)
    with staff.get(download) as answer:
        assert answer.status_code == 200 and answer.data == PDF
    with respondent.get(download) as answer:
        assert answer.status_code == 200
    stranger = _client(app, make_profile().user)
    assert stranger.get(download).status_code == 404
    assert stranger.get(f"/appeals/{item.id}").status_code == 404
