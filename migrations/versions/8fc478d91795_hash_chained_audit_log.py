"""hash-chained audit log

Create Date: 2026-11-23 16:07:19.281267

"""

import hashlib
import json
from datetime import UTC, datetime

from alembic import op
import sqlalchemy as sa

import app.dbtypes
from migration_helpers import add_columns, create_tables, drop_tables


GENESIS = "0" * 64
FIELDS = ("seq", "at", "actor_id", "subject_type", "subject_id", "action", "from_state",
          "to_state", "reason", "details")


def _link_hash(previous, fields):
    values = {}
    for name in FIELDS:
        value = fields.get(name)
        if isinstance(value, datetime):
            value = (value if value.tzinfo else value.replace(tzinfo=UTC)).astimezone(UTC)
            value = value.isoformat(timespec="microseconds")
        values[name] = value
    canonical = json.dumps(values, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(previous.encode() + b"\n" + canonical.encode()).hexdigest()


# revision identifiers, used by Alembic.
revision = '8fc478d91795'
down_revision = '3ed7f9ee0df6'


TABLES = {
    "audit_chain_head": """
        id int pk
        seq int
        hash str64
    """,
}


def upgrade():
    create_tables(TABLES)
    add_columns("audit_event", """
        seq int null
        prev_hash str64 null
        hash str64 null
    """)
    # Chain the records written so far, oldest first (the same rule as app/audit/chain.py,
    # copied so this migration keeps working whatever later code does).
    connection = op.get_bind()
    event = sa.table(
        'audit_event',
        sa.column('id', sa.Integer), sa.column('at', app.dbtypes.UTCDateTime(timezone=True)),
        sa.column('actor_id', sa.Integer), sa.column('subject_type', sa.String),
        sa.column('subject_id', sa.Integer), sa.column('action', sa.String),
        sa.column('from_state', sa.String), sa.column('to_state', sa.String),
        sa.column('reason', sa.Text), sa.column('details', sa.JSON),
        sa.column('seq', sa.Integer), sa.column('prev_hash', sa.String), sa.column('hash', sa.String),
    )
    previous, seq = GENESIS, 0
    rows = connection.execute(sa.select(event).order_by(event.c.at, event.c.id)).mappings().all()
    for row in rows:
        seq += 1
        fields = dict(row)
        fields['seq'] = seq
        digest = _link_hash(previous, fields)
        connection.execute(
            event.update().where(event.c.id == row['id']).values(seq=seq, prev_hash=previous, hash=digest)
        )
        previous = digest
    head = sa.table('audit_chain_head', sa.column('id', sa.Integer), sa.column('seq', sa.Integer), sa.column('hash', sa.String))
    connection.execute(head.insert().values(id=1, seq=seq, hash=previous))
    with op.batch_alter_table('audit_event', schema=None) as batch_op:
        batch_op.alter_column('seq', existing_type=sa.Integer(), nullable=False)
        batch_op.alter_column('prev_hash', existing_type=sa.String(length=64), nullable=False)
        batch_op.alter_column('hash', existing_type=sa.String(length=64), nullable=False)
        batch_op.create_unique_constraint(batch_op.f('uq_audit_event_seq'), ['seq'])


def downgrade():
    with op.batch_alter_table('audit_event', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_audit_event_seq'), type_='unique')
        batch_op.drop_column('hash')
        batch_op.drop_column('prev_hash')
        batch_op.drop_column('seq')
    drop_tables(TABLES)
