"""The framework and policy versions each report and decision was made under; where and how
an approved course is given, for the directory

Revision ID: d7c3a9e1f254
Revises: e7a3c5d9b2f1
Create Date: 2026-12-07 04:00:00.000000

"""

from alembic import op
import sqlalchemy as sa
import app.dbtypes


# revision identifiers, used by Alembic.
revision = "d7c3a9e1f254"
down_revision = 'e7a3c5d9b2f1'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "basis_snapshot",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("digest", sa.String(length=64), nullable=False),
        sa.Column("label", sa.String(length=60), nullable=False),
        sa.Column("content", sa.JSON(), nullable=False),
        sa.Column("first_seen_at", app.dbtypes.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("name", "digest"),
    )
    op.create_table(
        "judgement_basis",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("subject_type", sa.String(length=40), nullable=False),
        sa.Column("subject_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("recorded_at", app.dbtypes.UTCDateTime(timezone=True), nullable=False),
        sa.Column("versions", sa.JSON(), nullable=False),
        sa.Column("basis_key", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_judgement_basis_subject", "judgement_basis", ["subject_type", "subject_id"])
    op.create_index("ix_judgement_basis_key", "judgement_basis", ["kind", "basis_key"])
    op.create_table(
        "course_listing",
        sa.Column("curriculum_id", sa.Integer(), nullable=False),
        sa.Column("delivery_format", sa.String(length=20), nullable=False),
        sa.Column("county", sa.String(length=60), nullable=False),
        sa.Column("place", sa.String(length=120), nullable=False),
        sa.Column("contact", sa.String(length=254), nullable=False),
        sa.Column("updated_at", app.dbtypes.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["curriculum_id"], ["curriculum.id"]),
        sa.ForeignKeyConstraint(["updated_by_id"], ["user.id"]),
        sa.PrimaryKeyConstraint("curriculum_id"),
    )
    op.create_index("ix_course_listing_county", "course_listing", ["county"])
    op.create_index("ix_course_listing_delivery_format", "course_listing", ["delivery_format"])


def downgrade():
    op.drop_index("ix_course_listing_delivery_format", table_name="course_listing")
    op.drop_index("ix_course_listing_county", table_name="course_listing")
    op.drop_table("course_listing")
    op.drop_index("ix_judgement_basis_key", table_name="judgement_basis")
    op.drop_index("ix_judgement_basis_subject", table_name="judgement_basis")
    op.drop_table("judgement_basis")
    op.drop_table("basis_snapshot")
