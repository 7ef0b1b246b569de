"""The audit log is hash-chained: `audit verify` finds a record changed, removed or cut from the
end by direct SQL, and names the first broken link."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from app.audit.chain import GENESIS, link_hash
from app.audit.models import AuditEvent
from app.audit.services import record
from app.auth.models import Role
from tests.factories import login, make_user
from tests.queries import statements_of


def _write(db, count: int, actor_id: int | None = None) -> list[AuditEvent]:
    events = [
        record(
            db.session,
            actor_id=actor_id,
            subject_type="submission",
            subject_id=n,
            action="approve",
            from_state="in_review",
            to_state="approved",
            reason=f"Meets every rule {n}",
            details={"version": n, "note": "ünïcode"},
        )
        for n in range(1, count + 1)
    ]
    db.session.commit()
    return events


def test_each_record_carries_the_hash_of_the_one_before(db):
    events = _write(db, 3)
    assert [e.seq for e in events] == [1, 2, 3]
    assert events[0].prev_hash == GENESIS
    assert events[1].prev_hash == events[0].hash and events[2].prev_hash == events[1].hash
    fields = {
        name: getattr(events[2], name)
        for name in (
            "seq",
            "at",
            "actor_id",
            "subject_type",
            "subject_id",
            "action",
            "from_state",
            "to_state",
            "reason",
            "details",
        )
    }
    assert link_hash(events[1].hash, fields) == events[2].hash


def test_verify_passes_on_an_untouched_log(db, runner):
    _write(db, 5)
    result = runner.invoke(args=["audit", "verify"])
    assert result.exit_code == 0 and "intact: 5 record(s)" in result.output


def test_a_direct_sql_update_is_detected(db, runner):
    events = _write(db, 5)
    db.session.execute(
        text("UPDATE audit_event SET reason = 'Rewritten', to_state = 'denied' WHERE id = :id"),
        {"id": events[2].id},
    )
    db.session.commit()
    result = runner.invoke(args=["audit", "verify"])
    assert result.exit_code == 1
    assert f"record #{events[2].id} (position 3)" in result.output
    assert "content changed" in result.output


def test_an_update_that_also_rewrites_the_hash_breaks_the_next_link(db, runner):
    events = _write(db, 4)
    db.session.execute(
        text("UPDATE audit_event SET reason = 'x', hash = :h WHERE id = :id"),
        {"h": "f" * 64, "id": events[1].id},
    )
    db.session.commit()
    result = runner.invoke(args=["audit", "verify"])
    assert result.exit_code == 1 and "(position 2)" in result.output


@pytest.mark.parametrize(("position", "expected"), [(2, "position 2 is missing"), (4, "ends at")])
def test_a_deleted_record_is_detected(db, runner, position, expected):
    events = _write(db, 4)
    db.session.execute(
        text("DELETE FROM audit_event WHERE id = :id"), {"id": events[position - 1].id}
    )
    db.session.commit()
    result = runner.invoke(args=["audit", "verify"])
    assert result.exit_code == 1 and expected in result.output


def test_the_orm_still_refuses_updates(db):
    events = _write(db, 1)
    events[0].reason = "changed"
    with pytest.raises(RuntimeError, match="append-only"):
        db.session.commit()
    db.session.rollback()


def test_admins_browse_and_export_the_audit_log_in_constant_queries(client, db):
    admin = make_user(Role.ADMIN)
    login(client, admin)
    _write(db, 3, admin.id)
    small, page = statements_of(db.engine, client, "/admin/audit")
    _write(db, 60, make_user(Role.REVIEWER).id)
    large, _ = statements_of(db.engine, client, "/admin/audit")
    assert "Meets every rule 3" in page
    assert small == large
    export = client.get("/admin/audit.csv")
    assert export.headers["Content-Type"].startswith("text/csv")
    assert export.get_data(as_text=True).count("\n") == 64  # header and 63 records
