"""Labels of the program's data that emails name (registry status and action, the outcome of a
CE records review), marked here so `make translations` finds them; an email writes them with
``translated(label)`` in its recipient's language."""

from __future__ import annotations

from app.i18n.data import N_

# app/registry/rules.py STATUS_LABELS and ACTION_LABELS (§500.2)
REGISTRY = (
    N_("Active / no sanctions"),
    N_("Suspended"),
    N_("Revoked"),
    N_("Expired / lapsed"),
    N_("None"),
    N_("Under investigation"),
)
# app/ce/rules.py AUDIT_OUTCOME_LABELS (§207.14)
AUDIT_OUTCOMES = (N_("Compliant"), N_("Not compliant"), N_("Referred for investigation"))
# app/complaints/states.py OUTCOME_LABELS (§806.3), and the closing without a finding, as a
# complaint's disposition starts with them
COMPLAINT_OUTCOMES = (
    N_("Not substantiated; no action"),
    N_("Substantiated; no change in status"),
    N_("Substantiated; suspend"),
    N_("Substantiated; revoke"),
    N_("Closed without a finding"),
)
