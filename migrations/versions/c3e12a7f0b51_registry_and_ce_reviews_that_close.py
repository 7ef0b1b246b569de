"""Certification registry with claim codes and renewals; CE records reviews close with an outcome

Revision ID: c3e12a7f0b51
Revises: 263f5714247d
Create Date: 2026-11-23 18:30:00

"""
from alembic import op
import sqlalchemy as sa

import app.dbtypes


# revision identifiers, used by Alembic.
revision = 'c3e12a7f0b51'
down_revision = '263f5714247d'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('certification_record',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('legal_name', sa.String(length=200), nullable=False),
    sa.Column('certification_number', sa.String(length=20), nullable=False),
    sa.Column('issued_on', sa.Date(), nullable=False),
    sa.Column('expires_on', sa.Date(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('action', sa.String(length=30), nullable=False),
    sa.Column('specializations', sa.JSON(), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.Column('claimed_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', app.dbtypes.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', app.dbtypes.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['claimed_by_id'], ['user.id'], name=op.f('fk_certification_record_claimed_by_id_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_certification_record')),
    sa.UniqueConstraint('certification_number', name=op.f('uq_certification_record_certification_number')),
    sa.UniqueConstraint('claimed_by_id', name=op.f('uq_certification_record_claimed_by_id'))
    )
    with op.batch_alter_table('certification_record', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_certification_record_legal_name'), ['legal_name'], unique=False)

    op.create_table('registry_change',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('record_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=30), nullable=False),
    sa.Column('from_value', sa.String(length=200), nullable=False),
    sa.Column('to_value', sa.String(length=200), nullable=False),
    sa.Column('effective_at', app.dbtypes.UTCDateTime(timezone=True), nullable=False),
    sa.Column('recorded_at', app.dbtypes.UTCDateTime(timezone=True), nullable=False),
    sa.Column('recorded_by_id', sa.Integer(), nullable=True),
    sa.Column('reason', sa.String(length=2000), nullable=False),
    sa.ForeignKeyConstraint(['record_id'], ['certification_record.id'], name=op.f('fk_registry_change_record_id_certification_record')),
    sa.ForeignKeyConstraint(['recorded_by_id'], ['user.id'], name=op.f('fk_registry_change_recorded_by_id_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_registry_change'))
    )
    with op.batch_alter_table('registry_change', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_registry_change_record_id'), ['record_id'], unique=False)

    op.create_table('registry_claim_code',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('record_id', sa.Integer(), nullable=False),
    sa.Column('code_hash', sa.String(length=64), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', app.dbtypes.UTCDateTime(timezone=True), nullable=False),
    sa.Column('expires_at', app.dbtypes.UTCDateTime(timezone=True), nullable=False),
    sa.Column('used_at', app.dbtypes.UTCDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['created_by_id'], ['user.id'], name=op.f('fk_registry_claim_code_created_by_id_user')),
    sa.ForeignKeyConstraint(['record_id'], ['certification_record.id'], name=op.f('fk_registry_claim_code_record_id_certification_record')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_registry_claim_code')),
    sa.UniqueConstraint('code_hash', name=op.f('uq_registry_claim_code_code_hash'))
    )
    with op.batch_alter_table('registry_claim_code', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_registry_claim_code_record_id'), ['record_id'], unique=False)

    with op.batch_alter_table('peer_profile', schema=None) as batch_op:
        batch_op.add_column(sa.Column('record_id', sa.Integer(), nullable=True))
        batch_op.create_unique_constraint(batch_op.f('uq_peer_profile_record_id'), ['record_id'])
        batch_op.create_foreign_key(batch_op.f('fk_peer_profile_record_id_certification_record'), 'certification_record', ['record_id'], ['id'])

    with op.batch_alter_table('ce_audit_selection', schema=None) as batch_op:
        batch_op.add_column(sa.Column('period_start', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('period_end', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('closed_at', app.dbtypes.UTCDateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('closed_by_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('outcome', sa.String(length=20), nullable=True))
        batch_op.add_column(sa.Column('outcome_note', sa.String(length=2000), nullable=False, server_default=''))
        batch_op.create_foreign_key(batch_op.f('fk_ce_audit_selection_closed_by_id_user'), 'user', ['closed_by_id'], ['id'])

    op.create_table('renewal_application',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('record_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('submitted_at', app.dbtypes.UTCDateTime(timezone=True), nullable=False),
    sa.Column('previous_expires_on', sa.Date(), nullable=False),
    sa.Column('new_expires_on', sa.Date(), nullable=False),
    sa.Column('attested', sa.Boolean(), nullable=False),
    sa.Column('ethics_signature', sa.String(length=200), nullable=False),
    sa.Column('fee', sa.Integer(), nullable=False),
    sa.Column('ce_hours', sa.Double(), nullable=False),
    sa.Column('law_ethics_hours', sa.Double(), nullable=False),
    sa.ForeignKeyConstraint(['record_id'], ['certification_record.id'], name=op.f('fk_renewal_application_record_id_certification_record')),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_renewal_application_user_id_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_renewal_application'))
    )
    with op.batch_alter_table('renewal_application', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_renewal_application_record_id'), ['record_id'], unique=False)

    op.create_table('registry_ce_requirement',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('record_id', sa.Integer(), nullable=False),
    sa.Column('sanction', sa.String(length=20), nullable=False),
    sa.Column('imposed_on', sa.Date(), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=True),
    sa.Column('note', sa.String(length=2000), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', app.dbtypes.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['created_by_id'], ['user.id'], name=op.f('fk_registry_ce_requirement_created_by_id_user')),
    sa.ForeignKeyConstraint(['record_id'], ['certification_record.id'], name=op.f('fk_registry_ce_requirement_record_id_certification_record')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_registry_ce_requirement'))
    )
    with op.batch_alter_table('registry_ce_requirement', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_registry_ce_requirement_record_id'), ['record_id'], unique=False)


def downgrade():
    with op.batch_alter_table('registry_ce_requirement', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_registry_ce_requirement_record_id'))

    op.drop_table('registry_ce_requirement')

    with op.batch_alter_table('renewal_application', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_renewal_application_record_id'))

    op.drop_table('renewal_application')

    with op.batch_alter_table('ce_audit_selection', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_ce_audit_selection_closed_by_id_user'), type_='foreignkey')
        batch_op.drop_column('outcome_note')
        batch_op.drop_column('outcome')
        batch_op.drop_column('closed_by_id')
        batch_op.drop_column('closed_at')
        batch_op.drop_column('period_end')
        batch_op.drop_column('period_start')

    with op.batch_alter_table('peer_profile', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_peer_profile_record_id_certification_record'), type_='foreignkey')
        batch_op.drop_constraint(batch_op.f('uq_peer_profile_record_id'), type_='unique')
        batch_op.drop_column('record_id')

    with op.batch_alter_table('registry_claim_code', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_registry_claim_code_record_id'))

    op.drop_table('registry_claim_code')
    with op.batch_alter_table('registry_change', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_registry_change_record_id'))

    op.drop_table('registry_change')
    with op.batch_alter_table('certification_record', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_certification_record_legal_name'))

    op.drop_table('certification_record')
