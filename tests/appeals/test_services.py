"""The shared appeal services: evidence files (§702.2.A), the acknowledgement of receipt (§805.5)
and the letter date a reviewer enters."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from app.appeals import services as appeals
from app.appeals.models import AppealFile
from app.audit.models import AuditEvent
from app.errors import Conflict, DomainError, Forbidden, NotFound
from app.notifications.models import OutboxEmail
from app.policy import DEFAULT_POLICY
from app.uploads import UploadError
from tests.appeals.conftest import PDF
from tests.submissions.factories import decide_appeal, file_appeal, settle

LIMIT = 1024 * 1024


def _file(db, curriculum, provider):
    return file_appeal(
        curriculum,
        provider,
        nature="The practicum hours were miscounted.",
        contact="Bo Lee, bo.lee@example.org",
    )


def _events(db, action):
    return db.session.scalars(db.select(AuditEvent).where(AuditEvent.action == action)).all()


def _stored(app) -> list[Path]:
    folder = Path(app.config["UPLOAD_DIR"])
    return sorted(folder.glob("*")) if folder.exists() else []


def test_evidence_is_stored_under_generated_names_and_each_file_audited(app, db, people, denied):
    item = _file(db, denied, people["provider"])
    rows = appeals.add_evidence(
        db.session,
        item,
        people["provider"],
        [(PDF, "../../minutes.pdf"), (b"Hours per day, signed.", "hours.txt")],
        today=date(2026, 3, 1),
        upload_dir=app.config["UPLOAD_DIR"],
        max_bytes=LIMIT,
    )
    assert [r.original_name for r in rows] == ["minutes.pdf", "hours.txt"]
    assert [f.original_name for f in item.files] == ["minutes.pdf", "hours.txt"]
    assert all(r.stored_name != r.original_name and len(r.stored_name) > 32 for r in rows)
    assert {p.name for p in _stored(app)} == {r.stored_name for r in rows}
    audited = _events(db, "appeal_evidence")
    assert [e.reason for e in audited] == ["minutes.pdf", "hours.txt"]
    assert {e.details["file_id"] for e in audited} == {r.id for r in rows}
    assert all(e.actor_id == people["provider"].id for e in audited)


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        ((b"MZ\x90\x00", "tool.exe"), r"tool\.exe: Files of type \.exe are not accepted"),
        ((b"plain text", "fake.pdf"), r"fake\.pdf: .*not a PDF"),
        ((b"x" * (LIMIT + 1), "big.txt"), r"big\.txt: The file is larger than the limit of 1 MB"),
        ((b"", "empty.txt"), r"empty\.txt: The file is empty"),
    ],
)
def test_a_refused_file_keeps_nothing_not_even_the_good_ones(
    app, db, people, denied, upload, message
):
    item = _file(db, denied, people["provider"])
    with pytest.raises(UploadError, match=message):
        appeals.add_evidence(
            db.session,
            item,
            people["provider"],
            [(PDF, "good.pdf"), upload],
            today=date(2026, 3, 1),
            upload_dir=app.config["UPLOAD_DIR"],
            max_bytes=LIMIT,
        )
    assert _stored(app) == []
    assert db.session.scalars(db.select(AppealFile)).all() == []
    assert _events(db, "appeal_evidence") == []


def test_only_the_appellant_adds_evidence_and_only_while_the_appeal_is_open(
    app, db, people, denied
):
    item = _file(db, denied, people["provider"])
    add = lambda user: appeals.add_evidence(  # noqa: E731
        db.session,
        item,
        user,
        [(PDF, "a.pdf")],
        today=date(2026, 3, 1),
        upload_dir=app.config["UPLOAD_DIR"],
        max_bytes=LIMIT,
    )
    for outsider in (people["other"], people["peer"]):
        with pytest.raises(NotFound):
            add(outsider)
    with pytest.raises(Forbidden, match="Only the appellant"):
        add(people["reviewer"])
    settle(denied, people["reviewer2"])
    decide_appeal(
        denied,
        people["reviewer2"],
        today=item.requested_on,
        uphold_denial=True,
        reason="The hours are short.",
    )
    with pytest.raises(Conflict, match="decided"):
        add(people["provider"])
    assert _stored(app) == []


def test_who_sees_an_appeal(db, people, denied):
    item = _file(db, denied, people["provider"])
    assert appeals.can_see(item, people["provider"])
    assert appeals.can_see(item, people["reviewer"])
    assert not appeals.can_see(item, people["other"])
    assert not appeals.can_see(item, people["peer"])
    with pytest.raises(NotFound):
        appeals.visible(db.session, people["other"], item.id)
    with pytest.raises(NotFound):
        appeals.evidence_file(item, 12345)


def test_receipt_is_acknowledged_once_to_the_appellant(db, people, denied):
    item = _file(db, denied, people["provider"])
    today = item.requested_on
    link = f"https://example.org/appeals/{item.id}"
    assert appeals.acknowledge(db.session, item, DEFAULT_POLICY, today=today, appellant_link=link)
    assert not appeals.acknowledge(
        db.session, item, DEFAULT_POLICY, today=today, appellant_link=link
    )
    assert item.acknowledged_on == today
    emails = db.session.scalars(db.select(OutboxEmail)).all()
    received = [e for e in emails if e.subject == "Appeal received: Core training"]
    # the requester, and the address in the contact line: each once
    assert sorted(e.recipient for e in received) == sorted(
        [people["provider"].email, "bo.lee@example.org"]
    )
    assert all(link in e.body and "§805.6" in e.body for e in received)
    due = today + timedelta(days=90)
    assert f"{due:%B %d, %Y}" in received[0].body
    # The reviewers who must act are told on filing (app.alerts.notify, tests/inbox).
    [event] = _events(db, "acknowledge_appeal")
    assert event.subject_id == denied.id and event.details["appeal_id"] == item.id


def _decided(db, people, denied):
    item = _file(db, denied, people["provider"])
    settle(denied, people["reviewer2"])
    decide_appeal(
        denied,
        people["reviewer2"],
        today=date(2026, 3, 10),
        uphold_denial=True,
        reason="The hours are short.",
    )
    return item


def test_the_decision_leaves_the_letter_date_to_be_entered(db, people, denied):
    item = _decided(db, people, denied)
    assert item.disposition_on == date(2026, 3, 10) and item.letter_sent_on is None


@pytest.mark.parametrize(
    ("sent_on", "message"),
    [
        (date(2026, 3, 13), "in the future"),
        (date(2026, 3, 9), "before the decision of March 10, 2026"),
        (None, "Give the date"),
    ],
)
def test_a_letter_date_in_the_future_or_before_the_decision_is_refused(
    db, people, denied, sent_on, message
):
    item = _decided(db, people, denied)
    with pytest.raises(DomainError, match=message):
        appeals.record_letter(
            db.session, item, people["reviewer"], sent_on=sent_on, today=date(2026, 3, 12)
        )
    assert item.letter_sent_on is None and _events(db, "record_appeal_letter") == []


def test_the_letter_date_is_recorded_by_a_reviewer_and_audited(db, people, denied):
    item = _decided(db, people, denied)
    with pytest.raises(Forbidden):
        appeals.record_letter(
            db.session, item, people["provider"], sent_on=date(2026, 3, 11), today=date(2026, 3, 12)
        )
    appeals.record_letter(
        db.session, item, people["reviewer"], sent_on=date(2026, 3, 11), today=date(2026, 3, 12)
    )
    assert item.letter_sent_on == date(2026, 3, 11)
    assert item.letter_recorded_by_id == people["reviewer"].id
    [event] = _events(db, "record_appeal_letter")
    assert (
        event.details["letter_sent_on"] == "2026-03-11" and event.actor_id == people["reviewer"].id
    )


def test_no_letter_date_before_the_appeal_is_decided(db, people, denied):
    item = _file(db, denied, people["provider"])
    with pytest.raises(DomainError, match="not decided"):
        appeals.record_letter(
            db.session, item, people["reviewer"], sent_on=item.requested_on, today=item.requested_on
        )
