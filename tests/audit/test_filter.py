"""The admin audit log's subject filter reads its index, not the whole log."""

from __future__ import annotations

from app.audit import services as audit


def _plan(db, statement) -> str:
    compiled = statement.compile(db.engine, compile_kwargs={"literal_binds": True})
    with db.engine.connect() as connection:
        if db.engine.dialect.name == "sqlite":
            rows = connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {compiled}")
            return " ".join(str(row[-1]) for row in rows)
        connection.exec_driver_sql("SET enable_seqscan = off")
        return " ".join(row[0] for row in connection.exec_driver_sql(f"EXPLAIN {compiled}"))


def test_a_filtered_page_reads_the_subject_index(db):
    statement = audit.filtered("curriculum").limit(50)
    plan = _plan(db, statement)
    assert "ix_audit_event_subject_type_seq" in plan
    assert "TEMP B-TREE" not in plan  # the index gives the order: no sort of the matches


def test_the_filter_still_finds_only_that_subject(db):
    for subject_type in ("curriculum", "complaint", "curriculum"):
        audit.record(db.session, actor_id=None, subject_type=subject_type, subject_id=1, action="x")
    db.session.commit()
    events, total = audit.page_of(db.session, page=1, per_page=50, subject_type="curriculum")
    assert total == 2 and {e.subject_type for e in events} == {"curriculum"}
    assert [e.seq for e in events] == sorted((e.seq for e in events), reverse=True)
