"""The main navigation, built per request from the user's role."""

from __future__ import annotations

from dataclasses import dataclass

from flask import Flask, request, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user

# (label, endpoint, roles that see it; None = everyone)
NAV_ENTRIES: tuple[tuple[object, str, frozenset[str] | None], ...] = (
    (_l("Frameworks"), "framework.index", None),
    (_l("Graph"), "framework.graph", None),
    (_l("Search"), "framework.search", None),
    (_l("Check a syllabus"), "syllabus.check", None),
    (_l("My curricula"), "submissions.dashboard", frozenset({"provider"})),
    (_l("Renewals"), "providers.renewals_page", frozenset({"provider"})),
    (_l("Rosters"), "reports.rosters", frozenset({"provider"})),
    (_l("Review queue"), "submissions.queue", frozenset({"reviewer", "admin"})),
    (_l("My CE record"), "ce.dashboard", frozenset({"peer"})),
    (_l("Application details"), "reports.application", frozenset({"peer"})),
    (_l("CE audits"), "ce.audits", frozenset({"reviewer", "admin"})),
    (_l("Registry records"), "registry.records", frozenset({"reviewer", "admin"})),
    (_l("Registry"), "registry.search", None),
    (_l("Complaints"), "complaints.log", frozenset({"reviewer", "admin"})),
    (_l("Renewals"), "providers.renewal_queue", frozenset({"reviewer", "admin"})),
    (_l("DHCS report"), "reports.dhcs_report", frozenset({"reviewer", "admin"})),
    (_l("Changed rules"), "judgements.stale", frozenset({"reviewer", "admin"})),
    (_l("Providers"), "providers.index", None),
    (_l("Courses"), "directory.index", None),
    (_l("File a complaint"), "complaints.public_new", None),
    (_l("Administration"), "auth.admin", frozenset({"admin"})),
    (_l("Settings"), "settings.edit", frozenset({"admin"})),
    (_l("Account"), "auth.account", frozenset({"provider", "reviewer", "peer", "admin"})),
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
    label: object  # a lazy translation, rendered in the request's language
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
        group = NavItem(_l("More"), "", any(i.current for i in more), tuple(more))
        at = len(items) - 1 if items and items[-1].label == "Account" else len(items)
        items.insert(at, group)
    return items


def init_navigation(app: Flask) -> None:
    app.jinja_env.globals.update(nav_items=nav_items)
