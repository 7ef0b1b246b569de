"""The audit log's subject filter reads an index: (subject_type, seq) for the admin page's
newest-first pages and their count

Create Date: 2026-12-07 03:50:00.000000

"""

from alembic import op


# revision identifiers, used by Alembic.
revision = 'c7a1e5f3b2d9'
down_revision = 'b4d2f6a8c1e3'


def upgrade():
    op.create_index('ix_audit_event_subject_type_seq', 'audit_event', ['subject_type', 'seq'])


def downgrade():
    op.drop_index('ix_audit_event_subject_type_seq', table_name='audit_event')
