"""Lock versions on records reviews, registry records and approval renewals; the outbox's
sending lease and stable Message-ID

Create Date: 2026-12-07 00:30:00.000000

"""

from alembic import op
import sqlalchemy as sa

import app.dbtypes


# revision identifiers, used by Alembic.
revision = 'b4d2f6a8c1e3'
down_revision = 'b4f9d2e7a1c3'

VERSIONED = ('ce_audit_selection', 'certification_record', 'approval_renewal')


def upgrade():
    for table in VERSIONED:
        with op.batch_alter_table(table) as batch:
            batch.add_column(
                sa.Column('lock_version', sa.Integer(), nullable=False, server_default='1')
            )
    with op.batch_alter_table('outbox_email') as batch:
        batch.add_column(
            sa.Column('claimed_at', app.dbtypes.UTCDateTime(timezone=True), nullable=True)
        )
        batch.add_column(
            sa.Column('lease_until', app.dbtypes.UTCDateTime(timezone=True), nullable=True)
        )
        batch.add_column(sa.Column('message_id', sa.String(length=255), nullable=True))


def downgrade():
    with op.batch_alter_table('outbox_email') as batch:
        batch.drop_column('message_id')
        batch.drop_column('lease_until')
        batch.drop_column('claimed_at')
    for table in VERSIONED:
        with op.batch_alter_table(table) as batch:
            batch.drop_column('lock_version')
