"""A peer's CE record: profile, entries, summary and CSV, on top of the pure rules.

The work lives in one module per concern; this module keeps their public names importable:
``profiles`` (the profile and its summary), ``entries`` (entries and their evidence),
``transfer`` (CSV import and export), ``courses`` (approved CE courses to pick from) and
``audits`` (the CE records review)."""

from __future__ import annotations

from app.ce.audits import (
    attested_with_shortfall,
    audit_entry,
    audits,
    close_review,
    draw_audit,
    entries_under_review,
    get_audit,
    get_selection,
    latest_reviews,
    open_selection,
    respond_to_audit,
    review_audit_entry,
    review_summary,
    selection_period,
)
from app.ce.courses import catalogue, closed_course_reason, course_prefill
from app.ce.entries import (
    FrozenEntry,
    attach_evidence,
    delete_entry,
    evidence_for,
    frozen_by,
    get_entry,
    retention_of,
    save_entry,
)
from app.ce.profiles import (
    as_rule_entry,
    expiration,
    next_steps,
    profile_of,
    summary_for,
)
from app.ce.transfer import (
    MAX_IMPORT_BYTES,
    ImportOutcome,
    decode_upload,
    export_csv,
    import_csv,
    import_text,
)
from app.errors import Conflict  # read here by callers and tests
from app.policy import DEFAULT_POLICY
from app.registry.interface import save_profile  # registering a certification is the registry's

__all__ = [
    "DEFAULT_POLICY",
    "MAX_IMPORT_BYTES",
    "Conflict",
    "FrozenEntry",
    "ImportOutcome",
    "as_rule_entry",
    "attach_evidence",
    "attested_with_shortfall",
    "audit_entry",
    "audits",
    "catalogue",
    "close_review",
    "closed_course_reason",
    "course_prefill",
    "decode_upload",
    "delete_entry",
    "draw_audit",
    "entries_under_review",
    "evidence_for",
    "expiration",
    "export_csv",
    "frozen_by",
    "get_audit",
    "get_entry",
    "get_selection",
    "import_csv",
    "import_text",
    "latest_reviews",
    "next_steps",
    "open_selection",
    "profile_of",
    "respond_to_audit",
    "retention_of",
    "review_audit_entry",
    "review_summary",
    "save_entry",
    "save_profile",
    "selection_period",
    "summary_for",
]
