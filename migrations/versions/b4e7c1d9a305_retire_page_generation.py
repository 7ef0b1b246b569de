"""Retire the page generation counter; indexes for the aggregated pages

Revision ID: b4e7c1d9a305
Revises: 7a3d5e9c2b10
Create Date: 2026-12-07 00:10:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'b4e7c1d9a305'
down_revision = '7a3d5e9c2b10'
branch_labels = None
depends_on = None


INDEXES = (
    ('applicant_record', 'exam_registered_on'),
    ('training_record', 'registered_on'),
    ('peer_profile', 'issued_on'),
)


def upgrade():
    op.drop_table('page_generation')
    # The DHCS report counts by these dates; the records-review draw reads peers by issue date.
    for table, column in INDEXES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.create_index(batch_op.f(f'ix_{table}_{column}'), [column], unique=False)


def downgrade():
    for table, column in INDEXES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_index(batch_op.f(f'ix_{table}_{column}'))
    table = op.create_table(
        'page_generation',
        sa.Column('id', sa.Integer(), autoincrement=False, nullable=False),
        sa.Column('value', sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_page_generation')),
    )
    op.bulk_insert(table, [{'id': 1, 'value': 0}])
