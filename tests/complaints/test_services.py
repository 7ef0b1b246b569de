"""Complaint services: filing, investigation, extension with notice, decisions acting on the
provider's approval or the peer's certification, confidential names, the log."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from app.audit.models import AuditEvent
from app.auth.models import Role
from app.ce.rules import CertificationStatus
from app.complaints import services
from app.complaints.states import ComplaintState
from app.errors import Conflict, DomainError, Forbidden
from app.notifications.models import OutboxEmail
from app.notifications.services import queue_reminders
from app.policy import DEFAULT_POLICY
from app.providers import services as providers
from app.providers.standing import Standing
from tests.ce.factories import make_profile
from tests.complaints.factories import decide_complaint, make_complaint
from tests.factories import make_organization, make_user

P = DEFAULT_POLICY


def _emails(db, recipient: str) -> list[OutboxEmail]:
    return list(db.session.scalars(select(OutboxEmail).where(OutboxEmail.recipient == recipient)))


def test_filing_acknowledges_with_the_reference_and_tells_reviewers(db):
    reviewer = make_user(Role.REVIEWER)
    organization = make_organization("Bright Path")
    complaint = make_complaint(organization=organization)
    assert complaint.state == ComplaintState.RECEIVED
    assert complaint.respondent_name == "Bright Path"
    [ack] = _emails(db, "alex@example.org")
    assert complaint.reference in ack.subject and "May 31, 2026" in ack.body  # day 90
    assert any(complaint.reference in e.subject for e in _emails(db, reviewer.email))
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.subject_type == "complaint"))
    assert event.action == "file" and event.actor_id is None  # filed without an account


def test_a_peer_complaint_links_the_registry_record_by_number(db):
    profile = make_profile(legal_name="Jordan Peer")
    complaint = make_complaint(profile=profile)
    assert complaint.peer_profile_id == profile.id and complaint.respondent_name == "Jordan Peer"


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("respondent_type", "", "peer or a training provider"),
        ("nature", " ", "Describe what happened"),
        ("organization_id", 999, "Choose the training provider"),
    ],
)
def test_filing_refuses_incomplete_forms(db, field, value, message):
    fields = {"respondent_type": "provider", "nature": "Something happened"}
    fields[field] = value
    with pytest.raises(DomainError, match=message):
        services.file_complaint(
            db.session, P, services.ComplaintInput(**fields), today=date(2026, 1, 1)
        )


def test_suspending_a_provider_changes_its_standing_in_the_same_transaction(db):
    reviewer = make_user(Role.REVIEWER)
    organization = make_organization("Bright Path")
    member = make_user(Role.PROVIDER, organization=organization)
    complaint = make_complaint(organization=organization)
    services.investigate(db.session, complaint, reviewer, today=date(2026, 3, 3))
    services.extend(
        db.session, complaint, reviewer, P, today=date(2026, 5, 20), days=20, reason="Records"
    )
    notice = [e for e in _emails(db, "alex@example.org") if "extended" in e.subject]
    assert len(notice) == 1 and "June 20, 2026" in notice[0].body
    decide_complaint(
        complaint, reviewer, today=date(2026, 6, 10), outcome="suspend", reason="Substantiated."
    )
    assert complaint.state == ComplaintState.DECIDED
    assert providers.standings(db.session) == {organization.id: Standing.SUSPENDED}
    assert complaint.registry_updated_at is not None and complaint.letter_sent_on == date(
        2026, 6, 10
    )
    assert any("Final disposition" in e.subject for e in _emails(db, member.email))
    assert not services.clock_of(complaint, P, date(2026, 6, 10)).overdue


def test_revoking_a_peer_changes_the_registry_status(db):
    reviewer = make_user(Role.REVIEWER)
    profile = make_profile()
    complaint = make_complaint(profile=profile)
    services.investigate(db.session, complaint, reviewer, today=date(2026, 3, 3))
    services.decide(
        db.session, complaint, reviewer, P, today=date(2026, 4, 1), outcome="revoke", reason="E4"
    )
    assert profile.status == CertificationStatus.REVOKED
    assert any("Final disposition" in e.subject for e in _emails(db, profile.user.email))


def test_a_status_change_needs_a_linked_record(db):
    reviewer = make_user(Role.REVIEWER)
    complaint = make_complaint()  # a peer named only, not found in the registry
    services.investigate(db.session, complaint, reviewer, today=date(2026, 3, 3))
    with pytest.raises(DomainError, match="not linked"):
        decide_complaint(complaint, reviewer, today=date(2026, 4, 1), outcome="suspend", reason="x")


def test_extension_after_the_notice_date_is_refused(db):
    reviewer = make_user(Role.REVIEWER)
    complaint = make_complaint(organization=make_organization())
    services.investigate(db.session, complaint, reviewer, today=date(2026, 3, 3))
    with pytest.raises(Conflict, match="May 26, 2026"):
        services.extend(
            db.session, complaint, reviewer, P, today=date(2026, 5, 27), days=10, reason="late"
        )


def test_only_reviewers_act_and_moves_follow_the_states(db):
    complaint = make_complaint(organization=make_organization())
    with pytest.raises(Forbidden):
        services.investigate(db.session, complaint, make_user(Role.PEER), today=date(2026, 3, 3))
    reviewer = make_user(Role.REVIEWER)
    with pytest.raises(Conflict, match="only from: investigating"):
        services.decide(
            db.session, complaint, reviewer, P, today=date(2026, 3, 3), outcome="revoke", reason="x"
        )


def test_confidential_names_get_references_and_stay_out_of_the_audit_log(db):
    reviewer = make_user(Role.REVIEWER)
    complaint = make_complaint(organization=make_organization())
    first = services.add_confidential_name(db.session, complaint, reviewer, name="Pat Recipient")
    second = services.add_confidential_name(db.session, complaint, reviewer, name="Lee Recipient")
    assert (first.reference, second.reference) == (f"R{complaint.id}-1", f"R{complaint.id}-2")
    events = db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "add_confidential_name")
    )
    assert all("Recipient" not in str(e.details) + e.reason for e in events)


def test_log_filters(db):
    organization = make_organization("Bright Path")
    make_complaint(organization=organization, received_on=date(2026, 1, 5))
    make_complaint(received_on=date(2026, 2, 5))
    both = services.LogFilter()
    assert services.page_of(db.session, both, page=1, per_page=50)[1] == 2
    providers_only = services.LogFilter(respondent_type="provider")
    rows, total = services.page_of(db.session, providers_only, page=1, per_page=50)
    assert total == 1 and rows[0].respondent_name == "Bright Path"
    february = services.LogFilter(received_from=date(2026, 2, 1))
    assert (
        services.page_of(db.session, february, page=1, per_page=50)[0][0].respondent_name
        == "Sam Doe"
    )
    assert (
        services.page_of(db.session, services.LogFilter(text="bright"), page=1, per_page=50)[1] == 1
    )


def test_reinstatement_returns_the_provider_to_good_standing(db):
    reviewer = make_user(Role.REVIEWER)
    organization = make_organization()
    member = make_user(Role.PROVIDER, organization=organization)
    providers.set_standing(
        db.session, organization, reviewer, Standing.SUSPENDED, today=date(2026, 1, 1), reason="x"
    )
    row = providers.request_reinstatement(
        db.session, member, P, today=date(2026, 2, 1), evidence="Retrained staff"
    )
    assert providers.review_due_on(row, P) == date(2026, 4, 2)  # 60 days (§806.5.A)
    providers.set_standing(
        db.session, organization, reviewer, Standing.GOOD, today=date(2026, 3, 1), reason="ok"
    )
    assert providers.standings(db.session) == {}
    with pytest.raises(Conflict):
        providers.request_reinstatement(db.session, member, P, today=date(2026, 3, 2), evidence="x")


def test_reviewers_are_reminded_of_the_notice_date_and_the_due_date(db):
    reviewer = make_user(Role.REVIEWER)
    complaint = make_complaint(organization=make_organization())  # received 2026-03-02
    queue_reminders(db.session, P, date(2026, 5, 26))  # the last day to extend with notice
    queue_reminders(db.session, P, date(2026, 5, 26))  # not twice a day
    subjects = [e.subject for e in _emails(db, reviewer.email) if e.category == "deadline"]
    assert subjects == [f"Complaint {complaint.reference}: last day to extend with notice"]
    queue_reminders(db.session, P, date(2026, 5, 27))
    subjects = [e.subject for e in _emails(db, reviewer.email) if e.category == "deadline"]
    assert subjects[-1] == f"Complaint {complaint.reference}: investigation due May 31, 2026"


def test_reinstatement_after_a_suspension_restores_the_registry_status(db):
    reviewer = make_user(Role.REVIEWER)
    profile = make_profile()
    complaint = make_complaint(profile=profile)
    services.investigate(db.session, complaint, reviewer, today=date(2026, 3, 3))
    with pytest.raises(Conflict, match="suspended or revoked nothing"):
        services.reinstate(db.session, complaint, reviewer, P, today=date(2026, 3, 4), reason="x")
    services.decide(
        db.session, complaint, reviewer, P, today=date(2026, 4, 1), outcome="suspend", reason="E4"
    )
    assert profile.status == CertificationStatus.SUSPENDED
    services.reinstate(
        db.session, complaint, reviewer, P, today=date(2026, 10, 1), reason="CE completed"
    )
    assert profile.status == CertificationStatus.ACTIVE
    assert any("good standing" in e.subject for e in _emails(db, profile.user.email))
    with pytest.raises(Conflict, match="already active"):
        services.reinstate(db.session, complaint, reviewer, P, today=date(2026, 10, 2), reason="x")
