"""scheduled jobs the workers share

Revision ID: 4d1c0b7e9a21
Revises: 09ed9926d2cc
Create Date: 2026-11-23 18:20:00.000000

"""
from alembic import op
import sqlalchemy as sa

import app.dbtypes


# revision identifiers, used by Alembic.
revision = '4d1c0b7e9a21'
down_revision = '09ed9926d2cc'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'scheduled_job',
        sa.Column('name', sa.String(length=60), nullable=False),
        sa.Column('last_day', sa.Date(), nullable=True),
        sa.Column('finished_at', app.dbtypes.UTCDateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint('name', name=op.f('pk_scheduled_job')),
    )


def downgrade():
    op.drop_table('scheduled_job')
