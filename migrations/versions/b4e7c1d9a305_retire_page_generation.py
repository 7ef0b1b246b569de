"""Retire the page generation counter; indexes for the aggregated pages

Create Date: 2026-12-07 00:10:00.000000

"""

from alembic import op
from migration_helpers import create_table


# revision identifiers, used by Alembic.
revision = 'b4e7c1d9a305'
down_revision = '7a3d5e9c2b10'


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
    table = create_table("page_generation", """
        id int pk noauto
        value bigint
    """)
    op.bulk_insert(table, [{'id': 1, 'value': 0}])
