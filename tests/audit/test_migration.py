"""Records written before the chain existed are chained by the migration, and verify passes."""

from __future__ import annotations

from flask_migrate import upgrade
from sqlalchemy import text

from app.audit.services import verify
from app.extensions import db
from tests.test_migrations import migrated_to


def test_existing_records_are_chained_by_the_migration(tmp_path):
    with migrated_to(tmp_path, "3ed7f9ee0df6"):
        with db.engine.begin() as connection:
            for n in range(3):
                connection.execute(
                    text(
                        "INSERT INTO audit_event (at, subject_type, subject_id, action, reason, details)"
                        " VALUES (:at, 'submission', :n, 'approve', '', '{\"n\": 1}')"
                    ),
                    {"at": f"2025-01-0{n + 1} 10:00:00.000000", "n": n},
                )
        upgrade()
        broken, count = verify(db.session)
        assert (broken, count) == (None, 3)
