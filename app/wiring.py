"""Where the higher domain packages register with the lower ones, once, at start-up.

A lower package that needs something of a higher one exposes a small hook (a register function)
instead of importing it; ``connect`` fills the hooks. create_app calls it, and it is safe to call
again."""

from __future__ import annotations

from app.ce import dhcs_withdrawn, registry_link
from app.ce.rules import renewal_status
from app.complaints.appeals import status_actions_for
from app.registry import hooks as registry_hooks
from app.reports import hooks as report_hooks
from app.sanctions import sanction_reader


def connect() -> None:
    sanction_reader(status_actions_for)
    registry_hooks.use(
        link_profile=registry_link.link_profile,
        sync_profiles=registry_link.sync_profiles,
        ce_summary=registry_link.ce_summary,
        renewal_status=renewal_status,
    )
    report_hooks.use(standing=dhcs_withdrawn.standing)
