"""Appeals of a complaint's suspension or revocation (§807.1.B)

Create Date: 2026-11-23 19:40:00.000000

"""

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '5b1e0c7a9d42'
down_revision = '4d1c0b7e9a21'


def upgrade():
    with op.batch_alter_table('appeal', schema=None) as batch_op:
        batch_op.add_column(sa.Column('complaint_id', sa.Integer(), nullable=True))
        batch_op.alter_column('curriculum_id', existing_type=sa.INTEGER(), nullable=True)
        batch_op.create_index(batch_op.f('ix_appeal_complaint_id'), ['complaint_id'], unique=False)
        batch_op.create_foreign_key(
            batch_op.f('fk_appeal_complaint_id_complaint'), 'complaint', ['complaint_id'], ['id']
        )


def downgrade():
    # Appeals of complaints have no curriculum: they cannot survive the older schema.
    op.execute("DELETE FROM appeal WHERE curriculum_id IS NULL")
    with op.batch_alter_table('appeal', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_appeal_complaint_id_complaint'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_appeal_complaint_id'))
        batch_op.alter_column('curriculum_id', existing_type=sa.INTEGER(), nullable=False)
        batch_op.drop_column('complaint_id')
