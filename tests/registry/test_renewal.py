"""Renewal inside the window with attestation and signed code of ethics; reminders at 90/30/7
days; lapse after expiry; reinstatement steps a reviewer records (§207.6–10, §209, §601, §802.1)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select

from app.auth.models import Role
from app.ce import services as ce
from app.dates import add_years
from app.errors import DomainError
from app.notifications.models import OutboxEmail
from app.notifications.services import queue_reminders
from app.policy import DEFAULT_POLICY
from app.registry import services
from app.registry.rules import reminder_due
from app.reports.models import CertificationRenewalRecord
from tests.ce.factories import entry_row
from tests.factories import login, make_user
from tests.registry.factories import make_record

TODAY = datetime.now(UTC).date()


def _renew(db, user, record):
    """The holder attests and signs the renewal, with no CE summary, on TODAY."""
    return services.renew(
        db.session, user, record, attested=True, signature="Robin Diaz", ce_summary={}, today=TODAY
    )


def _holder(db, expires_in_days: int):
    """A claimed, active record expiring in ``expires_in_days`` days."""
    user = make_user(Role.PEER)
    expires = TODAY + timedelta(days=expires_in_days)
    issued = date(expires.year - 2, expires.month, min(expires.day, 28))
    record = make_record(
        certification_number=f"MPSS{800000 + user.id}",
        today=TODAY,
        legal_name="Robin Diaz",
        issued_on=issued,
        expires_on=expires,
        email=user.email,
    )
    services.claim(db.session, user, services.send_claim_code(db.session, None, record))
    db.session.commit()
    return user, record


@pytest.mark.parametrize(
    ("days_left", "sent", "due"),
    [
        (120, set(), None),
        (90, set(), 90),
        (85, {90}, None),
        (30, {90}, 30),
        (25, set(), 30),
        (7, {90, 30}, 7),
        (3, {90, 30, 7}, None),
        (-1, set(), None),
    ],
)
def test_reminder_milestones(days_left, sent, due):
    assert reminder_due(TODAY + timedelta(days=days_left), TODAY, sent, DEFAULT_POLICY) == due


def test_renewal_inside_the_window_opens_a_new_period(app, db):
    user, record = _holder(db, 40)
    peer = app.test_client()
    login(peer, user)
    page = peer.get("/registry/renewal").get_data(as_text=True)
    assert "$80" in page and "§601" in page and "window is open" in page
    refused = peer.post("/registry/renewal", data={"signature": "Robin Diaz"})
    assert refused.status_code == 422 and "attest" in refused.get_data(as_text=True)
    refused = peer.post("/registry/renewal", data={"attest": "y", "signature": "Someone Else"})
    assert refused.status_code == 422 and "legal name" in refused.get_data(as_text=True)
    previous = record.expires_on
    done = peer.post("/registry/renewal", data={"attest": "y", "signature": "robin  diaz"})
    assert done.status_code == 302
    db.session.refresh(record)
    assert record.expires_on == date(previous.year + 2, previous.month, previous.day)
    (renewal,) = services.renewals_of(db.session, record)
    assert renewal.fee == 80 and renewal.attested and renewal.ethics_signature == "robin  diaz"
    assert any(c.kind == "renewed" for c in record.changes)
    # Counted for the DHCS report's renewals (App. E item 19).
    (counted,) = db.session.scalars(select(CertificationRenewalRecord)).all()
    assert counted.user_id == user.id
    assert previous - timedelta(days=90) <= counted.renewed_on <= previous
    # The next application is outside the new window.
    again = peer.post("/registry/renewal", data={"attest": "y", "signature": "Robin Diaz"})
    assert again.status_code == 422 and "opens on" in again.get_data(as_text=True)


def test_renewal_refused_before_the_window_and_when_suspended(db):
    user, record = _holder(db, 120)
    with pytest.raises(DomainError, match="opens on"):
        _renew(db, user, record)
    user, record = _holder(db, 40)
    services.change_status(
        db.session,
        None,
        record,
        status="suspended",
        action="suspended",
        effective_on=TODAY,
        reason="sanction",
        today=TODAY,
    )
    with pytest.raises(DomainError, match="suspended"):
        _renew(db, user, record)


def test_reminders_once_per_milestone_and_lapse_after_expiry(db):
    _user, soon = _holder(db, 90)
    _user2, later = _holder(db, 200)
    _user3, past = _holder(db, -1)
    assert queue_reminders(db.session, DEFAULT_POLICY, TODAY) >= 2
    assert queue_reminders(db.session, DEFAULT_POLICY, TODAY) == 0  # not repeated
    subjects = [e.subject for e in db.session.scalars(db.select(OutboxEmail))]
    assert "Renew your certification: 90 days left" in subjects
    assert "Your certification has lapsed" in subjects
    db.session.refresh(past)
    assert past.status == "expired" and ce.profile_of(db.session, _user3).status == "expired"
    assert not any(c.kind == "reminder" for c in later.changes)
    assert queue_reminders(db.session, DEFAULT_POLICY, TODAY + timedelta(days=60)) >= 1
    assert sum(1 for c in soon.changes if c.kind == "reminder") == 2


def test_reinstatement_after_the_three_steps(app, db):
    # The pages read the app's day: pinned to TODAY, a run that crosses midnight still agrees.
    app.config["TODAY"] = TODAY
    _user, record = _holder(db, -30)
    queue_reminders(db.session, DEFAULT_POLICY, TODAY)
    staff = make_user(Role.REVIEWER)
    with pytest.raises(DomainError, match="Still to record"):
        services.reinstate(db.session, staff, record, today=TODAY)
    client = app.test_client()
    login(client, staff)
    for step in ("refresher", "ethics", "exam"):
        client.post(
            f"/registry/records/{record.id}/reinstatement",
            data={"step": step, "completed_on": (TODAY - timedelta(days=2)).isoformat()},
        )
    assert "Reinstatement (§209)" in client.get(f"/registry/records/{record.id}").get_data(
        as_text=True
    )
    client.post(f"/registry/records/{record.id}/reinstate")
    db.session.refresh(record)
    assert record.status == "active" and record.issued_on == TODAY
    assert record.expires_on == add_years(TODAY, 2)


def test_records_kept_two_years_after_the_renewal_they_counted_for(app, db):
    from app.ce.models import CEEntryRecord
    from app.ce.rules import keep_until

    assert keep_until(
        date(2025, 5, 1), [(date(2026, 1, 1), date(2025, 11, 1))], DEFAULT_POLICY
    ) == date(2027, 11, 1)
    assert (
        keep_until(date(2026, 5, 1), [(date(2026, 1, 1), date(2025, 11, 1))], DEFAULT_POLICY)
        is None
    )
    user, record = _holder(db, 40)
    profile = ce.profile_of(db.session, user)
    entry = entry_row(profile, TODAY - timedelta(days=50), law_ethics_topics=[])
    db.session.add(entry)
    db.session.commit()
    _renew(db, user, record)
    db.session.commit()
    peer = app.test_client()
    login(peer, user)
    assert "(§207.13.A)" in peer.get(f"/ce/entries/{entry.id}/delete").get_data(as_text=True)
    peer.post(f"/ce/entries/{entry.id}/delete")
    assert db.session.get(CEEntryRecord, entry.id) is not None
