"""Reviewers choose how new work is emailed (at once or a daily digest); the digest's held items

Revision ID: e7a3c5d1f209
Revises: c7a1e5f3b2d9
Create Date: 2026-12-07 03:45:43.990672

"""
from alembic import op
import sqlalchemy as sa

import app.dbtypes


# revision identifiers, used by Alembic.
revision = 'e7a3c5d1f209'
down_revision = 'c7a1e5f3b2d9'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('digest_item',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('created_at', app.dbtypes.UTCDateTime(timezone=True), nullable=False),
    sa.Column('subject', sa.String(length=300), nullable=False),
    sa.Column('link', sa.String(length=500), nullable=False),
    sa.Column('sent_at', app.dbtypes.UTCDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_digest_item_user_id_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_digest_item'))
    )
    with op.batch_alter_table('digest_item', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_digest_item_sent_at'), ['sent_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_digest_item_user_id'), ['user_id'], unique=False)

    op.create_table('email_delivery',
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('delivery', sa.String(length=20), nullable=False),
    sa.Column('updated_at', app.dbtypes.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_email_delivery_user_id_user')),
    sa.PrimaryKeyConstraint('user_id', name=op.f('pk_email_delivery'))
    )


def downgrade():
    op.drop_table('email_delivery')
    with op.batch_alter_table('digest_item', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_digest_item_user_id'))
        batch_op.drop_index(batch_op.f('ix_digest_item_sent_at'))

    op.drop_table('digest_item')
