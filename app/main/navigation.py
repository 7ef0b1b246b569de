"""The main navigation, built per request from the user's role."""

from __future__ import annotations

from dataclasses import dataclass

from flask import Flask, request, url_for
from flask_login import current_user

# (label, endpoint, roles that see it; None = everyone)
NAV_ENTRIES: tuple[tuple[str, str, frozenset[str] | None], ...] = (
    ("Frameworks", "framework.index", None),
    ("Graph", "framework.graph", None),
    ("Search", "framework.search", None),
    ("Check a syllabus", "syllabus.check", None),
    ("My curricula", "submissions.dashboard", frozenset({"provider"})),
    ("Renewals", "providers.renewals_page", frozenset({"provider"})),
    ("Rosters", "reports.rosters", frozenset({"provider"})),
    ("Review queue", "submissions.queue", frozenset({"reviewer", "admin"})),
    ("My CE record", "ce.dashboard", frozenset({"peer"})),
    ("Application details", "reports.application", frozenset({"peer"})),
    ("CE audits", "ce.audits", frozenset({"reviewer", "admin"})),
    ("Registry records", "registry.records", frozenset({"reviewer", "admin"})),
    ("Registry", "registry.search", None),
    ("Complaints", "complaints.log", frozenset({"reviewer", "admin"})),
    ("Renewals", "providers.renewal_queue", frozenset({"reviewer", "admin"})),
    ("DHCS report", "reports.dhcs_report", frozenset({"reviewer", "admin"})),
    ("Changed rules", "judgements.stale", frozenset({"reviewer", "admin"})),
    ("Providers", "providers.index", None),
    ("Courses", "directory.index", None),
    ("File a complaint", "complaints.public_new", None),
    ("Administration", "auth.admin", frozenset({"admin"})),
    ("Settings", "settings.edit", frozenset({"admin"})),
    ("Account", "auth.account", frozenset({"provider", "reviewer", "peer", "admin"})),
)


# Staff see their work first (their home page lists what waits); the reference pages and the
# occasional duties sit in one "More" group placed before "Account".
STAFF_SECONDARY = frozenset(
    {
        "framework.index",
        "framework.graph",
        "framework.search",
        "syllabus.check",
        "registry.search",
        "providers.index",
        "complaints.public_new",
        "providers.renewal_queue",
        "reports.dhcs_report",
        "settings.edit",
        "judgements.stale",
    }
)


@dataclass(frozen=True)
class NavItem:
    label: str
    url: str
    current: bool
    children: tuple[NavItem, ...] = ()


def nav_items() -> list[NavItem]:
    """The entries the current user may open, marking the one being shown."""
    role = current_user.role if current_user.is_authenticated else None
    items, more = [], []
    for label, endpoint, roles in NAV_ENTRIES:
        if roles is not None and role not in roles:
            continue
        item = NavItem(label, url_for(endpoint), request.endpoint == endpoint)
        staff = role in ("reviewer", "admin")
        (more if staff and endpoint in STAFF_SECONDARY else items).append(item)
    if more:
        group = NavItem("More", "", any(i.current for i in more), tuple(more))
        at = len(items) - 1 if items and items[-1].label == "Account" else len(items)
        items.insert(at, group)
    return items


def init_navigation(app: Flask) -> None:
    app.jinja_env.globals.update(nav_items=nav_items)
