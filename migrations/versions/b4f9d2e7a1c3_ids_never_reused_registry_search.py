"""ids never reused on SQLite, the registry's full-text name search, the respondent's identity

Create Date: 2026-12-07 00:30:00.000000

- SQLite: the tables whose ids the audit log refers to become AUTOINCREMENT (batch mode
  recreates each), so a deleted row's id is never given to a new one.
- certification_record.name_folded (the name without accents, case or punctuation), filled for
  every record; SQLite: an FTS5 table over it kept by triggers; PostgreSQL: a GIN index over
  to_tsvector('simple', name_folded).
- complaint: the name typed for the respondent and the staff's confirmation of the identity.
"""

from alembic import op
import sqlalchemy as sa

import app.dbtypes


# revision identifiers, used by Alembic.
revision = 'b4f9d2e7a1c3'
down_revision = '9e4b2d7c1a30'

# As app.audit.models.NEVER_REUSED_IDS when this migration was written.
NEVER_REUSED_IDS = (
    "applicant_record",
    "appeal",
    "approval_renewal",
    "ce_audit",
    "ce_entry",
    "certification_record",
    "complaint",
    "curriculum",
    "curriculum_change",
    "curriculum_version",
    "invitation",
    "organization",
    "peer_profile",
    "renewal_application",
    "user",
)

SQLITE_SEARCH_DDL = (
    "CREATE VIRTUAL TABLE certification_record_fts USING fts5(name_folded, "
    "content='certification_record', content_rowid='id', prefix='2 3')",
    "CREATE TRIGGER certification_record_fts_ai AFTER INSERT ON certification_record BEGIN "
    "INSERT INTO certification_record_fts(rowid, name_folded) VALUES (new.id, new.name_folded); END",
    "CREATE TRIGGER certification_record_fts_ad AFTER DELETE ON certification_record BEGIN "
    "INSERT INTO certification_record_fts(certification_record_fts, rowid, name_folded) "
    "VALUES ('delete', old.id, old.name_folded); END",
    "CREATE TRIGGER certification_record_fts_au AFTER UPDATE OF name_folded ON "
    "certification_record BEGIN "
    "INSERT INTO certification_record_fts(certification_record_fts, rowid, name_folded) "
    "VALUES ('delete', old.id, old.name_folded); "
    "INSERT INTO certification_record_fts(rowid, name_folded) VALUES (new.id, new.name_folded); END",
    "INSERT INTO certification_record_fts(certification_record_fts) VALUES ('rebuild')",
)
SQLITE_SEARCH_DROP = (
    "DROP TRIGGER IF EXISTS certification_record_fts_au",
    "DROP TRIGGER IF EXISTS certification_record_fts_ad",
    "DROP TRIGGER IF EXISTS certification_record_fts_ai",
    "DROP TABLE IF EXISTS certification_record_fts",
)
PG_INDEX = "ix_certification_record_name_search"


def _fold(text):
    import re
    import unicodedata

    decomposed = unicodedata.normalize("NFKD", text or "")
    bare = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return " ".join(re.findall(r"[^\W_]+", bare))[:200]


def upgrade():
    bind = op.get_bind()
    sqlite = bind.dialect.name == "sqlite"
    if sqlite:
        for name in NEVER_REUSED_IDS:
            with op.batch_alter_table(
                name, recreate="always", table_kwargs={"sqlite_autoincrement": True}
            ):
                pass

    keep = {"sqlite_autoincrement": True} if sqlite else {}
    with op.batch_alter_table('certification_record', table_kwargs=keep) as batch_op:
        batch_op.add_column(
            sa.Column('name_folded', sa.String(length=200), server_default='', nullable=False)
        )
    records = sa.table(
        'certification_record',
        sa.column('id', sa.Integer),
        sa.column('legal_name', sa.String),
        sa.column('name_folded', sa.String),
    )
    rows = bind.execute(sa.select(records.c.id, records.c.legal_name)).all()
    for row in rows:
        bind.execute(
            records.update().where(records.c.id == row.id).values(name_folded=_fold(row.legal_name))
        )
    if sqlite:
        for statement in SQLITE_SEARCH_DDL:
            op.execute(statement)
    elif bind.dialect.name == "postgresql":
        op.execute(
            f"CREATE INDEX {PG_INDEX} ON certification_record "
            "USING gin (to_tsvector('simple', name_folded))"
        )

    with op.batch_alter_table('complaint', table_kwargs=keep) as batch_op:
        batch_op.add_column(
            sa.Column(
                'respondent_typed_name', sa.String(length=200), server_default='', nullable=False
            )
        )
        batch_op.add_column(
            sa.Column('identity_confirmed_at', app.dbtypes.UTCDateTime(timezone=True), nullable=True)
        )
        batch_op.add_column(sa.Column('identity_confirmed_by_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('identity_note', sa.Text(), server_default='', nullable=False))
        batch_op.create_foreign_key(
            batch_op.f('fk_complaint_identity_confirmed_by_id_user'),
            'user',
            ['identity_confirmed_by_id'],
            ['id'],
        )


def downgrade():
    bind = op.get_bind()
    sqlite = bind.dialect.name == "sqlite"
    with op.batch_alter_table('complaint', schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f('fk_complaint_identity_confirmed_by_id_user'), type_='foreignkey'
        )
        batch_op.drop_column('identity_note')
        batch_op.drop_column('identity_confirmed_by_id')
        batch_op.drop_column('identity_confirmed_at')
        batch_op.drop_column('respondent_typed_name')
    if sqlite:
        for statement in SQLITE_SEARCH_DROP:
            op.execute(statement)
    elif bind.dialect.name == "postgresql":
        op.execute(f"DROP INDEX IF EXISTS {PG_INDEX}")
    with op.batch_alter_table('certification_record', schema=None) as batch_op:
        batch_op.drop_column('name_folded')
    if sqlite:
        for name in NEVER_REUSED_IDS:
            with op.batch_alter_table(name, recreate="always"):
                pass
