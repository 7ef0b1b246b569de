"""Completion rosters posted to peers' CE records: roster postings and reported completions

Create Date: 2026-12-07 04:00:00.000000

"""


from migration_helpers import create_tables, drop_tables


# revision identifiers, used by Alembic.
revision = 'e7a3c5d9b2f1'
down_revision = 'e7a3c5d1f209'


TABLES = {
    "roster_posting": """
        id int pk
        curriculum_id int index -> curriculum
        stored_name str80 unique
        original_name str200
        lines json
        uploaded_by_id int -> user
        uploaded_at ts
        posted_at ts null
        posted_by_id int null -> user
        roster_id int null -> completion_roster
    """,
    "ce_reported_completion": """
        id int pk
        entry_id int unique -> ce_entry cascade
        posting_id int index -> roster_posting
        curriculum_id int index -> curriculum
        line int
        peer_values json null
        disputed_at ts null
        dispute_reason str2000
    """,
}


def upgrade():
    create_tables(TABLES)


def downgrade():
    drop_tables(TABLES)
