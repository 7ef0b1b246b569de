"""Staff load the registry from a CSV: new records inserted in bulk, changed ones updated, each change
in the record's history, holders of claimed records told."""

from __future__ import annotations

from datetime import date

from flask_babel import gettext
from sqlalchemy import (
    bindparam,
    insert,
    select,
)
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value
from sqlalchemy.orm.exc import StaleDataError

from app.audit.services import record_many as audit_many
from app.auth.models import User
from app.certification import CertificationStatus
from app.dbtypes import utcnow
from app.notifications.language import in_language_of
from app.registry import hooks
from app.registry.mail import tell_record_changed
from app.registry.models import (
    CertificationRecord,
    RegistryChange,
)
from app.registry.records import _day_start
from app.registry.rules import (
    RegistryAction,
    RegistryRow,
    fold,
    read_registry_csv,
)

IMPORT_CHUNK = 1_000  # numbers per lookup query: under every driver's limit on parameters


class _History:
    """The changes of an import, written at the end in one INSERT each (history, audit)."""

    def __init__(self, today: date) -> None:
        self.today_at = _day_start(today)
        self.rows: list[dict] = []

    def add(self, record_id, kind, before, after, *, effective_at=None, reason="") -> None:
        self.rows.append(
            {
                "record_id": record_id,
                "kind": kind,
                "before": before,
                "after": after,
                "effective_at": effective_at,
                "reason": reason,
            }
        )

    def status(self, record_id, old_status, old_action, row: RegistryRow) -> None:
        for kind, before, after in (
            ("status", old_status, row.status),
            ("action", old_action, row.action),
        ):
            if before != after:
                self.add(
                    record_id,
                    kind,
                    before,
                    after,
                    effective_at=self.today_at,
                    reason="registry import",
                )

    def write(self, session: Session, actor: User | None) -> None:
        if not self.rows:
            return
        now = utcnow()
        actor_id = actor.id if actor else None
        session.execute(
            insert(RegistryChange),
            [
                {
                    "record_id": c["record_id"],
                    "kind": c["kind"],
                    "from_value": str(c["before"] or "")[:200],
                    "to_value": str(c["after"] or "")[:200],
                    "effective_at": c["effective_at"] or now,
                    "recorded_at": now,
                    "recorded_by_id": actor_id,
                    "reason": c["reason"][:2000],
                }
                for c in self.rows
            ],
        )
        audit_many(
            session,
            [
                {
                    "actor_id": actor_id,
                    "subject_type": "certification_record",
                    "subject_id": c["record_id"],
                    "action": c["kind"],
                    "from_state": str(c["before"] or "")[:40] or None,
                    "to_state": str(c["after"] or "")[:40] or None,
                    "reason": c["reason"],
                    "details": {"from": str(c["before"] or ""), "to": str(c["after"] or "")},
                }
                for c in self.rows
            ],
        )


def _records_numbered(session: Session, numbers: list[str]) -> dict[str, CertificationRecord]:
    found: dict[str, CertificationRecord] = {}
    for offset in range(0, len(numbers), IMPORT_CHUNK):
        chunk = numbers[offset : offset + IMPORT_CHUNK]
        for record in session.scalars(
            select(CertificationRecord).where(CertificationRecord.certification_number.in_(chunk))
        ):
            found[record.certification_number] = record
    return found


def _insert_new(session: Session, rows: list[RegistryRow], history: _History) -> None:
    """New records in one INSERT, each created as ``create_record`` then moved to its status."""
    if not rows:
        return
    # Returned with their numbers, not in order: asking for the order would make the driver
    # write one row per statement where it cannot tell rows apart otherwise.
    returned = session.execute(
        insert(CertificationRecord).returning(
            CertificationRecord.id, CertificationRecord.certification_number
        ),
        [
            {
                "legal_name": row.legal_name.strip(),
                "name_folded": fold(row.legal_name.strip())[:200],  # the search's index reads it
                "certification_number": row.certification_number,
                "issued_on": row.issued_on,
                "expires_on": row.expires_on,
                "status": row.status,
                "action": row.action,
                "specializations": list(row.specializations),
                "email": row.email.strip(),
            }
            for row in rows
        ],
    ).all()
    ids = {number: record_id for record_id, number in returned}
    for row in rows:
        record_id = ids[row.certification_number]
        history.add(record_id, "created", "", row.certification_number)
        history.status(record_id, CertificationStatus.ACTIVE.value, RegistryAction.NONE.value, row)


def _apply(
    record: CertificationRecord, row: RegistryRow, history: _History, values: dict
) -> tuple[int, bool]:
    """``update_record`` and ``change_status`` on a loaded record, without queries: its new
    column values go into ``values`` (written by ``_update_existing``); returns how many of the
    two changed it and whether its status or action moved."""
    new = {
        "legal_name": row.legal_name.strip(),
        "issued_on": row.issued_on,
        "expires_on": row.expires_on,
        "specializations": list(row.specializations),
        "email": (row.email or record.email).strip(),
    }
    fields = [name for name, value in new.items() if getattr(record, name) != value]
    for name in fields:
        shown = "(changed)" if name == "email" else None
        history.add(
            record.id, "updated", shown or getattr(record, name), shown or new[name], reason=name
        )
        values[name] = new[name]
    moved = (row.status, row.action) != (record.status, record.action)
    if moved:
        history.status(record.id, record.status, record.action, row)
        values["status"], values["action"] = row.status, row.action
    return bool(fields) + moved, moved


def _update_existing(session: Session, changes: list[tuple[CertificationRecord, dict]]) -> None:
    """The changed records in one executemany UPDATE per set of changed columns.

    The record's lock version makes the ORM's flush write one UPDATE per row (it checks each
    row's version), so the import writes them itself: each row still only where its version is
    the one read (else StaleDataError, a 409, as the flush raises), the version bumped, the
    folded name and ``updated_at`` kept as the mapper's events and ``onupdate`` keep them. The
    loaded records take the written values as their committed state."""
    table = CertificationRecord.__table__
    now = utcnow()
    groups: dict[tuple[str, ...], list[tuple[CertificationRecord, dict]]] = {}
    for record, values in changes:
        if "legal_name" in values:
            values["name_folded"] = fold(values["legal_name"])[:200]
        values["updated_at"] = now
        values["lock_version"] = record.lock_version + 1
        groups.setdefault(tuple(sorted(values)), []).append((record, values))
    statement = table.update().where(
        table.c.id == bindparam("record_id"), table.c.lock_version == bindparam("read_version")
    )
    for group in groups.values():
        result = session.execute(
            statement,
            [
                {**values, "record_id": record.id, "read_version": record.lock_version}
                for record, values in group
            ],
        )
        if result.supports_sane_multi_rowcount() and result.rowcount != len(group):
            raise StaleDataError(
                f"UPDATE of {table.name} expected to match {len(group)} row(s); "
                f"{result.rowcount} were matched."
            )
        for record, values in group:
            for name, value in values.items():
                set_committed_value(record, name, value)


def import_csv(
    session: Session, actor: User | None, text: str, *, today: date
) -> tuple[int, int, list[str]]:
    """Create or update records from a CSV, all or nothing; returns (created, updated, errors).
    Importing the same file again changes nothing.

    The work is done in bulk, so the number of queries does not grow with the file: existing
    records are read in chunks, new records written in one INSERT, the history and the audit
    events of every row in one INSERT each. Each change is recorded as the one-record functions
    record it (``create_record``, ``update_record``, ``change_status``)."""
    rows, errors = read_registry_csv(text, today)
    if errors:
        return 0, 0, errors
    existing = _records_numbered(session, [row.certification_number for row in rows])
    history = _History(today)
    new_rows = [row for row in rows if row.certification_number not in existing]
    _insert_new(session, new_rows, history)
    updated, synced, told = 0, [], []
    changes: list[tuple[CertificationRecord, dict]] = []
    for row in rows:
        record = existing.get(row.certification_number)
        if record is None:
            continue
        values: dict = {}
        count, moved = _apply(record, row, history, values)
        updated += count
        if values:
            changes.append((record, values))
        if count and record.claimed_by_id:
            synced.append(record)
            if moved:
                told.append(record)
    _update_existing(session, changes)
    _sync_claimed(session, synced)
    _tell_claimed(session, told, today)
    history.write(session, actor)
    session.flush()
    return len(new_rows), updated, []


def _sync_claimed(session: Session, records: list[CertificationRecord]) -> None:
    """``_sync_profile`` for many records: their peers' profiles read in one query."""
    hooks.CE.sync_profiles(session, records)


def _tell_claimed(session: Session, records: list[CertificationRecord], today: date) -> None:
    """The email ``change_status`` sends, for many records: their peers read in one query."""
    by_user = {r.claimed_by_id: r for r in records if r.claimed_by_id}
    if not by_user:
        return
    for user in session.scalars(select(User).where(User.id.in_(list(by_user)))):
        with in_language_of(session, user.email):
            reason = gettext("registry import")
        tell_record_changed(session, user.email, by_user[user.id], day=today, reason=reason)
