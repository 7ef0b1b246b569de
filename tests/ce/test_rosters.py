"""Providers post completions from a roster onto peers' CE records: matching, refusals, the
peer's own copy taken over, all or nothing, disputes, access."""

from __future__ import annotations

import io
from datetime import date

import pytest
from flask import current_app
from sqlalchemy import select

from app.audit.models import AuditEvent
from app.auth.models import Role
from app.ce import rosters, services
from app.ce.roster_models import ReportedCompletion
from app.ce.rules import CEEntry
from app.errors import Conflict, DomainError, NotFound
from app.extensions import db
from app.policy import DEFAULT_POLICY
from app.registry.models import CertificationRecord
from app.reports.models import TrainingRecord
from tests.ce.factories import make_entry, make_profile
from tests.factories import login, make_user
from tests.submissions.factories import make_curriculum
from tests.workbooks import make_xlsx

TODAY = date(2026, 3, 1)
CE_SYLLABUS = "---\nprogram: ce\n---\n## Boundaries and ethics (3 hours)\nLaw and ethics\n"
HEADER = "certification_number,name,completed_on,hours\n"


@pytest.fixture
def course(app, db):
    provider = make_user(Role.PROVIDER)
    return make_curriculum(
        provider, state="approved", program="ce", title="Boundaries CE", text=CE_SYLLABUS
    )


def _roster(*rows: str) -> str:
    """A roster CSV: the header, then each row (number,name,completed_on,hours) on its line."""
    return HEADER + "".join(f"{row}\n" for row in rows)


def _preview(course, text: str | bytes, name: str = "roster.csv", *, provider):
    """``provider``'s preview of the roster ``text`` for ``course``, committed."""
    data = text.encode() if isinstance(text, str) else text
    posting = rosters.preview(
        db.session,
        course,
        provider,
        (data, name),
        today=TODAY,
        upload_dir=current_app.config["UPLOAD_DIR"],
        max_bytes=2 * 1024 * 1024,
    )
    db.session.commit()
    return posting


def _owner(db, course):
    from app.auth.models import User

    return db.session.scalar(
        select(User).where(
            User.organization_id == course.organization_id, User.role == Role.PROVIDER
        )
    )


def _outcomes(posting) -> dict[int, tuple[str, str]]:
    return {line["line"]: (line["outcome"], line["reason"]) for line in posting.lines}


def _summary(profile):
    return services.summary_for(profile, DEFAULT_POLICY, TODAY)


def test_rows_match_on_number_and_name_whatever_accents_and_case(app, db, course):
    maria = make_profile(legal_name="María López-Hernández", issued_on=date(2025, 3, 1))
    sam = make_profile(legal_name="Sam Lee", issued_on=date(2025, 3, 1))
    provider = _owner(db, course)
    posting = _preview(
        course,
        _roster(
            f"{maria.certification_number},maria lopez hernandez,01/15/2026,3",
            f"{sam.certification_number},Samuel Lee,2026-01-15,3",
            "MPSS999999,Nobody,2026-01-15,3",
            f"{sam.certification_number},Sam Lee,2026-05-01,3",
        ),
        provider=provider,
    )
    outcomes = _outcomes(posting)
    assert outcomes[2] == ("ready", "")
    assert outcomes[3][0] == "refused" and "does not match the registry's name" in outcomes[3][1]
    assert outcomes[4][0] == "refused" and "not in the registry" in outcomes[4][1]
    assert outcomes[5][0] == "refused" and "in the future" in outcomes[5][1]
    assert maria.entries == []  # a preview posts nothing

    assert rosters.post(db.session, posting, provider, {2}, today=TODAY) == 1
    db.session.commit()
    db.session.refresh(maria)
    (entry,) = maria.entries
    assert (entry.title, entry.provider, entry.source, entry.hours) == (
        "Boundaries CE",
        course.organization.name,
        "calmhsa_ce_provider",
        3.0,
    )
    assert entry.start_date == date(2026, 1, 15)
    assert _summary(maria)["total_hours"] == 3.0
    assert sam.entries == []
    # Counted in the DHCS roster too (App. E), by certification number.
    (training,) = db.session.scalars(select(TrainingRecord)).all()
    assert training.person == maria.certification_number.lower()
    actions = set(db.session.scalars(select(AuditEvent.action)))
    assert {"report_completion", "post_roster"} <= actions


def test_hours_beyond_the_approved_course_and_bad_cells_are_refused(app, db, course):
    peer = make_profile(legal_name="Ana Ruiz")
    posting = _preview(
        course,
        _roster(
            f"{peer.certification_number},Ana Ruiz,2026-01-15,4",
            f"{peer.certification_number},Ana Ruiz,31/01/2026,3",
            ",Ana Ruiz,2026-01-15,3",
            f"{peer.certification_number},Ana Ruiz,2026-01-15,about 3",
        ),
        provider=_owner(db, course),
    )
    outcomes = _outcomes(posting)
    assert "more than the course's approved 3 hours" in outcomes[2][1]
    assert "day/month" in outcomes[3][1]
    assert "certification number is missing" in outcomes[4][1]
    assert "not exact" in outcomes[5][1]
    assert {o for o, _ in outcomes.values()} == {"refused"}


def test_the_peers_own_copy_is_taken_over_and_never_counted_twice(app, db, course):
    peer = make_profile(legal_name="Jordan Peer")
    typed = make_entry(
        peer,
        title="boundaries ce",
        provider=course.organization.name,
        start_date=date(2026, 1, 15),
        hours=2.5,
    )
    provider = _owner(db, course)
    posting = _preview(
        course,
        _roster(f"{peer.certification_number},Jordan Peer,2026-01-15,3"),
        provider=provider,
    )
    assert _outcomes(posting)[2] == ("takes_over", "")
    rosters.post(db.session, posting, provider, {2}, today=TODAY)
    db.session.commit()
    db.session.refresh(peer)
    assert [e.id for e in peer.entries] == [typed.id]
    assert peer.entries[0].hours == 3.0 and peer.entries[0].title == "Boundaries CE"
    reported = rosters.reported_entry(db.session, typed.id)
    assert reported.peer_values["hours"] == 2.5
    assert _summary(peer)["total_hours"] == 3.0

    # The same roster again: already reported, nothing can be posted.
    again = _preview(
        course,
        _roster(f"{peer.certification_number},Jordan Peer,2026-01-15,3"),
        provider=provider,
    )
    assert _outcomes(again)[2][0] == "already"
    with pytest.raises(DomainError, match="at least one row"):
        rosters.post(db.session, again, provider, {2}, today=TODAY)


def test_posting_is_all_or_nothing_when_records_changed_since_the_preview(app, db, course):
    one = make_profile(legal_name="Kim One")
    two = make_profile(legal_name="Lee Two")
    provider = _owner(db, course)
    posting = _preview(
        course,
        _roster(
            f"{one.certification_number},Kim One,2026-01-10,3",
            f"{two.certification_number},Lee Two,2026-01-10,3",
        ),
        provider=provider,
    )
    db.session.get(CertificationRecord, two.record_id).legal_name = "Lee Renamed"
    db.session.commit()
    with pytest.raises(Conflict, match="nothing was posted"):
        rosters.post(db.session, posting, provider, {2, 3}, today=TODAY)
    db.session.rollback()
    assert db.session.scalars(select(ReportedCompletion)).all() == []
    assert rosters.post(db.session, posting, provider, {2}, today=TODAY) == 1
    db.session.commit()
    assert _outcomes(posting)[3][0] == "not_chosen"
    with pytest.raises(Conflict, match="already posted"):
        rosters.post(db.session, posting, provider, {2}, today=TODAY)


def test_an_xlsx_roster_is_read_like_a_csv(app, db, course):
    peer = make_profile(legal_name="Dana Díaz")
    data = make_xlsx(
        [
            ["Certification Number", "Name", "Completion Date", "Hours"],
            [peer.certification_number, "DANA DIAZ", date(2026, 2, 1), 3],
            [peer.certification_number, "Dana Díaz", "02/30/2026", 3],
        ]
    )
    posting = _preview(course, data, "roster.xlsx", provider=_owner(db, course))
    outcomes = _outcomes(posting)
    assert outcomes[2] == ("ready", "")
    assert "February 2026 has 28 days" in outcomes[3][1]


def test_a_roster_that_cannot_be_read_stores_nothing(app, db, course, tmp_path):
    provider = _owner(db, course)
    for data, name, says in [
        (b"who,when\nx,y\n", "roster.csv", "header row"),
        (
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64,
            "roster.xls",
            "save it as .xlsx or CSV",
        ),
        (HEADER.encode(), "roster.csv", "no rows"),
    ]:
        with pytest.raises(DomainError) as raised:
            _preview(course, data, name, provider=provider)
        assert says.lower() in str(raised.value).lower()
    uploads = tmp_path / "uploads"
    assert not uploads.exists() or list(uploads.iterdir()) == []


def test_a_peer_disputes_a_reported_entry_and_cannot_edit_it(app, db, course):
    peer = make_profile(legal_name="Robin Park")
    provider = _owner(db, course)
    posting = _preview(
        course,
        _roster(f"{peer.certification_number},Robin Park,2026-01-20,3"),
        provider=provider,
    )
    rosters.post(db.session, posting, provider, {2}, today=TODAY)
    db.session.commit()
    db.session.refresh(peer)
    (entry,) = peer.entries
    with pytest.raises(DomainError, match="Say what is wrong"):
        rosters.dispute(db.session, peer, entry.id, "   ")
    other = make_profile(legal_name="Someone Else")
    with pytest.raises(NotFound):
        rosters.dispute(db.session, other, entry.id, "not mine")
    rosters.dispute(db.session, peer, entry.id, "I left after the first hour.")
    db.session.commit()
    (disputed,) = rosters.disputes(db.session, course.organization_id)
    assert disputed.dispute_reason == "I left after the first hour."
    assert rosters.disputes(db.session, course.organization_id + 1000) == []
    event = db.session.scalar(
        select(AuditEvent).where(AuditEvent.action == "dispute_reported_entry")
    )
    assert event.actor_id == peer.user_id and event.subject_id == entry.id
    with pytest.raises(Conflict, match="reported by its provider"):
        services.save_entry(
            db.session, peer, entry, CEEntry(title="x", provider="y", start_date=date(2026, 1, 1))
        )
    with pytest.raises(Conflict, match="reported by its provider"):
        services.delete_entry(db.session, peer, entry)


def test_only_the_courses_provider_previews_and_posts(app, db, course):
    peer = make_profile(legal_name="Robin Park")
    owner = _owner(db, course)
    stranger = make_user(Role.PROVIDER)
    posting = _preview(
        course,
        _roster(f"{peer.certification_number},Robin Park,2026-01-20,3"),
        provider=owner,
    )
    with pytest.raises(NotFound):
        rosters.course_of(db.session, stranger, course.id)
    with pytest.raises(NotFound):
        rosters.posting_of(db.session, stranger, posting.id)
    draft = make_curriculum(owner, state="draft", program="ce", title="Draft", text=CE_SYLLABUS)
    with pytest.raises(NotFound):
        rosters.course_of(db.session, owner, draft.id)

    client = app.test_client()
    login(client, stranger)
    roster = _roster(f"{peer.certification_number},Robin Park,2026-01-20,3").encode()
    assert client.get(f"/provider/courses/{course.id}/completions").status_code == 404
    assert (
        client.post(
            f"/provider/courses/{course.id}/completions",
            data={"file": (io.BytesIO(roster), "roster.csv")},
            content_type="multipart/form-data",
        ).status_code
        == 404
    )
    assert client.post(f"/provider/completions/{posting.id}", data={"line": "2"}).status_code == 404
    assert db.session.scalars(select(ReportedCompletion)).all() == []


def test_a_typed_entry_under_a_records_review_is_not_taken_over(app, db, course):
    from app.ce.models import CEAudit, CEAuditSelection

    peer = make_profile(legal_name="Jo Reviewed")
    make_entry(
        peer, title="Boundaries CE", provider=course.organization.name, start_date=date(2026, 1, 15)
    )
    reviewer = make_user(Role.REVIEWER)
    audit = CEAudit(
        drawn_by_id=reviewer.id,
        window_start=date(2027, 1, 1),
        window_end=date(2027, 3, 31),
        method="count",
        amount=1,
        seed=1,
        population=[peer.id],
        selected=[peer.id],
    )
    db.session.add(audit)
    db.session.flush()
    db.session.add(
        CEAuditSelection(
            audit_id=audit.id,
            profile_id=peer.id,
            due_on=date(2026, 3, 11),
            period_start=date(2025, 3, 1),
            period_end=date(2027, 3, 1),
        )
    )
    db.session.commit()
    posting = _preview(
        course,
        _roster(f"{peer.certification_number},Jo Reviewed,2026-01-15,3"),
        provider=_owner(db, course),
    )
    outcome, reason = _outcomes(posting)[2]
    assert outcome == "refused" and "records review" in reason
