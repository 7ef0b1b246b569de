"""A signed-in person's interface language

Create Date: 2026-12-07 04:00:00.000000

"""

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "e5a1c9d3f7b2"
down_revision = 'e5a9c3d1f7b2'


def upgrade():
    with op.batch_alter_table("user") as batch:
        batch.add_column(sa.Column("locale", sa.String(length=8), nullable=True))


def downgrade():
    with op.batch_alter_table("user") as batch:
        batch.drop_column("locale")
