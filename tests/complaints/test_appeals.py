"""Appeals of a complaint's suspension or revocation (§702, §807.1.B): who may file one and when,
the appeals log with its clock, and the reviewer's decision acting on the registry or the provider
list."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest
from sqlalchemy import select

from app.audit.models import AuditEvent
from app.auth.models import Role
from app.ce.rules import CertificationStatus
from app.complaints import appeals, services
from app.errors import Conflict, DomainError, NotFound
from app.notifications.models import OutboxEmail
from app.policy import DEFAULT_POLICY
from app.providers import services as providers
from app.providers.standing import Standing
from app.registry.models import CertificationRecord
from app.submissions import appeals as appeal_log
from app.submissions import services as submissions
from app.submissions.appeals import AppealType
from tests.ce.factories import make_profile
from tests.complaints.factories import investigate_and_decide, make_complaint
from tests.factories import login, make_organization, make_user

P = DEFAULT_POLICY
DECIDED_ON = date(2026, 4, 1)


def _decided(db, reviewer, outcome: str, *, profile=None, organization=None):
    complaint = make_complaint(profile=profile, organization=organization)
    investigate_and_decide(
        complaint,
        reviewer,
        investigated_on=date(2026, 3, 3),
        today=DECIDED_ON,
        outcome=outcome,
        reason="Substantiated.",
        appeal_link=f"http://localhost/complaints/outcome/{complaint.reference}",
    )
    db.session.commit()
    return complaint


def _file(db, complaint, user, *, today=date(2026, 4, 5), nature="The evidence was misread."):
    return appeals.file_appeal(
        db.session, complaint, user, P, today=today, nature=nature, contact="me@example.org"
    )


def _emails(db, recipient: str) -> list[OutboxEmail]:
    return list(db.session.scalars(select(OutboxEmail).where(OutboxEmail.recipient == recipient)))


def _events(db, action: str) -> list[AuditEvent]:
    return list(db.session.scalars(select(AuditEvent).where(AuditEvent.action == action)))


def test_the_suspended_peer_files_once_and_the_appeal_joins_the_log_with_its_clock(db):
    reviewer = make_user(Role.REVIEWER)
    profile = make_profile()
    complaint = _decided(db, reviewer, "suspend", profile=profile)
    letter = next(e for e in _emails(db, profile.user.email) if "Final disposition" in e.subject)
    assert f"/complaints/outcome/{complaint.reference}" in letter.body
    item = _file(db, complaint, profile.user)
    assert item.complaint_id == complaint.id and item.curriculum_id is None
    assert item.appeal_type == AppealType.CERTIFICATION_ACTION.value
    [logged] = submissions.appeals_log(db.session)
    assert logged.id == item.id
    assert complaint.reference in appeal_log.subject_of(logged)
    clock = appeal_log.appeal_clock(logged, P, date(2026, 4, 5))
    assert clock.due_on == date(2026, 7, 4)  # 90 days from receipt (§805.6)
    [filed] = _events(db, "appeal")
    assert filed.subject_type == "complaint" and filed.actor_id == profile.user.id
    assert any("Appeal received" in e.subject for e in _emails(db, profile.user.email))
    assert any("New appeal" in e.subject for e in _emails(db, reviewer.email))
    with pytest.raises(Conflict, match="already been appealed"):
        _file(db, complaint, profile.user, today=date(2026, 4, 6))


@pytest.mark.parametrize("outcome", ["unsubstantiated", "substantiated_no_action"])
def test_an_outcome_that_changed_no_status_cannot_be_appealed(db, outcome):
    reviewer = make_user(Role.REVIEWER)
    profile = make_profile()
    complaint = _decided(db, reviewer, outcome, profile=profile)
    with pytest.raises(Conflict, match="changed no status"):
        _file(db, complaint, profile.user)


def test_an_open_complaint_cannot_be_appealed(db):
    profile = make_profile()
    complaint = make_complaint(profile=profile)
    with pytest.raises(Conflict, match="changed no status"):
        _file(db, complaint, profile.user)


def test_the_appeal_window_closes_fourteen_days_after_the_decision(db):
    reviewer = make_user(Role.REVIEWER)
    profile = make_profile()
    complaint = _decided(db, reviewer, "revoke", profile=profile)
    assert _file(db, complaint, profile.user, today=date(2026, 4, 15)).id  # day 14: open
    other = make_profile()
    late = _decided(db, reviewer, "revoke", profile=other)
    with pytest.raises(Conflict, match="closed on April 15, 2026"):
        _file(db, late, other.user, today=date(2026, 4, 16))


def test_only_the_respondent_files_and_a_statement_is_needed(db):
    reviewer = make_user(Role.REVIEWER)
    organization = make_organization()
    member = make_user(Role.PROVIDER, organization=organization)
    complaint = _decided(db, reviewer, "suspend", organization=organization)
    outsider = make_user(Role.PROVIDER, organization=make_organization())
    for user in (outsider, make_profile().user, reviewer):
        with pytest.raises(NotFound):
            _file(db, complaint, user)
    with pytest.raises(DomainError, match="Say why you appeal"):
        _file(db, complaint, member, nature="  ")
    item = _file(db, complaint, member)
    assert item.appeal_type == AppealType.PROVIDER_ACTION.value


def test_reversing_restores_the_registry_record_audited_and_sends_the_letter(db):
    reviewer, second = make_user(Role.REVIEWER), make_user(Role.REVIEWER)
    profile = make_profile()
    complaint = _decided(db, reviewer, "revoke", profile=profile)
    record = db.session.get(CertificationRecord, profile.record_id)
    assert record.status == CertificationStatus.REVOKED
    item = _file(db, complaint, profile.user)
    appeals.decide_appeal(
        db.session, item, second, P, today=date(2026, 5, 1), uphold=False, reason="Misread."
    )
    assert record.status == CertificationStatus.ACTIVE and profile.status == "active"
    assert item.disposition_on == date(2026, 5, 1)
    assert item.letter_sent_on is None  # entered by staff once the letter goes out
    assert item.disposition.startswith("Reversed")
    [decided] = _events(db, "reverse_appeal")
    assert decided.actor_id == second.id and decided.subject_id == complaint.id
    letters = [e for e in _emails(db, profile.user.email) if "your appeal" in e.subject]
    assert len(letters) == 1 and "final" in letters[0].body
    with pytest.raises(Conflict, match="already decided"):
        appeals.decide_appeal(
            db.session, item, second, P, today=date(2026, 5, 2), uphold=True, reason="Again"
        )


def test_upholding_changes_nothing_and_reversing_restores_the_provider(db):
    reviewer = make_user(Role.REVIEWER)
    kept, restored = make_organization("Kept"), make_organization("Restored")
    members = {o.id: make_user(Role.PROVIDER, organization=o) for o in (kept, restored)}
    upheld = _decided(db, reviewer, "suspend", organization=kept)
    reversed_ = _decided(db, reviewer, "suspend", organization=restored)
    first = _file(db, upheld, members[kept.id])
    second = _file(db, reversed_, members[restored.id])
    appeals.decide_appeal(
        db.session, first, reviewer, P, today=date(2026, 5, 1), uphold=True, reason="Stands."
    )
    appeals.decide_appeal(
        db.session, second, reviewer, P, today=date(2026, 5, 1), uphold=False, reason="Cured."
    )
    standings = providers.standings(db.session)
    assert standings.get(kept.id) == Standing.SUSPENDED
    assert standings.get(restored.id, Standing.GOOD) == Standing.GOOD
    assert first.disposition.startswith("Suspension or revocation upheld")
    assert len(_events(db, "uphold_appeal")) == 1


def test_the_respondent_page_keeps_typed_text_files_and_then_shows_the_appeal(app, db):
    app.config["TODAY"] = date(2026, 4, 5)
    reviewer = make_user(Role.REVIEWER)
    profile = make_profile()
    complaint = _decided(db, reviewer, "suspend", profile=profile)
    client = app.test_client()
    login(client, profile.user)
    url = f"/complaints/outcome/{complaint.reference}"
    page = client.get(url).get_data(as_text=True)
    assert "File the appeal" in page and "April 15, 2026" in page
    refused = client.post(url, data={"nature": "My statement, kept.", "contact": ""})
    assert refused.status_code == 422
    assert "My statement, kept." in refused.get_data(as_text=True)
    filed = client.post(
        url,
        data={"nature": "My statement.", "contact": "Jo, jo@example.org"},
        follow_redirects=True,
    )
    text = filed.get_data(as_text=True)
    assert "Your appeal is filed" in text and "You appealed on April 05, 2026" in text
    assert "File the appeal" not in text
    again = client.post(url, data={"nature": "Twice", "contact": "jo@example.org"})
    assert again.status_code == 409 and "Twice" not in _texts(db)


def _texts(db) -> str:
    return " ".join(a.nature for a in submissions.appeals_log(db.session))


def test_nobody_else_sees_or_files_the_appeal(app, db):
    reviewer = make_user(Role.REVIEWER)
    organization = make_organization()
    member = make_user(Role.PROVIDER, organization=organization)
    complaint = _decided(db, reviewer, "suspend", organization=organization)
    url = f"/complaints/outcome/{complaint.reference}"
    for user in (
        make_user(Role.PROVIDER, organization=make_organization()),
        make_profile().user,
        reviewer,
    ):
        client = app.test_client()
        login(client, user)
        assert client.get(url).status_code == 404
        assert client.post(url, data={"nature": "x", "contact": "y"}).status_code == 404
    assert submissions.appeals_log(db.session) == []
    client = app.test_client()
    login(client, member)
    assert client.get(url).status_code == 200
    anonymous = app.test_client().get(url)
    assert anonymous.status_code == 302 and "/login" in anonymous.headers["Location"]


def test_the_log_and_csv_show_it_and_a_reviewer_decides_from_the_complaint(app, db):
    app.config["TODAY"] = date(2026, 4, 10)
    reviewer = make_user(Role.REVIEWER)
    profile = make_profile(legal_name="Jordan Appellant")
    complaint = _decided(db, reviewer, "suspend", profile=profile)
    _file(db, complaint, profile.user)
    db.session.commit()
    client = app.test_client()
    login(client, reviewer)
    log = client.get("/review/appeals").get_data(as_text=True)
    assert complaint.reference in log and "Jordan Appellant" in log
    assert "2026-07-04" in log and "(§807.1.B)" in log
    rows = list(csv.reader(io.StringIO(client.get("/review/appeals.csv").get_data(as_text=True))))
    assert complaint.reference in rows[1][9] and rows[1][10] == "2026-07-04"
    detail = client.get(f"/complaints/{complaint.id}").get_data(as_text=True)
    assert "Decide the appeal" in detail
    refused = client.post(
        f"/complaints/{complaint.id}/appeal/decide", data={"appeal-outcome": "reverse"}
    )
    assert refused.status_code == 422
    done = client.post(
        f"/complaints/{complaint.id}/appeal/decide",
        data={"appeal-outcome": "reverse", "appeal-reason": "Evidence misread."},
        follow_redirects=True,
    )
    assert "The appeal is decided" in done.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(CertificationRecord, profile.record_id).status == "active"


def test_the_peer_and_provider_home_pages_link_to_the_outcome(app, db):
    reviewer = make_user(Role.REVIEWER)
    profile = make_profile()
    organization = make_organization()
    member = make_user(Role.PROVIDER, organization=organization)
    by_peer = _decided(db, reviewer, "suspend", profile=profile)
    by_provider = _decided(db, reviewer, "revoke", organization=organization)
    cleared = _decided(db, reviewer, "unsubstantiated", organization=organization)
    peer, provider, other = app.test_client(), app.test_client(), app.test_client()
    login(peer, profile.user)
    login(provider, member)
    login(other, make_user(Role.PROVIDER, organization=make_organization()))
    ce = peer.get("/ce").get_data(as_text=True)
    assert f"/complaints/outcome/{by_peer.reference}" in ce and by_provider.reference not in ce
    home = provider.get("/provider").get_data(as_text=True)
    assert f"/complaints/outcome/{by_provider.reference}" in home
    assert cleared.reference not in home and by_peer.reference not in home
    assert "Complaint outcomes" not in other.get("/provider").get_data(as_text=True)


def test_the_review_of_a_complaint_appeal_is_extended_once_with_notice(db):
    reviewer = make_user(Role.REVIEWER)
    profile = make_profile()
    complaint = _decided(db, reviewer, "suspend", profile=profile)
    item = _file(db, complaint, profile.user)
    appeal_log.extend_review(
        db.session, item, reviewer, P, today=date(2026, 6, 20), days=30, reason="Records awaited"
    )
    assert appeal_log.appeal_clock(item, P, date(2026, 6, 20)).due_on == date(2026, 8, 3)
    [extended] = _events(db, "extend_appeal_review")
    assert extended.subject_type == "complaint" and extended.subject_id == complaint.id
    notice = [e for e in _emails(db, profile.user.email) if "extended" in e.subject]
    assert len(notice) == 1 and "August 03, 2026" in notice[0].body
    with pytest.raises(Conflict):
        appeal_log.extend_review(
            db.session, item, reviewer, P, today=date(2026, 6, 21), days=5, reason="More"
        )


def test_no_appeal_once_returned_to_good_standing(db):
    reviewer = make_user(Role.REVIEWER)
    profile = make_profile()
    complaint = _decided(db, reviewer, "suspend", profile=profile)
    services.reinstate(db.session, complaint, reviewer, P, today=date(2026, 4, 3), reason="CE")
    with pytest.raises(Conflict, match="already back in good standing"):
        _file(db, complaint, profile.user)


def test_a_lifted_suspension_leaves_the_peers_page(app, db):
    reviewer = make_user(Role.REVIEWER)
    profile = make_profile()
    complaint = _decided(db, reviewer, "suspend", profile=profile)
    peer = app.test_client()
    login(peer, profile.user)
    page = peer.get("/ce").get_data(as_text=True)
    assert complaint.reference in page and "suspended" in page
    services.reinstate(db.session, complaint, reviewer, P, today=date(2026, 4, 3), reason="CE")
    db.session.commit()
    page = peer.get("/ce").get_data(as_text=True)
    assert complaint.reference not in page and "Complaint outcomes" not in page
