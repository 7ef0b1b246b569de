"""scheduled jobs the workers share

Create Date: 2026-11-23 18:20:00.000000

"""


from migration_helpers import create_tables, drop_tables


# revision identifiers, used by Alembic.
revision = '4d1c0b7e9a21'
down_revision = '09ed9926d2cc'


TABLES = {
    "scheduled_job": """
        name str60 pk
        last_day date null
        finished_at ts null
    """,
}


def upgrade():
    create_tables(TABLES)


def downgrade():
    drop_tables(TABLES)
