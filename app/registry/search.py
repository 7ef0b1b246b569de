"""The public registry search (any accents, case, hyphens or word order) and what it shows of a
record (§500.2)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import (
    and_,
    column,
    func,
    literal_column,
    or_,
    select,
    text,
)
from sqlalchemy.orm import Session

from app.certification import CertificationStatus
from app.policy import DEFAULT_POLICY, Policy
from app.registry.models import CertificationRecord
from app.registry.rules import (
    ACTION_LABELS,
    STATUS_LABELS,
    RegistryAction,
    fold,
    hours_late,
    normalized_number,
)

PER_PAGE = 25


@dataclass(frozen=True)
class Page:
    items: list
    page: int
    pages: int
    total: int


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

    late = {}
    for change in record.changes:
        if change.kind in ("status", "action"):
            over = hours_late(change.effective_at, change.recorded_at, policy)
            if over is not None:
                late[change.id] = over
    return late
