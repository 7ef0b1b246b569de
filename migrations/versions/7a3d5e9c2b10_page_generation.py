"""The page generation counter the page cache is keyed by

Create Date: 2026-11-23 21:30:00.000000

"""

from alembic import op
from migration_helpers import create_table


# revision identifiers, used by Alembic.
revision = '7a3d5e9c2b10'
down_revision = '5b1e0c7a9d42'

def upgrade():
    table = create_table("page_generation", """
        id int pk noauto
        value bigint
    """)
    op.bulk_insert(table, [{'id': 1, 'value': 0}])


def downgrade():
    op.drop_table('page_generation')
