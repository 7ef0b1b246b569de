"""Comment threads on a submission: a thread per module or competency and its messages

Create Date: 2026-12-07 04:00:00.000000

"""


from migration_helpers import create_tables, drop_tables


# revision identifiers, used by Alembic.
revision = 'e7a3c5b9d2f1'
down_revision = 'd7c3a9e1f254'

TABLES = {
    "comment_thread": """
        id int pk
        curriculum_id int index -> curriculum
        version_id int -> curriculum_version
        target str320
        opened_by_id int -> user
        opened_at ts
    """,
    "thread_message": """
        id int pk
        thread_id int index -> comment_thread
        author_id int -> user
        body text
        at ts
    """,
}


def upgrade():
    create_tables(TABLES, sqlite_autoincrement=True)


def downgrade():
    drop_tables(TABLES)
