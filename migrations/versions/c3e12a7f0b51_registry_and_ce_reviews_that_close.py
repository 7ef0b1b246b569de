"""Certification registry with claim codes and renewals; CE records reviews close with an outcome

Create Date: 2026-11-23 18:30:00

"""


from migration_helpers import add_columns, create_tables, drop_columns, drop_tables


# revision identifiers, used by Alembic.
revision = 'c3e12a7f0b51'
down_revision = '263f5714247d'


TABLES = {
    "certification_record": """
        id int pk
        legal_name str200 index
        certification_number str20 unique
        issued_on date
        expires_on date
        status str20
        action str30
        specializations json
        email str254
        claimed_by_id int null unique -> user
        created_at ts
        updated_at ts
    """,
    "registry_change": """
        id int pk
        record_id int index -> certification_record
        kind str30
        from_value str200
        to_value str200
        effective_at ts
        recorded_at ts
        recorded_by_id int null -> user
        reason str2000
    """,
    "registry_claim_code": """
        id int pk
        record_id int index -> certification_record
        code_hash str64 unique
        email str254
        created_by_id int null -> user
        created_at ts
        expires_at ts
        used_at ts null
    """,
    "renewal_application": """
        id int pk
        record_id int index -> certification_record
        user_id int -> user
        submitted_at ts
        previous_expires_on date
        new_expires_on date
        attested bool
        ethics_signature str200
        fee int
        ce_hours double
        law_ethics_hours double
    """,
    "registry_ce_requirement": """
        id int pk
        record_id int index -> certification_record
        sanction str20
        imposed_on date
        due_on date null
        note str2000
        created_by_id int null -> user
        created_at ts
    """,
}

PEER_PROFILE = "record_id int null unique -> certification_record"
CE_AUDIT_SELECTION = """
    period_start date null
    period_end date null
    closed_at ts null
    closed_by_id int null -> user
    outcome str20 null
    outcome_note str2000 default=''
"""


def upgrade():
    create_tables(TABLES)
    add_columns("peer_profile", PEER_PROFILE)
    add_columns("ce_audit_selection", CE_AUDIT_SELECTION)


def downgrade():
    drop_columns("ce_audit_selection", CE_AUDIT_SELECTION)
    drop_columns("peer_profile", PEER_PROFILE)
    drop_tables(TABLES)
