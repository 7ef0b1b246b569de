"""second factor: authenticator apps and recovery codes

Create Date: 2026-11-23 16:04:15.490599

"""


from migration_helpers import create_tables, drop_tables


# revision identifiers, used by Alembic.
revision = '3ed7f9ee0df6'
down_revision = '6117e69ba7a3'


TABLES = {
    "recovery_code": """
        id int pk
        user_id int index -> user
        code_hash str64 unique
        used_at ts null
    """,
    "totp_credential": """
        user_id int pk -> user
        secret str64
        created_at ts
        last_counter int
    """,
}


def upgrade():
    create_tables(TABLES)


def downgrade():
    drop_tables(TABLES)
