"""sign-in limits and security events

Create Date: 2026-11-23 15:25:44.541571

"""


from migration_helpers import add_columns, create_tables, drop_columns, drop_tables


# revision identifiers, used by Alembic.
revision = '4c92f9802e5d'
down_revision = 'de6266ae41f8'


TABLES = {
    "attempt_counter": """
        key str120 pk
        attempts int
        window_started_at ts index
        locked_until ts null
        lockouts int
    """,
    "security_event": """
        id int pk
        at ts index
        event str40 index
        outcome str20
        user_id int null index -> user
        identifier str254
        address str64
        user_agent str300
        path str300
        details json
    """,
}

# The user's old sign-in limit columns; the upgrade drops them, the downgrade brings them back.
USER_LIMITS = """
    locked_until ts null
    failed_logins int default=0
"""


def upgrade():
    create_tables(TABLES)
    drop_columns("user", USER_LIMITS)


def downgrade():
    add_columns("user", USER_LIMITS)
    drop_tables(TABLES)
