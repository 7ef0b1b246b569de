"""The audit log's pages are ranges of its sequence numbers: any page, however deep, reads 50
records through the index (no OFFSET walking the newer ones) and shows the right ones."""

from __future__ import annotations

from sqlalchemy import event

from app.audit import services as audit
from app.audit.services import record
from app.auth.models import Role
from tests.factories import make_user


def _write(db, count: int, subject_type: str = "submission") -> None:
    for n in range(count):
        record(
            db.session,
            actor_id=None,
            subject_type=subject_type,
            subject_id=n,
            action="approve",
            reason=f"record {n}",
        )
    db.session.flush()


def test_every_page_is_the_right_range_of_records_without_an_offset(db):
    make_user(Role.ADMIN)  # whatever the factories record first
    _write(db, 57, "curriculum")
    _write(db, 73)
    total = audit.page_of(db.session, page=1, per_page=50)[1]
    seen, offsets = [], []

    def offset(conn, cursor, statement, parameters, context, many):
        if "OFFSET" in statement.upper():  # SQLite writes one with every LIMIT: it must be 0
            offsets.append(parameters[-1] if isinstance(parameters, tuple | list) else None)

    event.listen(db.engine, "before_cursor_execute", offset)
    try:
        for page in (1, 2, 3, 4, 5):
            events, counted = audit.page_of(db.session, page=page, per_page=50)
            assert counted == total
            seen.append([e.seq for e in events])
    finally:
        event.remove(db.engine, "before_cursor_execute", offset)
    assert seen[0] == list(range(total, total - 50, -1))
    assert [seq for page in seen for seq in page] == list(
        range(total, 0, -1)
    )  # every record once, newest first
    assert seen[-1] == []  # past the last page
    assert all(value == 0 for value in offsets), offsets


def test_a_filtered_page_still_shows_its_own_records(db):
    _write(db, 57, "curriculum")
    _write(db, 73)
    first, total = audit.page_of(db.session, page=1, per_page=50, subject_type="curriculum")
    second, _ = audit.page_of(db.session, page=2, per_page=50, subject_type="curriculum")
    assert total == 57 and len(first) == 50 and len(second) == 7
    assert {e.subject_type for e in first + second} == {"curriculum"}
    assert [e.seq for e in first + second] == sorted((e.seq for e in first + second), reverse=True)
