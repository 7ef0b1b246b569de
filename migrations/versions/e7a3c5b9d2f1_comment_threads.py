"""Comment threads on a submission: a thread per module or competency and its messages

Revision ID: e7a3c5b9d2f1
Revises: d7c3a9e1f254
Create Date: 2026-12-07 04:00:00.000000

"""
from alembic import op
import sqlalchemy as sa
import app.dbtypes


# revision identifiers, used by Alembic.
revision = 'e7a3c5b9d2f1'
down_revision = 'd7c3a9e1f254'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('comment_thread',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('curriculum_id', sa.Integer(), nullable=False),
    sa.Column('version_id', sa.Integer(), nullable=False),
    sa.Column('target', sa.String(length=320), nullable=False),
    sa.Column('opened_by_id', sa.Integer(), nullable=False),
    sa.Column('opened_at', app.dbtypes.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['curriculum_id'], ['curriculum.id'], name=op.f('fk_comment_thread_curriculum_id_curriculum')),
    sa.ForeignKeyConstraint(['opened_by_id'], ['user.id'], name=op.f('fk_comment_thread_opened_by_id_user')),
    sa.ForeignKeyConstraint(['version_id'], ['curriculum_version.id'], name=op.f('fk_comment_thread_version_id_curriculum_version')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_comment_thread')),
    sqlite_autoincrement=True,
    )
    with op.batch_alter_table('comment_thread', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_comment_thread_curriculum_id'), ['curriculum_id'], unique=False)

    op.create_table('thread_message',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('thread_id', sa.Integer(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('at', app.dbtypes.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['author_id'], ['user.id'], name=op.f('fk_thread_message_author_id_user')),
    sa.ForeignKeyConstraint(['thread_id'], ['comment_thread.id'], name=op.f('fk_thread_message_thread_id_comment_thread')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_thread_message')),
    sqlite_autoincrement=True,
    )
    with op.batch_alter_table('thread_message', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_thread_message_thread_id'), ['thread_id'], unique=False)


def downgrade():
    with op.batch_alter_table('thread_message', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_thread_message_thread_id'))
    op.drop_table('thread_message')
    with op.batch_alter_table('comment_thread', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_comment_thread_curriculum_id'))
    op.drop_table('comment_thread')
