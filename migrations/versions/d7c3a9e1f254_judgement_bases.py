"""The framework and policy versions each report and decision was made under; where and how
an approved course is given, for the directory

Create Date: 2026-12-07 04:00:00.000000

"""

from alembic import op
import sqlalchemy as sa
from migration_helpers import create_table


# revision identifiers, used by Alembic.
revision = "d7c3a9e1f254"
down_revision = 'e7a3c5d9b2f1'

# Written by hand: the primary keys and foreign keys here carry no constraint name.
BASIS_SNAPSHOT = """
    id int pk
    name str120
    digest str64
    label str60
    content json
    first_seen_at ts
"""
JUDGEMENT_BASIS = """
    id int pk
    subject_type str40
    subject_id int
    kind str20
    recorded_at ts
    versions json
    basis_key str64
"""
COURSE_LISTING = """
    curriculum_id int pk -> curriculum
    delivery_format str20 index
    county str60 index
    place str120
    contact str254
    updated_at ts
    updated_by_id int null -> user
"""


def upgrade():
    create_table(
        "basis_snapshot", BASIS_SNAPSHOT, sa.UniqueConstraint("name", "digest"), named=False
    )
    create_table("judgement_basis", JUDGEMENT_BASIS, named=False)
    op.create_index("ix_judgement_basis_subject", "judgement_basis", ["subject_type", "subject_id"])
    op.create_index("ix_judgement_basis_key", "judgement_basis", ["kind", "basis_key"])
    create_table("course_listing", COURSE_LISTING, named=False)


def downgrade():
    op.drop_table("course_listing")
    op.drop_index("ix_judgement_basis_key", table_name="judgement_basis")
    op.drop_index("ix_judgement_basis_subject", table_name="judgement_basis")
    op.drop_table("judgement_basis")
    op.drop_table("basis_snapshot")
