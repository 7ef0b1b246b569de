"""The administration page reads the organizations awaiting approval and the pending
invitations through partial indexes, not by scanning their tables

Create Date: 2026-12-07 15:10:00.000000

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "a7c3e9f1b5d2"
down_revision = "f1d4b7a2c9e3"


def upgrade():
    op.create_index(
        "ix_organization_awaiting_name",
        "organization",
        ["name"],
        postgresql_where=sa.text("approved IS false"),
        sqlite_where=sa.text("approved IS 0"),
    )
    op.create_index(
        "ix_invitation_pending_created_at",
        "invitation",
        ["created_at"],
        postgresql_where=sa.text("accepted_at IS NULL"),
        sqlite_where=sa.text("accepted_at IS NULL"),
    )


def downgrade():
    op.drop_index("ix_invitation_pending_created_at", table_name="invitation")
    op.drop_index("ix_organization_awaiting_name", table_name="organization")
