"""Completion rosters posted to peers' CE records: roster postings and reported completions

Revision ID: e7a3c5d9b2f1
Revises: e7a3c5d1f209
Create Date: 2026-12-07 04:00:00.000000

"""
from alembic import op
import sqlalchemy as sa
import app.dbtypes


# revision identifiers, used by Alembic.
revision = 'e7a3c5d9b2f1'
down_revision = 'e7a3c5d1f209'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('roster_posting',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('curriculum_id', sa.Integer(), nullable=False),
    sa.Column('stored_name', sa.String(length=80), nullable=False),
    sa.Column('original_name', sa.String(length=200), nullable=False),
    sa.Column('lines', sa.JSON(), nullable=False),
    sa.Column('uploaded_by_id', sa.Integer(), nullable=False),
    sa.Column('uploaded_at', app.dbtypes.UTCDateTime(timezone=True), nullable=False),
    sa.Column('posted_at', app.dbtypes.UTCDateTime(timezone=True), nullable=True),
    sa.Column('posted_by_id', sa.Integer(), nullable=True),
    sa.Column('roster_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['curriculum_id'], ['curriculum.id'], name=op.f('fk_roster_posting_curriculum_id_curriculum')),
    sa.ForeignKeyConstraint(['uploaded_by_id'], ['user.id'], name=op.f('fk_roster_posting_uploaded_by_id_user')),
    sa.ForeignKeyConstraint(['posted_by_id'], ['user.id'], name=op.f('fk_roster_posting_posted_by_id_user')),
    sa.ForeignKeyConstraint(['roster_id'], ['completion_roster.id'], name=op.f('fk_roster_posting_roster_id_completion_roster')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_roster_posting')),
    sa.UniqueConstraint('stored_name', name=op.f('uq_roster_posting_stored_name'))
    )
    with op.batch_alter_table('roster_posting', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_roster_posting_curriculum_id'), ['curriculum_id'], unique=False)

    op.create_table('ce_reported_completion',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('entry_id', sa.Integer(), nullable=False),
    sa.Column('posting_id', sa.Integer(), nullable=False),
    sa.Column('curriculum_id', sa.Integer(), nullable=False),
    sa.Column('line', sa.Integer(), nullable=False),
    sa.Column('peer_values', sa.JSON(), nullable=True),
    sa.Column('disputed_at', app.dbtypes.UTCDateTime(timezone=True), nullable=True),
    sa.Column('dispute_reason', sa.String(length=2000), nullable=False),
    sa.ForeignKeyConstraint(['entry_id'], ['ce_entry.id'], name=op.f('fk_ce_reported_completion_entry_id_ce_entry'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['posting_id'], ['roster_posting.id'], name=op.f('fk_ce_reported_completion_posting_id_roster_posting')),
    sa.ForeignKeyConstraint(['curriculum_id'], ['curriculum.id'], name=op.f('fk_ce_reported_completion_curriculum_id_curriculum')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_ce_reported_completion')),
    sa.UniqueConstraint('entry_id', name=op.f('uq_ce_reported_completion_entry_id'))
    )
    with op.batch_alter_table('ce_reported_completion', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_ce_reported_completion_curriculum_id'), ['curriculum_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_ce_reported_completion_posting_id'), ['posting_id'], unique=False)


def downgrade():
    with op.batch_alter_table('ce_reported_completion', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_ce_reported_completion_posting_id'))
        batch_op.drop_index(batch_op.f('ix_ce_reported_completion_curriculum_id'))
    op.drop_table('ce_reported_completion')
    with op.batch_alter_table('roster_posting', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_roster_posting_curriculum_id'))
    op.drop_table('roster_posting')
