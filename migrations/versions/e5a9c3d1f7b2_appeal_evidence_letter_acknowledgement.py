"""Appeals: evidence files, the letter date entered by staff, the acknowledgement of receipt

Revision ID: e5a9c3d1f7b2
Revises: e7a3c5b9d2f1
Create Date: 2026-12-07 04:00:00.000000

- appeal_file: the files an appellant sends with an appeal or adds while it is open (§702.2.A),
  stored under generated names like every other upload.
- appeal.acknowledged_on: the day receipt was acknowledged (§805.5). Complaint-outcome appeals
  were acknowledged on the day they were filed, so those rows take their request date.
- appeal.letter_recorded_by_id: who entered the date the letter of final disposition was sent.
"""

from alembic import op
import sqlalchemy as sa

import app.dbtypes


# revision identifiers, used by Alembic.
revision = 'e5a9c3d1f7b2'
down_revision = 'e7a3c5b9d2f1'
branch_labels = None
depends_on = None


def _keep():
    """SQLite recreates the table in batch mode: it stays AUTOINCREMENT (ids never reused)."""
    return {"sqlite_autoincrement": True} if op.get_bind().dialect.name == "sqlite" else {}


def upgrade():
    op.create_table(
        'appeal_file',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('appeal_id', sa.Integer(), nullable=False),
        sa.Column('stored_name', sa.String(length=80), nullable=False),
        sa.Column('original_name', sa.String(length=200), nullable=False),
        sa.Column('size', sa.Integer(), nullable=False),
        sa.Column('sha256', sa.String(length=64), nullable=False),
        sa.Column('uploaded_by_id', sa.Integer(), nullable=False),
        sa.Column('uploaded_at', app.dbtypes.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ['appeal_id'], ['appeal.id'], name=op.f('fk_appeal_file_appeal_id_appeal')
        ),
        sa.ForeignKeyConstraint(
            ['uploaded_by_id'], ['user.id'], name=op.f('fk_appeal_file_uploaded_by_id_user')
        ),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_appeal_file')),
        sa.UniqueConstraint('stored_name', name=op.f('uq_appeal_file_stored_name')),
    )
    with op.batch_alter_table('appeal_file', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_appeal_file_appeal_id'), ['appeal_id'], unique=False)
    with op.batch_alter_table('appeal', schema=None, table_kwargs=_keep()) as batch_op:
        batch_op.add_column(sa.Column('acknowledged_on', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('letter_recorded_by_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f('fk_appeal_letter_recorded_by_id_user'),
            'user',
            ['letter_recorded_by_id'],
            ['id'],
        )
    op.execute(
        "UPDATE appeal SET acknowledged_on = requested_on WHERE complaint_id IS NOT NULL"
    )


def downgrade():
    with op.batch_alter_table('appeal', schema=None, table_kwargs=_keep()) as batch_op:
        batch_op.drop_constraint(
            batch_op.f('fk_appeal_letter_recorded_by_id_user'), type_='foreignkey'
        )
        batch_op.drop_column('letter_recorded_by_id')
        batch_op.drop_column('acknowledged_on')
    with op.batch_alter_table('appeal_file', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_appeal_file_appeal_id'))
    op.drop_table('appeal_file')
