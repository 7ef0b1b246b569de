"""What CE reads of the registry comes as plain values from app/registry/interface.py."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from sqlalchemy import select

from app.registry import interface, services
from app.registry.models import CertificationRecord, RenewalApplication
from tests.factories import make_user

TODAY = date(2026, 6, 1)


def _record(db, number, name="Alex Rivera", issued=date(2025, 1, 15)):
    return services.create_record(
        db.session,
        None,
        legal_name=name,
        certification_number=number,
        issued_on=issued,
        expires_on=date(issued.year + 2, issued.month, issued.day),
        email=f"{number.lower()}@example.org",
        today=TODAY,
    )


def _renewal(db, record, user, *, submitted, ce_hours, law_ethics_hours):
    db.session.add(
        RenewalApplication(
            record_id=record.id,
            user_id=user.id,
            submitted_at=submitted,
            previous_expires_on=record.expires_on,
            new_expires_on=record.expires_on + timedelta(days=730),
            attested=True,
            ethics_signature=record.legal_name,
            fee=300,
            ce_hours=ce_hours,
            law_ethics_hours=law_ethics_hours,
        )
    )
    db.session.flush()


def test_records_come_as_plain_facts_by_number(db):
    first = _record(db, "MPSS300001", "Alex Rivera")
    _record(db, "MPSS300002", "Sam Lee")
    found = interface.records_by_number(db.session, ["MPSS300001", "MPSS399999"])
    assert found == [interface.RecordFacts(first.id, "MPSS300001", "Alex Rivera")]
    assert interface.expires_on(db.session, first.id) == date(2027, 1, 15)
    assert interface.expires_on(db.session, first.id + 1000) is None


def test_active_record_ids_leave_out_a_suspended_record(db):
    active, suspended = _record(db, "MPSS300011"), _record(db, "MPSS300012")
    services.change_status(
        db.session,
        make_user("admin"),
        suspended,
        status="suspended",
        action="suspended",
        effective_on=TODAY,
        reason="Sanction F4",
        today=TODAY,
    )
    ids = set(
        db.session.scalars(
            select(CertificationRecord.id).where(
                CertificationRecord.id.in_(interface.active_record_ids())
            )
        )
    )
    assert active.id in ids and suspended.id not in ids


def test_renewals_come_as_dates_and_those_attested_short_oldest_first(db):
    record, other = _record(db, "MPSS300021"), _record(db, "MPSS300022")
    peer = make_user("peer")
    late = datetime(2026, 5, 2, tzinfo=UTC)
    early = datetime(2026, 4, 2, tzinfo=UTC)
    _renewal(db, record, peer, submitted=late, ce_hours=18, law_ethics_hours=6)
    _renewal(db, other, peer, submitted=early, ce_hours=20, law_ethics_hours=4)
    _renewal(db, other, peer, submitted=late, ce_hours=20, law_ethics_hours=6)
    short = interface.renewals_attested_below(db.session, 20, 6)
    assert [(r.record_id, r.ce_hours, r.law_ethics_hours) for r in short] == [
        (other.id, 20, 4),
        (record.id, 18, 6),
    ]
    assert short[1].previous_expires_on == record.expires_on
    assert [d for d, _ in interface.renewal_dates(db.session, other.id)] == [other.expires_on] * 2


def test_required_ce_and_a_review_outcome_land_on_the_record(db):
    record = _record(db, "MPSS300031")
    staff = make_user("admin")
    services.add_requirement(
        db.session,
        staff,
        record,
        sanction="LE6",
        imposed_on=TODAY,
        due_on=None,
        note="",
        today=TODAY,
    )
    assert interface.required_ce(db.session, record.id) == [
        interface.RequiredCE("LE6", TODAY, None)
    ]
    assert interface.required_ce(db.session, None) == []

    interface.note_review_outcome(db.session, staff, record.id, "CE records review: passed")
    assert record.action == "none"
    interface.note_review_outcome(
        db.session, staff, record.id, "CE records review: referred", referral="referred"
    )
    assert record.action == "under_investigation"
    kinds = [c.kind for c in record.changes]
    assert kinds.count("audit") == 2
    interface.note_review_outcome(db.session, staff, None, "no record: nothing happens")
    assert [c.kind for c in record.changes].count("audit") == 2
