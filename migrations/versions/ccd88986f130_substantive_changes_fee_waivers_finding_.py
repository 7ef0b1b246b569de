"""substantive changes, fee waivers, finding overrides, queue fields

Create Date: 2026-11-23 18:17:14.004244

"""

from alembic import op
from migration_helpers import add_columns, create_tables, drop_columns, drop_tables


# revision identifiers, used by Alembic.
revision = 'ccd88986f130'
down_revision = 'c3e12a7f0b51'


TABLES = {
    "curriculum_change": """
        id int pk
        curriculum_id int index -> curriculum
        version_id int -> curriculum_version
        state str30
        intended_use_on date
        note text
        submitted_at ts
        decided_at ts null
        decided_by_id int null -> user
        decision_reason text
        lock_version int
    """,
    "finding_override": """
        id int pk
        version_id int index -> curriculum_version
        finding_index int
        code str60
        reason text
        reviewer_id int -> user
        at ts
    """,
}


CURRICULUM = """
    fee_waived_reason text default=''
    approved_version_number int null
    assigned_to_id int null -> user
    is_open bool default=false
    due_on date null
    queue_key int default=30000000
"""
CURRICULUM_INDEXES = (
    ("ix_curriculum_assigned_queue", ["assigned_to_id", "queue_key"]),
    ("ix_curriculum_queue", ["queue_key", "id"]),
)


def upgrade():
    create_tables(TABLES)
    add_columns("curriculum", CURRICULUM, indexes=CURRICULUM_INDEXES)
    add_columns("review_comment", "sent_at ts null")

    # Existing rows: an approval stands on the latest version; open items are open; comments
    # on curricula no longer waiting for a decision count as sent.
    op.execute(
        "UPDATE curriculum SET approved_version_number = (SELECT max(number) FROM curriculum_version"
        " WHERE curriculum_version.curriculum_id = curriculum.id)"
        " WHERE state IN ('approved', 'appeal_approved')"
    )
    op.execute(
        "UPDATE curriculum SET is_open = true, queue_key = 10000000"
        " WHERE state IN ('incomplete', 'submitted', 'revisions_requested', 'appealed')"
    )
    op.execute(
        "UPDATE curriculum SET queue_key = 20000000 WHERE state <> 'draft' AND is_open = false"
    )
    op.execute(
        "UPDATE review_comment SET sent_at = at WHERE version_id IN (SELECT v.id FROM"
        " curriculum_version v JOIN curriculum c ON c.id = v.curriculum_id"
        " WHERE c.state <> 'submitted')"
    )


def downgrade():
    drop_columns("review_comment", "sent_at ts null")
    drop_columns("curriculum", CURRICULUM, indexes=CURRICULUM_INDEXES)
    drop_tables(TABLES)
