"""The registry: staff keep the records (one by one or by CSV), peers claim theirs by an emailed
code, every change is dated and audited, the public searches what §500.2 lists."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import (
    and_,
    bindparam,
    column,
    func,
    insert,
    literal_column,
    or_,
    select,
    text,
)
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value
from sqlalchemy.orm.exc import StaleDataError

from app.audit.services import record as audit_log
from app.audit.services import record_many as audit_many
from app.auth.models import User
from app.ce.models import PeerProfile
from app.ce.rules import CertificationStatus
from app.dbtypes import utcnow
from app.errors import DomainError, NotFound
from app.notifications import links
from app.notifications.services import queue_email, reminder
from app.policy import DEFAULT_POLICY, Policy
from app.registry.models import (
    CERequirement,
    CertificationRecord,
    ClaimCode,
    RegistryChange,
    RenewalApplication,
)
from app.registry.rules import (
    ACTION_LABELS,
    STATUS_LABELS,
    RegistryAction,
    RegistryRow,
    check_facts,
    fold,
    normalized_number,
    read_registry_csv,
)
from app.reports.services import record_renewal

PER_PAGE = 25
CLAIM_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I


@dataclass(frozen=True)
class Page:
    items: list
    page: int
    pages: int
    total: int


def _day_start(day: date) -> datetime:
    return datetime.combine(day, time(), tzinfo=UTC)


def _change(session, record, actor, kind, before, after, *, effective_at=None, reason=""):
    change = RegistryChange(
        record_id=record.id,
        kind=kind,
        from_value=str(before or "")[:200],
        to_value=str(after or "")[:200],
        effective_at=effective_at or utcnow(),
        recorded_by_id=actor.id if actor else None,
        reason=reason[:2000],
    )
    session.add(change)
    audit_log(
        session,
        actor_id=actor.id if actor else None,
        subject_type="certification_record",
        subject_id=record.id,
        action=kind,
        from_state=str(before or "")[:40] or None,  # the log's state columns are short
        to_state=str(after or "")[:40] or None,
        reason=reason,
        details={"from": str(before or ""), "to": str(after or "")},
    )
    return change


def _sentence(problems: list[str]) -> str:
    text = "; ".join(problems)
    return text[:1].upper() + text[1:] + "."


def get_record(session: Session, record_id: int) -> CertificationRecord:
    record = session.get(CertificationRecord, record_id)
    if record is None:
        raise NotFound("There is no such registry record.")
    return record


def create_record(
    session: Session,
    actor: User | None,
    *,
    legal_name: str,
    certification_number: str,
    issued_on: date,
    expires_on: date,
    specializations: list[str] | None = None,
    email: str = "",
    today: date,
) -> CertificationRecord:
    """A new record, active with no action; audited."""
    number = normalized_number(certification_number)
    problems = check_facts(legal_name, number, issued_on, expires_on, today)
    if problems:
        raise DomainError(_sentence(problems))
    if session.scalar(
        select(CertificationRecord.id).where(CertificationRecord.certification_number == number)
    ):
        raise DomainError(f"{number} is already in the registry.")
    record = CertificationRecord(
        legal_name=legal_name.strip(),
        certification_number=number,
        issued_on=issued_on,
        expires_on=expires_on,
        status=CertificationStatus.ACTIVE.value,
        action=RegistryAction.NONE.value,
        specializations=list(specializations or []),
        email=email.strip(),
    )
    session.add(record)
    session.flush()
    _change(session, record, actor, "created", "", number)
    session.flush()
    return record


def update_record(
    session: Session,
    actor: User | None,
    record: CertificationRecord,
    *,
    legal_name: str,
    issued_on: date,
    expires_on: date,
    specializations: list[str],
    email: str,
    today: date,
) -> list[str]:
    """Change a record's facts (not its number); each changed field is a dated change. Returns
    the names of the fields changed."""
    problems = check_facts(legal_name, record.certification_number, issued_on, expires_on, today)
    if problems:
        raise DomainError(_sentence(problems))
    new = {
        "legal_name": legal_name.strip(),
        "issued_on": issued_on,
        "expires_on": expires_on,
        "specializations": list(specializations),
        "email": email.strip(),
    }
    changed = [name for name, value in new.items() if getattr(record, name) != value]
    for name in changed:
        shown = "(changed)" if name == "email" else None
        _change(
            session,
            record,
            actor,
            "updated",
            shown or getattr(record, name),
            shown or new[name],
            reason=name,
        )
        setattr(record, name, new[name])
    _sync_profile(session, record)
    session.flush()
    return changed


def change_status(
    session: Session,
    actor: User | None,
    record: CertificationRecord,
    *,
    status: str,
    action: str,
    effective_on: date,
    reason: str,
    today: date,
    policy: Policy = DEFAULT_POLICY,
) -> list[RegistryChange]:
    """Record a status or action change with the day it took effect; the 72-hour rule
    (§805.2–3) is shown against that day. Audited; the peer is told."""
    if status not in {s.value for s in CertificationStatus}:
        raise DomainError("Choose a status.")
    if action not in {a.value for a in RegistryAction}:
        raise DomainError("Choose an action.")
    if effective_on > today:
        raise DomainError("The change cannot take effect in the future: record it when it happens.")
    if not reason.strip():
        raise DomainError("Say why the status changes.")
    effective_at = _day_start(effective_on)
    changes = []
    if status != record.status:
        changes.append(
            _change(
                session,
                record,
                actor,
                "status",
                record.status,
                status,
                effective_at=effective_at,
                reason=reason.strip(),
            )
        )
        record.status = status
    if action != record.action:
        changes.append(
            _change(
                session,
                record,
                actor,
                "action",
                record.action,
                action,
                effective_at=effective_at,
                reason=reason.strip(),
            )
        )
        record.action = action
    if not changes:
        raise DomainError("Nothing changes: the record already has that status and action.")
    _sync_profile(session, record)
    if record.claimed_by_id:
        user = session.get(User, record.claimed_by_id)
        queue_email(
            session,
            user.email,
            "Your certification record changed",
            f"Your certification {record.certification_number} is now: {STATUS_LABELS[CertificationStatus(record.status)]}; "
            f"action: {ACTION_LABELS[RegistryAction(record.action)]} (from {effective_on:%B %d, %Y}). Reason: {reason.strip()}",
            category="registry",
            link=links.url("ce.profile"),
        )
    session.flush()
    return changes


def note_action(
    session: Session, actor: User | None, record: CertificationRecord, kind: str, text: str
) -> RegistryChange:
    """A dated note on the record's history (e.g. a records review's outcome)."""
    change = _change(session, record, actor, kind, "", text[:200], reason=text)
    session.flush()
    return change


def _sync_profile(session: Session, record: CertificationRecord) -> None:
    """The claimed peer's CE profile follows the registry (the peer never sets these)."""
    if not record.claimed_by_id:
        return
    profile = session.scalar(select(PeerProfile).where(PeerProfile.user_id == record.claimed_by_id))
    if profile is None:
        return
    profile.legal_name = record.legal_name
    profile.issued_on = record.issued_on
    profile.status = record.status
    profile.specializations = list(record.specializations or [])


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
    by_user = {r.claimed_by_id: r for r in records if r.claimed_by_id}
    if not by_user:
        return
    for profile in session.scalars(
        select(PeerProfile).where(PeerProfile.user_id.in_(list(by_user)))
    ):
        record = by_user[profile.user_id]
        profile.legal_name = record.legal_name
        profile.issued_on = record.issued_on
        profile.status = record.status
        profile.specializations = list(record.specializations or [])


def _tell_claimed(session: Session, records: list[CertificationRecord], today: date) -> None:
    """The email ``change_status`` sends, for many records: their peers read in one query."""
    by_user = {r.claimed_by_id: r for r in records if r.claimed_by_id}
    if not by_user:
        return
    for user in session.scalars(select(User).where(User.id.in_(list(by_user)))):
        record = by_user[user.id]
        queue_email(
            session,
            user.email,
            "Your certification record changed",
            f"Your certification {record.certification_number} is now: "
            f"{STATUS_LABELS[CertificationStatus(record.status)]}; action: "
            f"{ACTION_LABELS[RegistryAction(record.action)]} (from {today:%B %d, %Y}). "
            "Reason: registry import",
            category="registry",
            link=links.url("ce.profile"),
        )


def _hash(code: str) -> str:
    return hashlib.sha256(
        code.strip().upper().replace("-", "").replace(" ", "").encode()
    ).hexdigest()


def send_claim_code(
    session: Session,
    actor: User | None,
    record: CertificationRecord,
    *,
    policy: Policy = DEFAULT_POLICY,
) -> str:
    """Email a single-use code to the record's address; the peer types it to claim the record.
    Returns the code (for the email only: it is stored hashed)."""
    if not record.email:
        raise DomainError("Add the holder's email address first: the code is sent there.")
    if record.claimed_by_id:
        raise DomainError("This record is already linked to an account.")
    code = "".join(secrets.choice(CLAIM_ALPHABET) for _ in range(10))
    days = int(policy.value("registry.claim_days"))
    session.add(
        ClaimCode(
            record_id=record.id,
            code_hash=_hash(code),
            email=record.email,
            created_by_id=actor.id if actor else None,
            expires_at=utcnow() + timedelta(days=days),
        )
    )
    queue_email(
        session,
        record.email,
        "Link your peer support certification to your account",
        f"Sign in (or create a peer account with this address) and enter this code on the "
        f"“Certification details” page to link certification {record.certification_number}: "
        f"{code[:5]}-{code[5:]}\nThe code works once, for {days} days.",
        category="registry",
        link=links.url("ce.profile"),
    )
    _change(session, record, actor, "claim_code", "", "sent", reason="claim code sent")
    session.flush()
    return f"{code[:5]}-{code[5:]}"


CLAIM_REFUSED = "This code is not valid or has expired. Ask the certifying entity for a new one."


def claim(session: Session, user: User, code: str) -> PeerProfile:
    """Link the record a valid code was sent for to ``user``; the CE profile takes the registry's
    facts. Any failure says the same thing, so nothing is learnt about other records."""
    item = session.scalar(select(ClaimCode).where(ClaimCode.code_hash == _hash(code)))
    if item is None or item.used_at is not None or item.expires_at < utcnow():
        raise DomainError(CLAIM_REFUSED)
    record = session.get(CertificationRecord, item.record_id)
    if record.claimed_by_id is not None:
        raise DomainError(CLAIM_REFUSED)
    if session.scalar(
        select(CertificationRecord.id).where(CertificationRecord.claimed_by_id == user.id)
    ):
        raise DomainError("Your account already has a certification linked.")
    item.used_at = utcnow()
    record.claimed_by_id = user.id
    profile = link_profile(session, user, record)
    _change(session, record, user, "claimed", "", user.email, reason="claimed with an emailed code")
    session.flush()
    return profile


def link_profile(session: Session, user: User, record: CertificationRecord) -> PeerProfile:
    """The user's CE profile made to match the record (a number held by a self-declared profile
    of another account is released: the registry decides who holds it)."""
    squatter = session.scalar(
        select(PeerProfile).where(
            PeerProfile.certification_number == record.certification_number,
            PeerProfile.user_id != user.id,
        )
    )
    if squatter is not None:
        squatter.certification_number = f"UNLINKED{squatter.id}"[:20]
        audit_log(
            session,
            actor_id=user.id,
            subject_type="peer_profile",
            subject_id=squatter.id,
            action="number_released",
            reason=record.certification_number,
        )
        session.flush()
    profile = session.scalar(select(PeerProfile).where(PeerProfile.user_id == user.id))
    if profile is None:
        profile = PeerProfile(user_id=user.id)
        session.add(profile)
    profile.legal_name = record.legal_name
    profile.certification_number = record.certification_number
    profile.issued_on = record.issued_on
    profile.status = record.status
    profile.specializations = list(record.specializations or [])
    profile.record_id = record.id
    session.flush()
    return profile


MAX_SEARCH_WORDS = 8


def _name_matches(session: Session, words: list[str]):
    """Records whose folded name has a word starting with each of ``words``, in any order,
    through the database's own full-text index: FTS5 on SQLite, a GIN index on PostgreSQL."""
    dialect = session.get_bind().dialect.name
    if dialect == "sqlite":
        match = " ".join(f'"{w}"*' for w in words)
        ids = text(
            "SELECT rowid FROM certification_record_fts WHERE certification_record_fts MATCH :m"
        ).bindparams(m=match)
        return CertificationRecord.id.in_(ids.columns(column("rowid")))
    if dialect == "postgresql":
        query = " & ".join(f"{w}:*" for w in words)
        return func.to_tsvector(literal_column("'simple'"), CertificationRecord.name_folded).op(
            "@@"
        )(func.to_tsquery(literal_column("'simple'"), query))
    return and_(*(CertificationRecord.name_folded.contains(w, autoescape=True) for w in words))


def _search(session: Session, q: str):
    """Records whose number is ``q`` or whose name has every word of ``q`` (accents, case,
    hyphens and word order aside)."""
    statement = select(CertificationRecord)
    q = " ".join(q.split())[:100]
    words = fold(q).split()[:MAX_SEARCH_WORDS]
    if q and words:
        statement = statement.where(
            or_(
                CertificationRecord.certification_number == normalized_number(q),
                _name_matches(session, words),
            )
        )
    elif q:
        statement = statement.where(CertificationRecord.certification_number == "")
    return statement


def _order(q: str) -> tuple:
    """Found names in folded alphabetical order ("Maria" beside "María"): sorting the matches
    keeps the database on the full-text index (walking the name index instead, PostgreSQL
    filters every row). The whole list keeps the name index's order."""
    if fold(q).split():
        return (
            CertificationRecord.name_folded,
            CertificationRecord.legal_name,
            CertificationRecord.id,
        )
    return (CertificationRecord.legal_name, CertificationRecord.id)


def search(session: Session, q: str, page: int, *, public: bool) -> Page:
    """Records by name or number, 25 a page (two queries). The public must type something."""
    if public and len(q.strip()) < 2:
        return Page([], 1, 1, 0)
    statement = _search(session, q)
    total = session.scalar(select(func.count()).select_from(statement.subquery()))
    pages = max(1, -(-total // PER_PAGE))
    page = min(max(page, 1), pages)
    items = list(
        session.scalars(
            statement.order_by(*_order(q)).limit(PER_PAGE).offset((page - 1) * PER_PAGE)
        )
    )
    return Page(items, page, pages, total)


def public_view(record: CertificationRecord) -> dict:
    """Only what §500.2 lists: legal name, number, active and expiration dates, status, action."""
    return {
        "legal_name": record.legal_name,
        "certification_number": record.certification_number,
        "active_date": record.issued_on,
        "expiration_date": record.expires_on,
        "status": STATUS_LABELS[CertificationStatus(record.status)],
        "action": ACTION_LABELS[RegistryAction(record.action)],
    }


def late_changes(record: CertificationRecord, policy: Policy = DEFAULT_POLICY) -> dict[int, float]:
    """Changes recorded later than 72 hours after they took effect (§805.2–3): id -> hours late."""
    from app.registry.rules import hours_late

    late = {}
    for change in record.changes:
        if change.kind in ("status", "action"):
            over = hours_late(change.effective_at, change.recorded_at, policy)
            if over is not None:
                late[change.id] = over
    return late


def record_of_user(session: Session, user: User) -> CertificationRecord | None:
    return session.scalar(
        select(CertificationRecord).where(CertificationRecord.claimed_by_id == user.id)
    )


def renewal_state(
    record: CertificationRecord, today: date, policy: Policy = DEFAULT_POLICY
) -> dict:
    """Whether the holder can renew today (§207.7–8, §802.1.B), with the fee (§601)."""
    from app.ce.rules import renewal_status

    state = renewal_status(record.status, today, record.expires_on, policy)
    state["allowed"] = state["code"] == "CE_RENEWAL_OK"
    state["fee"] = int(policy.value("fee.peer_renewal"))
    state["fee_citation"] = policy.cite("fee.peer_renewal")
    return state


def attestation_shortfall(ce_summary: dict) -> str:
    """What the peer's own CE record lacks of what a renewal attests (§207.3, §207.9), or ""."""
    short = float(ce_summary.get("required_hours", 0)) - float(ce_summary.get("total_hours", 0))
    short_le = float(ce_summary.get("required_law_ethics_hours", 0)) - float(
        ce_summary.get("law_ethics_hours", 0)
    )
    parts = []
    if short > 0:
        parts.append(f"{ce_summary['total_hours']:g} of {ce_summary['required_hours']:g} CE hours")
    if short_le > 0:
        parts.append(
            f"{ce_summary['law_ethics_hours']:g} of "
            f"{ce_summary['required_law_ethics_hours']:g} hours of law and ethics"
        )
    return "the record counts " + " and ".join(parts) if parts else ""


def shortfall_of(application: RenewalApplication, policy: Policy = DEFAULT_POLICY) -> str:
    """The shortfall a recorded renewal was attested with, or ""."""
    return attestation_shortfall(
        {
            "total_hours": application.ce_hours,
            "required_hours": float(policy.value("ce.hours")),
            "law_ethics_hours": application.law_ethics_hours,
            "required_law_ethics_hours": float(policy.value("ce.law_ethics_hours")),
        }
    )


def renew(
    session: Session,
    user: User,
    record: CertificationRecord,
    *,
    attested: bool,
    signature: str,
    ce_summary: dict,
    today: date,
    policy: Policy = DEFAULT_POLICY,
) -> RenewalApplication:
    """Record a renewal inside the window: the attestation (§207.9) and the code of ethics signed
    with the legal name (§207.10); the next period opens (expiration two years on). Audited."""
    from app.dates import add_years
    from app.registry.rules import signature_matches

    if record.claimed_by_id != user.id:
        raise NotFound("There is no such certification.")
    state = renewal_state(record, today, policy)
    if not state["allowed"]:
        raise DomainError(f"{state['message']} ({state['citation']})")
    problems = []
    if not attested:
        problems.append(
            f"attest that you completed the CE hours ({policy.cite('renewal.attestation')})"
        )
    if not signature_matches(signature, record.legal_name):
        problems.append(
            f"sign the code of ethics with your legal name as the registry has it, {record.legal_name}"
        )
    if problems:
        raise DomainError("To renew, " + " and ".join(problems) + ".")
    previous = record.expires_on
    application = RenewalApplication(
        record_id=record.id,
        user_id=user.id,
        previous_expires_on=previous,
        new_expires_on=add_years(previous, int(policy.value("cert.period_years"))),
        attested=True,
        ethics_signature=signature.strip(),
        fee=state["fee"],
        ce_hours=float(ce_summary.get("total_hours", 0)),
        law_ethics_hours=float(ce_summary.get("law_ethics_hours", 0)),
    )
    session.add(application)
    record_renewal(session, user.id, today)  # App. E item 19, for the DHCS report (§808)
    record.expires_on = application.new_expires_on
    _change(
        session,
        record,
        user,
        "renewed",
        previous.isoformat(),
        record.expires_on.isoformat(),
        reason=f"renewal application; fee ${application.fee} ({state['fee_citation']})",
    )
    shortfall = attestation_shortfall(ce_summary)
    if shortfall:
        # Flagged to the reviewers on the record and drawn first in the next records review.
        _change(
            session,
            record,
            user,
            "attestation_shortfall",
            "",
            f"{float(ce_summary.get('total_hours', 0)):g} h",
            reason=(
                f"CE hours attested while {shortfall} ({policy.cite('renewal.attestation')}); "
                "drawn first in the next records review (§207.11)"
            ),
        )
    queue_email(
        session,
        user.email,
        "Your certification renewal is recorded",
        f"Your renewal of certification {record.certification_number} is recorded. It now expires "
        f"on {record.expires_on:%B %d, %Y}. Renewal fee: ${application.fee} ({state['fee_citation']}). "
        "Keep your CE records for two years after this application (§207.13.A).",
        category="registry",
        link=links.url("ce.dashboard"),
    )
    session.flush()
    return application


def renewals_of(session: Session, record: CertificationRecord) -> list[RenewalApplication]:
    return list(
        session.scalars(
            select(RenewalApplication)
            .where(RenewalApplication.record_id == record.id)
            .order_by(RenewalApplication.id.desc())
        )
    )


@reminder
def queue_renewal_reminders(session: Session, policy: Policy, today: date) -> int:
    """Remind holders at 90, 30 and 7 days before expiration (§802.1), once each; mark active
    certifications past their expiration as expired (lapsed, §207.6) and tell the holder."""
    from app.registry.rules import reminder_days, reminder_due

    queued = 0
    horizon = today + timedelta(days=max(reminder_days(policy)))
    records = session.scalars(
        select(CertificationRecord).where(
            CertificationRecord.status == CertificationStatus.ACTIVE.value,
            CertificationRecord.expires_on <= horizon,
        )
    ).all()
    sent_rows = session.execute(
        select(RegistryChange.record_id, RegistryChange.to_value).where(
            RegistryChange.kind == "reminder",
            RegistryChange.record_id.in_([r.id for r in records]),
        )
    ).all()
    sent: dict[int, set[str]] = {}
    for record_id, value in sent_rows:
        sent.setdefault(record_id, set()).add(value)
    window = int(policy.value("renewal.window_days"))
    for record in records:
        address = _holder_address(session, record)
        if record.expires_on < today:
            _change(
                session,
                record,
                None,
                "status",
                record.status,
                CertificationStatus.EXPIRED.value,
                effective_at=_day_start(record.expires_on),
                reason="not renewed by the expiration date (§207.6)",
            )
            record.status = CertificationStatus.EXPIRED.value
            _sync_profile(session, record)
            if address:
                queue_email(
                    session,
                    address,
                    "Your certification has lapsed",
                    f"Certification {record.certification_number} was not renewed by {record.expires_on:%B %d, %Y} "
                    "and has lapsed. Under four years, reinstatement needs a 40-hour refresher, the signed code of "
                    "ethics and a passed exam (§209.1–2).",
                    category="registry",
                    link=links.url("ce.dashboard"),
                )
                queued += 1
            continue
        done = {
            int(v.split()[0])
            for v in sent.get(record.id, set())
            if v.endswith(record.expires_on.isoformat())
        }
        milestone = reminder_due(record.expires_on, today, done, policy)
        if milestone is None or not address:
            continue
        opens = record.expires_on - timedelta(days=window)
        queue_email(
            session,
            address,
            f"Renew your certification: {(record.expires_on - today).days} days left",
            f"Certification {record.certification_number} expires on {record.expires_on:%B %d, %Y}. "
            f"The renewal window opened on {opens:%B %d, %Y} ({policy.cite('renewal.window_days')}): "
            f"attest your 20 CE hours (6 of law and ethics), sign the code of ethics and pay the "
            f"${int(policy.value('fee.peer_renewal'))} fee ({policy.cite('fee.peer_renewal')}).",
            category="registry",
            link=links.url("registry.renewal"),
        )
        session.add(
            RegistryChange(
                record_id=record.id,
                kind="reminder",
                to_value=f"{milestone} days {record.expires_on.isoformat()}",
                effective_at=utcnow(),
                reason="renewal reminder",
            )
        )
        queued += 1
    session.flush()
    return queued


def _holder_address(session: Session, record: CertificationRecord) -> str:
    if record.claimed_by_id:
        return session.get(User, record.claimed_by_id).email
    return record.email


def record_reinstatement_step(
    session: Session,
    actor: User,
    record: CertificationRecord,
    *,
    step: str,
    completed_on: date,
    today: date,
) -> RegistryChange:
    """A reviewer records a step of reinstatement (§209.1–2) with the day it was completed."""
    from app.registry.rules import REINSTATEMENT_STEPS

    if step not in REINSTATEMENT_STEPS:
        raise DomainError("Choose the refresher, the code of ethics or the exam.")
    if record.status != CertificationStatus.EXPIRED.value:
        raise DomainError("Only a lapsed (expired) certification is reinstated (§209).")
    if completed_on > today or completed_on < record.expires_on:
        raise DomainError("The step counts when completed after the lapse and not in the future.")
    change = _change(
        session,
        record,
        actor,
        f"reinstatement_{step}",
        "",
        completed_on.isoformat(),
        effective_at=_day_start(completed_on),
        reason=REINSTATEMENT_STEPS[step],
    )
    session.flush()
    return change


def reinstatement_steps(record: CertificationRecord) -> dict[str, date]:
    """Steps recorded since the lapse: step -> completion day."""
    steps = {}
    for change in record.changes:
        if (
            change.kind.startswith("reinstatement_")
            and change.effective_at.date() >= record.expires_on
        ):
            steps.setdefault(change.kind.removeprefix("reinstatement_"), change.effective_at.date())
    return steps


def reinstate(
    session: Session,
    actor: User,
    record: CertificationRecord,
    *,
    today: date,
    policy: Policy = DEFAULT_POLICY,
) -> CertificationRecord:
    """Reinstate a lapsed certification once the refresher, code of ethics and exam are recorded,
    within four years of the lapse (§209.1–2); from four years, initial certification (§209.3)."""
    from app.dates import add_years
    from app.registry.rules import REINSTATEMENT_STEPS

    if record.status != CertificationStatus.EXPIRED.value:
        raise DomainError("Only a lapsed (expired) certification is reinstated (§209).")
    if today >= add_years(record.expires_on, int(policy.value("reinstatement.lapse_years"))):
        raise DomainError(
            f"Lapsed four years or more: initial certification again ({policy.cite('reinstatement.initial_certification')})."
        )
    missing = [
        label
        for step, label in REINSTATEMENT_STEPS.items()
        if step not in reinstatement_steps(record)
    ]
    if missing:
        raise DomainError(
            "Still to record: "
            + "; ".join(missing)
            + f" ({policy.cite('reinstatement.requirements')})."
        )
    previous = record.expires_on
    record.issued_on = today
    record.expires_on = add_years(today, int(policy.value("cert.period_years")))
    _change(
        session,
        record,
        actor,
        "status",
        CertificationStatus.EXPIRED.value,
        CertificationStatus.ACTIVE.value,
        effective_at=_day_start(today),
        reason=f"reinstated (§209.1–2); lapsed {previous.isoformat()}",
    )
    record.status = CertificationStatus.ACTIVE.value
    _sync_profile(session, record)
    address = _holder_address(session, record)
    if address:
        queue_email(
            session,
            address,
            "Your certification is reinstated",
            f"Certification {record.certification_number} is active again until {record.expires_on:%B %d, %Y}.",
            category="registry",
            link=links.url("ce.dashboard"),
        )
    session.flush()
    return record


def add_requirement(
    session: Session,
    actor: User,
    record: CertificationRecord,
    *,
    sanction: str,
    imposed_on: date,
    due_on: date | None,
    note: str,
    today: date,
) -> CERequirement:
    """Attach the CE a sanction requires (App. F) to a record; dated and audited."""
    from app.policy import SANCTIONS

    if sanction not in SANCTIONS:
        raise DomainError("Choose the sanction's CE requirement.")
    if imposed_on > today or (due_on is not None and due_on < imposed_on):
        raise DomainError("The sanction is imposed today or earlier, and due after it is imposed.")
    item = CERequirement(
        record_id=record.id,
        sanction=sanction,
        imposed_on=imposed_on,
        due_on=due_on,
        note=note.strip(),
        created_by_id=actor.id,
    )
    session.add(item)
    rule = SANCTIONS[sanction]
    _change(
        session,
        record,
        actor,
        "ce_required",
        "",
        f"{rule.text} ({rule.citation})",
        effective_at=_day_start(imposed_on),
        reason=note.strip(),
    )
    session.flush()
    return item


def requirements_of(session: Session, record_id: int | None) -> list[CERequirement]:
    if record_id is None:
        return []
    return list(
        session.scalars(
            select(CERequirement)
            .where(CERequirement.record_id == record_id)
            .order_by(CERequirement.id)
        )
    )
