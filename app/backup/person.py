"""Everything the app holds about one person, for a request to see their data.

Read from the table definitions rather than listed by hand, so tables added later are included:
every row that points at the person's account (or at a record that belongs to it, such as a
peer's registry profile), and the emails sent to them. Secrets (password and token hashes,
authenticator secrets) are left out, and so is what those rows hold about other people: the
complainant's name, contact and statement in a complaint about the person, the names of care
recipients, an invitee's address. Each row says which of its columns were withheld.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Table, select
from sqlalchemy.orm import Session

from app.auth.models import User
from app.complaints import confidential
from app.extensions import db

SECRET_MARKERS = ("hash", "secret", "token")
OWNED_BY_PERSON = ("peer_profile",)  # records that are the person's, whose children are too

# Columns that hold other people's data: table -> column -> the columns through which a row
# reaches the person who may see it (the complainant sees their own statement; the person a
# complaint is about, or its investigator, does not). Empty: nobody's export carries it.
OTHERS_DATA: dict[str, dict[str, tuple[str, ...]]] = {
    "complaint": {
        "complainant_name": ("filed_by_id",),
        "complainant_contact": ("filed_by_id",),
        "nature": ("filed_by_id",),  # the complainant's statement
        "activities": (),  # the investigation's log: witnesses, other parties
    },
    "appeal": {
        "contact": ("requester_id",),
        "nature": ("requester_id",),
        "activities": (),
    },
    "confidential_name": {"name": ()},  # care recipients named in evidence (§806.1.D)
    "invitation": {"email": ()},  # the invitee's address, in the inviter's export
    "registry_claim_code": {"email": ()},  # the peer's address, in the reviewer's export
    "ce_audit": {"population": (), "selected": ()},  # the other peers of a random draw
}


def _public(row: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in row.items() if not any(m in k for m in SECRET_MARKERS)}


def _theirs(table: str, via: str, row: dict[str, Any]) -> dict[str, Any]:
    """``row`` without secrets and without the columns that are another person's data."""
    others = OTHERS_DATA.get(table, {})
    withheld = sorted(c for c, owners in others.items() if c in row and via not in owners)
    kept = {k: v for k, v in _public(row).items() if k not in withheld}
    if withheld:
        kept["withheld"] = withheld  # another person's data
    return kept


def _rows_pointing_at(session: Session, target: str, ids: list[int]) -> dict[str, list[dict]]:
    found: dict[str, list[dict]] = {}
    if not ids:
        return found
    for table in db.metadata.sorted_tables:
        columns = [fk.parent for fk in table.foreign_keys if fk.column.table.name == target]
        if not columns:
            continue
        for column in columns:
            rows = session.execute(select(table).where(column.in_(ids))).mappings()
            for row in rows:
                found.setdefault(table.name, []).append(
                    {"via": column.name, **_theirs(table.name, column.name, dict(row))}
                )
    return found


def export_person(session: Session, email: str) -> dict[str, Any] | None:
    """The person's account and every row that refers to it, or None without such an account."""
    user = session.scalar(select(User).where(User.email == email.strip().lower()))
    if user is None:
        user = session.scalar(select(User).where(User.email == email.strip()))
    if user is None:
        return None
    users: Table = db.metadata.tables["user"]
    account = session.execute(select(users).where(users.c.id == user.id)).mappings().one()
    related = _rows_pointing_at(session, "user", [user.id])
    for owned in OWNED_BY_PERSON:
        ids = [r["id"] for r in related.get(owned, [])]
        for name, rows in _rows_pointing_at(session, owned, ids).items():
            related.setdefault(name, []).extend(rows)
    outbox = db.metadata.tables.get("outbox_email")
    if outbox is not None:
        related["emails_to_them"] = [
            dict(r)
            for r in session.execute(
                select(outbox).where(outbox.c.recipient == user.email)
            ).mappings()
        ]
    # Names on a complaint's confidentiality list leave only as their references (§806.1.D).
    return confidential.redact_tree(
        {"account": _public(dict(account)), "records": related}, confidential.names_of(session)
    )
