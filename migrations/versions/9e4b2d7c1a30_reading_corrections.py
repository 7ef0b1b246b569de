"""Providers' corrections of what the checker read, and the reviewers' decisions on them

Create Date: 2026-12-07 00:12:09.172382

"""


from migration_helpers import create_tables, drop_tables


# revision identifiers, used by Alembic.
revision = '9e4b2d7c1a30'
down_revision = 'b4e7c1d9a305'


TABLES = {
    "reading_correction": """
        id int pk
        version_id int index -> curriculum_version
        line int
        field str20
        value json
        machine_read text
        provider_says text
        source_line text
        created_by_id int -> user
        created_at ts
        status str20
        decided_by_id int null -> user
        decided_at ts null
        decision_note text
    """,
}


def upgrade():
    create_tables(TABLES)


def downgrade():
    drop_tables(TABLES)
