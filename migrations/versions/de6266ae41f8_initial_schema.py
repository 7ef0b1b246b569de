"""initial schema

Create Date: 2026-11-23 07:15:14.213356

"""


from migration_helpers import create_tables, drop_tables


# revision identifiers, used by Alembic.
revision = 'de6266ae41f8'
down_revision = None


TABLES = {
    "organization": """
        id int pk
        name str200 unique
        contact_email str254
        approved bool
        approved_at ts null
        created_at ts
    """,
    "outbox_email": """
        id int pk
        created_at ts index
        recipient str254
        subject str300
        body text
        category str60
        sent_at ts null
        error text
    """,
    "user": """
        id int pk
        email str254 uindex
        name str200
        password_hash str255
        role str20
        organization_id int null -> organization
        active bool
        session_token str64
        failed_logins int
        locked_until ts null
        created_at ts
    """,
    "audit_event": """
        id int pk
        at ts index
        actor_id int null -> user
        subject_type str40
        subject_id int index
        action str60
        from_state str40 null
        to_state str40 null
        reason text
        details json
    """,
    "ce_audit": """
        id int pk
        drawn_by_id int -> user
        drawn_at ts
        window_start date
        window_end date
        method str10
        amount double
        seed int
        population json
        selected json
    """,
    "curriculum": """
        id int pk
        organization_id int index -> organization
        program str20
        title str300
        language str60
        state str30 index
        lock_version int
        created_at ts
        submitted_at ts null
        decided_at ts null
        approved_on date null
        expires_on date null
        decision_reason text
        decided_by_id int null -> user
        fee_paid bool
        fee_confirmed_by_id int null -> user
        fee_confirmed_at ts null
    """,
    "invitation": """
        id int pk
        email str254
        role str20
        organization_id int null -> organization
        token_hash str64 unique
        invited_by_id int null -> user
        created_at ts
        expires_at ts
        accepted_at ts null
    """,
    "peer_profile": """
        id int pk
        user_id int unique -> user
        legal_name str200
        certification_number str20 unique
        issued_on date
        status str20
        specializations json
    """,
    "policy_setting": """
        key str80 pk
        value json
        updated_at ts
        updated_by_id int null -> user
    """,
    "appeal": """
        id int pk
        curriculum_id int index -> curriculum
        requested_on date
        appeal_type str80
        requester_id int -> user
        contact str300
        nature text
        activities json
        disposition_on date null
        disposition text
        decided_by_id int null -> user
        letter_sent_on date null
    """,
    "ce_audit_selection": """
        id int pk
        audit_id int index -> ce_audit
        profile_id int index -> peer_profile
        notified_at ts
        due_on date
        responded_at ts null
    """,
    "ce_entry": """
        id int pk
        profile_id int index -> peer_profile
        title str300
        provider str300
        start_date date
        end_date date null
        format str20
        hours double null
        units double null
        source str40
        law_ethics bool
        law_ethics_topics json
        evidence json
        created_at ts
        updated_at ts
    """,
    "curriculum_version": """
        id int pk
        curriculum_id int index -> curriculum
        number int
        syllabus_text text
        original_name str200
        stored_name str80
        report json
        created_at ts
        created_by_id int null -> user
        note text
        is_substantive_change bool
        intended_use_on date null
    """,
    "supporting_file": """
        id int pk
        curriculum_id int index -> curriculum
        stored_name str80 unique
        original_name str200
        size int
        sha256 str64
        uploaded_by_id int -> user
        uploaded_at ts
    """,
    "ce_audit_entry_review": """
        id int pk
        selection_id int index -> ce_audit_selection
        entry_id int -> ce_entry cascade
        decision str10
        note str2000
        reviewer_id int -> user
        at ts
    """,
    "ce_evidence_file": """
        id int pk
        entry_id int index -> ce_entry cascade
        stored_name str80 unique
        original_name str200
        uploaded_at ts
    """,
    "competency_review": """
        id int pk
        version_id int index -> curriculum_version
        competency_id str20
        covered bool
        checker_said bool
        note text
        reviewer_id int -> user
        at ts
    """,
    "review_comment": """
        id int pk
        version_id int index -> curriculum_version
        target str320
        text text
        reviewer_id int -> user
        at ts
    """,
}


def upgrade():
    create_tables(TABLES)


def downgrade():
    drop_tables(TABLES)
