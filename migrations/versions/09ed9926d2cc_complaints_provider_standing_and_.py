"""complaints, provider standing and renewals, appeal clock, App. E data

Create Date: 2026-11-23 18:28:53.788692

"""


from migration_helpers import add_columns, create_tables, drop_columns, drop_tables


# revision identifiers, used by Alembic.
revision = '09ed9926d2cc'
down_revision = 'ccd88986f130'


TABLES = {
    "applicant_record": """
        id int pk
        user_id int null unique -> user
        applied_on date
        fiscal_year int index
        age int null
        gender_identity str80
        race_ethnicity json
        languages json
        employment_status str60
        employer str200
        employer_county str60
        residence_county str60
        employed_in_peer_services bool
        route str20
        exam_registered_on date null
        outcome str20 index
        outcome_on date null
        outcome_fiscal_year int null index
        updated_at ts
    """,
    "certification_renewal_record": """
        id int pk
        user_id int null index -> user
        renewed_on date
        fiscal_year int index
    """,
    "approval_renewal": """
        id int pk
        curriculum_id int index -> curriculum
        requested_on date
        requested_by_id int -> user
        expires_on date
        fee int
        fee_paid bool
        state str20 index
        decided_on date null
        decided_by_id int null -> user
        reason text
    """,
    "complaint": """
        id int pk
        reference str20 unique
        state str20 index
        lock_version int
        received_on date index
        respondent_type str20 index
        organization_id int null index -> organization
        peer_profile_id int null index -> peer_profile
        respondent_name str200
        employer_name str200
        complainant_name str200
        complainant_contact str300
        nature text
        activities json
        disposition_on date null
        outcome str30
        disposition text
        letter_sent_on date null
        registry_updated_at ts null
        extended_days int
        extension_notice_on date null
        extension_reason text
        investigator_id int null -> user
        filed_by_id int null -> user
        created_at ts
    """,
    "completion_roster": """
        id int pk
        curriculum_id int index -> curriculum
        stored_name str80 unique
        original_name str200
        rows int
        supervisor_training bool
        uploaded_by_id int -> user
        uploaded_at ts
    """,
    "complaint_document": """
        id int pk
        complaint_id int index -> complaint
        stored_name str80 unique
        original_name str200
        size int
        sha256 str64
        uploaded_by_id int null -> user
        uploaded_at ts
    """,
    "confidential_name": """
        id int pk
        complaint_id int index -> complaint
        number int
        name str200
        added_by_id int -> user
        added_at ts
    """,
    "provider_standing": """
        id int pk
        organization_id int unique -> organization
        standing str20 index
        since date
        reason text
        complaint_id int null -> complaint
        reinstatement_requested_on date null
        reinstatement_evidence text
        updated_at ts
    """,
    "training_record": """
        id int pk
        roster_id int index -> completion_roster
        curriculum_id int index -> curriculum
        program str20
        person str254 index
        name str200
        registered_on date null
        completed_on date null
        supervisor bool
        fiscal_year int index
    """,
}

APPEAL = """
    extended_days int default=0
    extension_notice_on date null
"""


def upgrade():
    create_tables(TABLES)
    add_columns("appeal", APPEAL)


def downgrade():
    drop_columns("appeal", APPEAL)
    drop_tables(TABLES)
