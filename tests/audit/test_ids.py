"""Ids the audit log refers to are never given to a new row, on SQLite too."""

from __future__ import annotations

from flask_migrate import upgrade
from sqlalchemy import text

from app.audit.models import NEVER_REUSED_IDS
from app.audit.services import events_for
from app.auth.models import Role
from app.extensions import db
from app.registry.models import CertificationRecord
from app.submissions import services
from tests.factories import login, make_user
from tests.submissions.factories import make_curriculum
from tests.test_migrations import migrated_to


def test_a_deleted_drafts_id_is_not_reused_and_its_events_stay_its_own(app, db):
    provider = make_user(Role.PROVIDER)
    draft = make_curriculum(provider, title="Scratch")
    deleted_id = draft.id
    services.delete_draft(db.session, draft, provider)
    db.session.commit()
    fresh = make_curriculum(provider, title="Fresh")
    assert fresh.id != deleted_id
    actions = [e.action for e in events_for(db.session, "curriculum", fresh.id)]
    assert "delete_draft" not in actions
    client = app.test_client()
    login(client, provider)
    page = client.get(f"/curricula/{fresh.id}/timeline").get_data(as_text=True)
    assert "delete draft" not in page.replace("_", " ").lower()


def test_the_migration_makes_every_audited_table_autoincrement_and_indexes_names(tmp_path):
    with migrated_to(tmp_path, "7a3d5e9c2b10"):
        with db.engine.begin() as connection:
            connection.execute(
                text(
                    "INSERT INTO certification_record (legal_name, certification_number, issued_on,"
                    " expires_on, status, action, specializations, email, created_at, updated_at)"
                    " VALUES ('María López-Hernández', 'MPSS100001', '2025-01-01', '2027-01-01',"
                    " 'active', 'none', '[]', '', '2025-01-01', '2025-01-01')"
                )
            )
        upgrade()
        sqlite = db.engine.dialect.name == "sqlite"
        with db.engine.connect() as connection:
            if not sqlite:  # sequences never reuse an id; the search has its GIN index
                assert connection.exec_driver_sql(
                    "SELECT 1 FROM pg_indexes WHERE indexname = 'ix_certification_record_name_search'"
                ).scalar_one()
            for name in NEVER_REUSED_IDS if sqlite else ():
                sql = connection.exec_driver_sql(
                    "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", (name,)
                ).scalar_one()
                assert "AUTOINCREMENT" in sql, name
        from app.registry import services as registry

        assert [
            r.certification_number
            for r in registry.search(db.session, "lopez maria", 1, public=True).items
        ] == ["MPSS100001"]
        record = db.session.get(CertificationRecord, 1)
        record.legal_name = "Ana Ruiz"
        db.session.commit()
        assert registry.search(db.session, "lopez", 1, public=True).total == 0
        assert registry.search(db.session, "ruiz", 1, public=True).total == 1
