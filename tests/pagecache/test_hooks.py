"""Every committed write to shown data bumps the generation; other transactions leave it."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import insert, text, update

from app.auth.models import Organization, Role
from app.dbtypes import utcnow
from app.limits import counters
from app.pagecache.web import generation
from app.security_log.services import Origin, log_event
from tests.factories import make_organization, make_user


def _generation(db) -> int:
    value = generation()
    db.session.rollback()  # a new transaction sees the latest commit
    return value


def test_a_commit_that_adds_or_changes_rows_bumps_the_generation(db):
    start = _generation(db)
    organization = make_organization("First")
    assert _generation(db) == start + 1
    organization.name = "Renamed"
    db.session.commit()
    assert _generation(db) == start + 2
    db.session.delete(organization)
    db.session.commit()
    assert _generation(db) == start + 3


def test_statements_run_through_the_session_bump_it_too(db):
    start = _generation(db)
    db.session.execute(
        insert(Organization),
        [
            {"name": "Bulk A", "contact_email": "a@example.org"},
            {"name": "Bulk B", "contact_email": "b@example.org"},
        ],
    )
    db.session.commit()
    assert _generation(db) == start + 1
    db.session.execute(update(Organization).values(approved=False))
    db.session.commit()
    assert _generation(db) == start + 2
    db.session.execute(text("DELETE FROM organization WHERE name = 'nothing of the kind'"))
    db.session.commit()
    assert _generation(db) == start + 3


def test_reads_rollbacks_and_writes_to_unshown_tables_leave_it(db):
    make_user(Role.PROVIDER)
    start = _generation(db)
    db.session.scalars(db.select(Organization)).all()
    db.session.execute(text("SELECT 1"))
    db.session.commit()
    db.session.add(Organization(name="Never kept", contact_email="x@example.org"))
    db.session.flush()
    db.session.rollback()
    counters.take(db.session, "rate:x:1.2.3.4", limit=5, window=timedelta(minutes=1), now=utcnow())
    log_event(db.session, "access", "denied", origin=Origin("1.2.3.4", "test"))
    db.session.commit()
    assert _generation(db) == start


def test_a_write_rolled_back_in_a_savepoint_still_counts_the_writes_before_it(db):
    start = _generation(db)
    db.session.add(Organization(name="Kept", contact_email="x@example.org"))
    db.session.flush()
    with db.session.begin_nested() as savepoint:
        db.session.add(Organization(name="Dropped", contact_email="x@example.org"))
        db.session.flush()
        savepoint.rollback()
    db.session.commit()
    assert _generation(db) == start + 1
