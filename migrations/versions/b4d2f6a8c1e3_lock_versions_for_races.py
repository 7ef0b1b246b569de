"""Lock versions on records reviews, registry records and approval renewals

Revision ID: b4d2f6a8c1e3
Revises: 7a3d5e9c2b10
Create Date: 2026-12-07 00:30:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'b4d2f6a8c1e3'
down_revision = '7a3d5e9c2b10'
branch_labels = None
depends_on = None

TABLES = ('ce_audit_selection', 'certification_record', 'approval_renewal')


def upgrade():
    for table in TABLES:
        with op.batch_alter_table(table) as batch:
            batch.add_column(
                sa.Column('lock_version', sa.Integer(), nullable=False, server_default='1')
            )


def downgrade():
    for table in TABLES:
        with op.batch_alter_table(table) as batch:
            batch.drop_column('lock_version')
