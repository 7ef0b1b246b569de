"""Appeals: evidence files, the letter date entered by staff, the acknowledgement of receipt

Create Date: 2026-12-07 04:00:00.000000

- appeal_file: the files an appellant sends with an appeal or adds while it is open (§702.2.A),
  stored under generated names like every other upload.
- appeal.acknowledged_on: the day receipt was acknowledged (§805.5). Complaint-outcome appeals
  were acknowledged on the day they were filed, so those rows take their request date.
- appeal.letter_recorded_by_id: who entered the date the letter of final disposition was sent.
"""

from alembic import op
from migration_helpers import add_columns, create_table, drop_columns


# revision identifiers, used by Alembic.
revision = 'e5a9c3d1f7b2'
down_revision = 'e7a3c5b9d2f1'


def _keep():
    """SQLite recreates the table in batch mode: it stays AUTOINCREMENT (ids never reused)."""
    return {"sqlite_autoincrement": True} if op.get_bind().dialect.name == "sqlite" else {}

APPEAL_FILE = """
    id int pk
    appeal_id int index -> appeal
    stored_name str80 unique
    original_name str200
    size int
    sha256 str64
    uploaded_by_id int -> user
    uploaded_at ts
"""
APPEAL = """
    acknowledged_on date null
    letter_recorded_by_id int null -> user
"""


def upgrade():
    create_table("appeal_file", APPEAL_FILE)
    add_columns("appeal", APPEAL, table_kwargs=_keep())
    op.execute(
        "UPDATE appeal SET acknowledged_on = requested_on WHERE complaint_id IS NOT NULL"
    )


def downgrade():
    drop_columns("appeal", APPEAL, table_kwargs=_keep())
    op.drop_table("appeal_file")
