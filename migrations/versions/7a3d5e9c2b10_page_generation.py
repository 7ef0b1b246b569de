"""The page generation counter the page cache is keyed by

Revision ID: 7a3d5e9c2b10
Revises: 5b1e0c7a9d42
Create Date: 2026-11-23 21:30:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '7a3d5e9c2b10'
down_revision = '5b1e0c7a9d42'
branch_labels = None
depends_on = None


def upgrade():
    table = op.create_table(
        'page_generation',
        sa.Column('id', sa.Integer(), autoincrement=False, nullable=False),
        sa.Column('value', sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_page_generation')),
    )
    op.bulk_insert(table, [{'id': 1, 'value': 0}])


def downgrade():
    op.drop_table('page_generation')
