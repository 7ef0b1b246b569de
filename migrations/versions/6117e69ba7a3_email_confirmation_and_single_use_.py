"""email confirmation and single-use account tokens

Create Date: 2026-11-23 15:59:18.781880

"""

from alembic import op
from migration_helpers import add_columns, create_tables, drop_columns, drop_tables


# revision identifiers, used by Alembic.
revision = '6117e69ba7a3'
down_revision = '4c92f9802e5d'


TABLES = {
    "account_token": """
        id int pk
        user_id int index -> user
        purpose str20
        token_hash str64 unique
        created_at ts
        expires_at ts
        used_at ts null
    """,
}

def upgrade():
    create_tables(TABLES)
    add_columns("user", "email_verified_at ts null")
    # Accounts that existed before confirmation was required count as confirmed.
    op.execute('UPDATE "user" SET email_verified_at = created_at')


def downgrade():
    drop_columns("user", "email_verified_at ts null")
    drop_tables(TABLES)
