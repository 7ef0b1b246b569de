"""Each role's inbox lists what needs the person now, most urgent first, with counts."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from app.auth.models import Role
from app.ce import services as ce
from app.complaints.models import Complaint
from app.inbox.services import CAP, inbox_for
from app.policy import DEFAULT_POLICY
from app.registry.models import CERequirement, CertificationRecord, RegistryChange
from app.submissions import services
from app.submissions.states import SubmissionState, queue_key_of
from tests.factories import make_user
from tests.inbox.factories import draw_one, make_peer
from tests.submissions.factories import file_appeal, make_curriculum

TODAY = date(2026, 6, 1)


def _sections(db, user, today=TODAY):
    return {s.key: s for s in inbox_for(db.session, user, DEFAULT_POLICY, today)}


def _due(curriculum, due_on):
    curriculum.due_on = due_on
    curriculum.queue_key = queue_key_of(curriculum.state, True, due_on)


def test_reviewer_sees_assigned_items_by_days_left(app, db):
    reviewer = make_user(Role.REVIEWER)
    provider = make_user(Role.PROVIDER)
    days = [40, -3, 12]
    for n, left in enumerate(days):
        c = make_curriculum(provider, state="submitted", title=f"Course {left}")
        services.assign(db.session, c, reviewer, reviewer)
        _due(c, TODAY + timedelta(days=left))
        assert n >= 0
    unassigned = make_curriculum(provider, state="submitted", title="Nobody's")
    _due(unassigned, TODAY + timedelta(days=5))
    sent_back = make_curriculum(provider, state="submitted", title="With the provider")
    services.request_revisions(db.session, sent_back, reviewer, comments="More hours.")
    db.session.commit()

    sections = _sections(db, reviewer)
    assigned = sections["assigned"]
    assert assigned.count == 3
    assert [i.days_left for i in assigned.items] == [-3, 12, 40]
    assert assigned.items[0].overdue and "overdue by 3 days" in assigned.items[0].detail
    assert [i.title for i in sections["unassigned"].items] == ["Nobody's"]
    # The section holding the overdue item comes first.
    assert inbox_for(db.session, reviewer, DEFAULT_POLICY, TODAY)[0].key == "assigned"


def test_reviewer_lists_are_capped_and_counted(app, db):
    reviewer = make_user(Role.REVIEWER)
    provider = make_user(Role.PROVIDER)
    for n in range(CAP + 3):
        c = make_curriculum(provider, state="submitted", title=f"C{n}")
        services.assign(db.session, c, reviewer, reviewer)
        _due(c, TODAY + timedelta(days=n))
    db.session.commit()
    assigned = _sections(db, reviewer)["assigned"]
    assert assigned.count == CAP + 3 and len(assigned.items) == CAP and assigned.more == 3
    assert assigned.more_values == {"view": "mine"}


def test_reviewer_sees_appeals_proof_late_changes_and_complaints(app, db):
    denier, reviewer = make_user(Role.REVIEWER), make_user(Role.REVIEWER)
    provider = make_user(Role.PROVIDER)
    curriculum = make_curriculum(provider, state="submitted", title="Denied course")
    services.deny(db.session, curriculum, denier, DEFAULT_POLICY, reason="Short.")
    file_appeal(curriculum, provider, nature="Look again.", contact=provider.email)
    today = datetime.now(UTC).date()
    _, profile, _ = draw_one(reviewer, today)
    ce.respond_to_audit(db.session, profile, profile.user)  # the peer's proof is uploaded
    record = CertificationRecord(
        legal_name="Ana Ruiz",
        name_folded="ana ruiz",
        certification_number="MPSS900001",
        issued_on=date(2025, 1, 1),
        expires_on=date(2027, 1, 1),
    )
    db.session.add(record)
    db.session.flush()
    now = datetime.now(UTC)
    for kind, value, hours_ago in (("status", "suspended", 100), ("action", "none", 10)):
        db.session.add(
            RegistryChange(
                record_id=record.id,
                kind=kind,
                to_value=value,
                effective_at=now - timedelta(hours=hours_ago),
                recorded_at=now,
            )
        )
    for n, received in enumerate([today - timedelta(days=10), today - timedelta(days=80)]):
        db.session.add(
            Complaint(
                reference=f"C-TEST-{n}",
                state="investigating",
                received_on=received,
                respondent_type="peer",
                respondent_name="Someone",
                nature="Late to sessions.",
            )
        )
    db.session.add(
        Complaint(
            reference="C-DONE",
            state="decided",
            received_on=today - timedelta(days=85),
            respondent_type="peer",
            respondent_name="Someone",
            nature="Closed.",
        )
    )
    db.session.commit()

    sections = _sections(db, reviewer, today)
    assert sections["appeals"].count == 1
    assert sections["appeals"].items[0].title == "Appeal: Denied course"
    assert (
        sections["appeals"].items[0].days_left == 90 - (today - curriculum.decided_at.date()).days
    )
    assert _sections(db, denier, today)["appeals"].count == 0  # another reviewer decides it
    assert (
        sections["proof"].count == 1
        and profile.certification_number in sections["proof"].items[0].title
    )
    assert sections["late_registry"].count == 1
    assert sections["late_registry"].items[0].title == "MPSS900001: status suspended"
    complaints = sections["complaints"]
    assert complaints.count == 2
    assert [i.title for i in complaints.items] == ["Complaint C-TEST-1", "Complaint C-TEST-0"]
    assert [i.days_left for i in complaints.items] == [10, 80]


def test_provider_sees_sent_back_requests_and_expiring_approvals(app, db):
    provider = make_user(Role.PROVIDER)
    reviewer = make_user(Role.REVIEWER)
    back = make_curriculum(provider, state="submitted", title="Sent back")
    services.request_revisions(db.session, back, reviewer, comments="Add hours.")
    incomplete = make_curriculum(provider, title="No fee yet")
    services.submit(db.session, incomplete, provider)
    denied = make_curriculum(provider, state="submitted", title="Denied")
    services.deny(db.session, denied, reviewer, DEFAULT_POLICY, reason="Short.")
    soon = make_curriculum(
        provider, state="approved", title="Expiring", approved_on=date(2024, 7, 1)
    )
    make_curriculum(provider, state="approved", title="Fresh", approved_on=date(2026, 5, 1))
    other = make_user(Role.PROVIDER)
    make_curriculum(other, state="submitted", title="Someone else's")
    db.session.commit()

    today = denied.decided_at.date() + timedelta(days=4)
    sections = _sections(db, provider, today)
    assert [i.title for i in sections["sent_back"].items] == ["Sent back"]
    requests = sections["requests"]
    assert [i.title for i in requests.items] == ["Denied", "No fee yet"]  # the deadline first
    assert requests.items[0].days_left == 10
    expiring = sections["expiring"]
    assert [i.title for i in expiring.items] == ["Expiring"]
    assert expiring.items[0].days_left == (soon.expires_on - today).days
    assert _sections(db, other, today)["sent_back"].count == 0


def test_peer_sees_renewal_window_records_review_and_sanctions(db, peer_due_to_renew):
    user, record, today = peer_due_to_renew
    db.session.add_all(
        [
            CERequirement(
                record_id=record.id,
                sanction="LE6",
                imposed_on=today,
                due_on=today + timedelta(days=60),
            ),
            CERequirement(record_id=record.id, sanction="CS6", imposed_on=today, due_on=None),
        ]
    )
    db.session.commit()

    inbox = inbox_for(db.session, user, DEFAULT_POLICY, today)
    sections = {s.key: s for s in inbox}
    (renewal,) = sections["renewal"].items
    assert renewal.days_left == 20 and renewal.endpoint == "registry.renewal"
    (review,) = sections["records_review"].items
    assert review.days_left == 10 and "upload proof" in review.title.lower()
    sanctions = sections["sanctions"]
    assert [i.title for i in sanctions.items] == [
        "Sanction LE6: required CE",
        "Sanction CS6: required CE",
    ]
    assert [s.key for s in inbox] == ["records_review", "renewal", "sanctions"]

    _, quiet = make_peer(today - timedelta(days=100))
    assert all(s.count == 0 for s in inbox_for(db.session, quiet.user, DEFAULT_POLICY, today))


def test_nothing_waits_for_a_new_reviewer(app, db):
    reviewer = make_user(Role.REVIEWER)
    assert all(s.count == 0 for s in inbox_for(db.session, reviewer, DEFAULT_POLICY, TODAY))
    assert SubmissionState.SUBMITTED  # the states the queue counts as open
