"""The registry: staff keep the records (one by one or by CSV), peers claim theirs by an emailed
code, every change is dated and audited, the public searches what §500.2 lists.

The work lives in one module per concern; this module keeps their public names importable:
``records`` (a record, its changes and status), ``bulk_import`` (the CSV import), ``claims``
(a peer claims and links a record), ``search`` (the public search and view), ``renewals``
(renewal, reminders, reinstatement) and ``requirements`` (the CE a sanction requires)."""

from __future__ import annotations

from app.registry.bulk_import import IMPORT_CHUNK, import_csv
from app.registry.claims import (
    CLAIM_ALPHABET,
    CLAIM_REFUSED,
    claim,
    link_profile,
    record_of_user,
    save_profile,
    send_claim_code,
)
from app.registry.records import (
    add_requirement,
    change_status,
    create_record,
    get_record,
    note_action,
    update_record,
)
from app.registry.renewals import (
    attestation_shortfall,
    queue_renewal_reminders,
    record_reinstatement_step,
    reinstate,
    reinstatement_steps,
    renew,
    renewal_state,
    renewals_of,
    shortfall_of,
)
from app.registry.requirements import requirements_of
from app.registry.search import (
    MAX_SEARCH_WORDS,
    PER_PAGE,
    Page,
    _order,
    _search,
    late_changes,
    public_view,
    search,
)

__all__ = [
    "CLAIM_ALPHABET",
    "CLAIM_REFUSED",
    "IMPORT_CHUNK",
    "MAX_SEARCH_WORDS",
    "PER_PAGE",
    "Page",
    "_order",
    "_search",
    "add_requirement",
    "attestation_shortfall",
    "change_status",
    "claim",
    "create_record",
    "get_record",
    "import_csv",
    "late_changes",
    "link_profile",
    "note_action",
    "public_view",
    "queue_renewal_reminders",
    "record_of_user",
    "record_reinstatement_step",
    "reinstate",
    "reinstatement_steps",
    "renew",
    "renewal_state",
    "renewals_of",
    "requirements_of",
    "save_profile",
    "search",
    "send_claim_code",
    "shortfall_of",
    "update_record",
]
