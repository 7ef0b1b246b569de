"""Reviewers choose how new work is emailed (at once or a daily digest); the digest's held items

Create Date: 2026-12-07 03:45:43.990672

"""


from migration_helpers import create_tables, drop_tables


# revision identifiers, used by Alembic.
revision = 'e7a3c5d1f209'
down_revision = 'c7a1e5f3b2d9'


TABLES = {
    "digest_item": """
        id int pk
        user_id int index -> user
        created_at ts
        subject str300
        link str500
        sent_at ts null index
    """,
    "email_delivery": """
        user_id int pk -> user
        delivery str20
        updated_at ts
    """,
}


def upgrade():
    create_tables(TABLES)


def downgrade():
    drop_tables(TABLES)
