"""CE records reviews close with an outcome over a stated period

Revision ID: c3e12a7f0b51
Revises: 263f5714247d
Create Date: 2026-11-23 18:30:00

"""
from alembic import op
import sqlalchemy as sa

import app.dbtypes


# revision identifiers, used by Alembic.
revision = 'c3e12a7f0b51'
down_revision = '263f5714247d'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('ce_audit_selection', schema=None) as batch_op:
        batch_op.add_column(sa.Column('period_start', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('period_end', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('closed_at', app.dbtypes.UTCDateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('closed_by_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('outcome', sa.String(length=20), nullable=True))
        batch_op.add_column(sa.Column('outcome_note', sa.String(length=2000), nullable=False, server_default=''))
        batch_op.create_foreign_key(batch_op.f('fk_ce_audit_selection_closed_by_id_user'), 'user', ['closed_by_id'], ['id'])


def downgrade():
    with op.batch_alter_table('ce_audit_selection', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_ce_audit_selection_closed_by_id_user'), type_='foreignkey')
        batch_op.drop_column('outcome_note')
        batch_op.drop_column('outcome')
        batch_op.drop_column('closed_by_id')
        batch_op.drop_column('closed_at')
        batch_op.drop_column('period_end')
        batch_op.drop_column('period_start')
