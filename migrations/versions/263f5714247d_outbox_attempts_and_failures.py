"""outbox attempts and failures

Create Date: 2026-11-23 16:15:30.502704

"""


from migration_helpers import add_columns, drop_columns


# revision identifiers, used by Alembic.
revision = '263f5714247d'
down_revision = '8fc478d91795'


OUTBOX = """
    attempts int default=0
    failed_at ts null
"""


def upgrade():
    add_columns("outbox_email", OUTBOX)


def downgrade():
    drop_columns("outbox_email", OUTBOX)
