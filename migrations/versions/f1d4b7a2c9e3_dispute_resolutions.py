"""Disputes of reported CE entries are resolved; a withdrawn entry is kept but not counted

Revision ID: f1d4b7a2c9e3
Revises: e5a1c9d3f7b2
Create Date: 2026-12-07 07:30:00.000000

"""

from alembic import op
import sqlalchemy as sa
import app.dbtypes


# revision identifiers, used by Alembic.
revision = "f1d4b7a2c9e3"
down_revision = "e5a1c9d3f7b2"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("ce_reported_completion") as batch:
        batch.add_column(sa.Column("resolution", sa.String(length=20), nullable=True))
        batch.add_column(
            sa.Column("resolved_at", app.dbtypes.UTCDateTime(timezone=True), nullable=True)
        )
        batch.add_column(sa.Column("resolved_by_id", sa.Integer(), nullable=True))
        batch.add_column(
            sa.Column(
                "resolution_reason", sa.String(length=2000), nullable=False, server_default=""
            )
        )
        batch.create_foreign_key(
            batch.f("fk_ce_reported_completion_resolved_by_id_user"),
            "user",
            ["resolved_by_id"],
            ["id"],
        )
    with op.batch_alter_table("ce_entry") as batch:
        batch.add_column(
            sa.Column("withdrawn_at", app.dbtypes.UTCDateTime(timezone=True), nullable=True)
        )
        batch.add_column(
            sa.Column("withdrawn_reason", sa.String(length=2000), nullable=False, server_default="")
        )


def downgrade():
    with op.batch_alter_table("ce_entry") as batch:
        batch.drop_column("withdrawn_reason")
        batch.drop_column("withdrawn_at")
    with op.batch_alter_table("ce_reported_completion") as batch:
        batch.drop_constraint(
            batch.f("fk_ce_reported_completion_resolved_by_id_user"), type_="foreignkey"
        )
        batch.drop_column("resolution_reason")
        batch.drop_column("resolved_by_id")
        batch.drop_column("resolved_at")
        batch.drop_column("resolution")
