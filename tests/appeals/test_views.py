"""The appeal through the pages: filing with evidence, the acknowledgement shown, who may open and
download, evidence added while open, and the letter date a reviewer enters."""

from __future__ import annotations

import io
from datetime import timedelta

from app.appeals.models import Appeal, AppealFile
from app.notifications.models import OutboxEmail
from app.submissions.states import SubmissionState
from tests.appeals.conftest import PDF
from tests.factories import login
from tests.submissions.factories import decide_appeal, settle

STATEMENT = "The practicum hours were miscounted: see the signed sheet."


def _client(app, user):
    client = app.test_client()
    assert login(client, user).status_code == 302
    return client


def _post_appeal(client, curriculum, *files):
    return client.post(
        f"/curricula/{curriculum.id}/appeal",
        data={
            "nature": STATEMENT,
            "contact": "Bo Lee, 555-0100",
            "evidence": [(io.BytesIO(data), name) for data, name in files],
        },
        content_type="multipart/form-data",
    )


def test_filing_with_evidence_acknowledges_receipt_with_a_link(app, db, people, denied):
    provider = _client(app, people["provider"])
    answer = _post_appeal(provider, denied, (PDF, "sheet.pdf"), (b"Signed hours", "note.txt"))
    assert answer.status_code == 302
    item = db.session.scalar(db.select(Appeal))
    assert [f.original_name for f in item.files] == ["sheet.pdf", "note.txt"]
    assert item.acknowledged_on is not None
    [ack] = db.session.scalars(
        db.select(OutboxEmail)
        .where(OutboxEmail.recipient == people["provider"].email)
        .where(OutboxEmail.subject.startswith("Appeal received"))
    ).all()
    assert f"/appeals/{item.id}" in ack.body
    page = provider.get(f"/curricula/{denied.id}").get_data(as_text=True)
    assert "Receipt acknowledged on" in page and "sheet.pdf" in page
    assert f"/appeals/{item.id}" in page


def test_a_refused_file_files_nothing_and_keeps_the_statement(app, db, people, denied):
    provider = _client(app, people["provider"])
    answer = _post_appeal(provider, denied, (PDF, "sheet.pdf"), (b"MZ\x90", "setup.exe"))
    assert answer.status_code == 400
    page = answer.get_data(as_text=True)
    assert "setup.exe: Files of type .exe are not accepted here" in page
    assert STATEMENT in page and "Bo Lee, 555-0100" in page
    assert db.session.scalar(db.select(Appeal)) is None
    assert db.session.scalars(db.select(AppealFile)).all() == []
    db.session.refresh(denied)
    assert denied.state == SubmissionState.DENIED


def test_only_the_appellant_and_reviewers_open_the_appeal_and_its_files(app, db, people, denied):
    _post_appeal(_client(app, people["provider"]), denied, (PDF, "sheet.pdf"))
    item = db.session.scalar(db.select(Appeal))
    [evidence] = item.files
    page, download = f"/appeals/{item.id}", f"/appeals/{item.id}/evidence/{evidence.id}"
    for user in ("provider", "reviewer"):
        client = _client(app, people[user])
        assert "sheet.pdf" in client.get(page).get_data(as_text=True)
        with client.get(download) as answer:
            assert answer.status_code == 200 and answer.data == PDF
            assert "attachment" in answer.headers["Content-Disposition"]
    for user in ("other", "peer"):
        client = _client(app, people[user])
        assert client.get(page).status_code == 404
        assert client.get(download).status_code == 404
    assert app.test_client().get(download).status_code == 302  # to the sign-in page


def test_evidence_added_while_open_and_refused_once_decided(app, db, people, denied):
    provider = _client(app, people["provider"])
    _post_appeal(provider, denied)
    item = db.session.scalar(db.select(Appeal))
    url = f"/appeals/{item.id}/evidence"
    added = provider.post(
        url, data={"evidence": [(io.BytesIO(PDF), "late.pdf")]}, content_type="multipart/form-data"
    )
    assert added.status_code == 302
    assert [f.original_name for f in item.files] == ["late.pdf"]
    refused = provider.post(
        url,
        data={"evidence": [(io.BytesIO(b"not a pdf"), "bad.pdf")]},
        content_type="multipart/form-data",
    )
    assert refused.status_code == 400 and "bad.pdf: " in refused.get_data(as_text=True)
    other = _client(app, people["other"])
    assert other.post(url, data={}, content_type="multipart/form-data").status_code == 404
    settle(denied, people["reviewer2"])
    decide_appeal(
        denied, people["reviewer2"], today=item.requested_on, uphold_denial=True, reason="Short."
    )
    db.session.commit()
    closed = provider.post(
        url, data={"evidence": [(io.BytesIO(PDF), "after.pdf")]}, content_type="multipart/form-data"
    )
    assert closed.status_code == 409
    assert len(db.session.scalars(db.select(AppealFile)).all()) == 1


def test_the_reviewer_enters_the_letter_date(app, db, people, denied):
    _post_appeal(_client(app, people["provider"]), denied)
    item = db.session.scalar(db.select(Appeal))
    settle(denied, people["reviewer2"])
    today = item.requested_on  # the day the page filed it
    decide_appeal(denied, people["reviewer2"], today=today, uphold_denial=True, reason="Short.")
    db.session.commit()
    reviewer = _client(app, people["reviewer"])
    url = f"/appeals/{item.id}/letter"
    future = (today + timedelta(days=400)).isoformat()
    refused = reviewer.post(url, data={"sent_on": future})
    assert refused.status_code == 400
    page = refused.get_data(as_text=True)
    assert "in the future" in page and f'value="{future}"' in page
    assert reviewer.post(url, data={"sent_on": ""}).status_code == 400
    assert reviewer.post(url, data={"sent_on": today.isoformat()}).status_code == 302
    db.session.refresh(item)
    assert item.letter_sent_on == today
    assert _client(app, people["other"]).post(url, data={"sent_on": today}).status_code == 404
