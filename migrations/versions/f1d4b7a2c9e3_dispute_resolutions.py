"""Disputes of reported CE entries are resolved; a withdrawn entry is kept but not counted

Create Date: 2026-12-07 07:30:00.000000

"""


from migration_helpers import add_columns, drop_columns


# revision identifiers, used by Alembic.
revision = "f1d4b7a2c9e3"
down_revision = "e5a1c9d3f7b2"

CE_REPORTED_COMPLETION = """
    resolution str20 null
    resolved_at ts null
    resolved_by_id int null -> user
    resolution_reason str2000 default=''
"""
CE_ENTRY = """
    withdrawn_at ts null
    withdrawn_reason str2000 default=''
"""


def upgrade():
    add_columns("ce_reported_completion", CE_REPORTED_COMPLETION)
    add_columns("ce_entry", CE_ENTRY)


def downgrade():
    drop_columns("ce_entry", CE_ENTRY)
    drop_columns("ce_reported_completion", CE_REPORTED_COMPLETION)
