"""Registry records of certifications, their dated changes, and the codes that let a peer claim one."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import DDL, JSON, ForeignKey, String, event
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.dbtypes import UTCDateTime, utcnow
from app.extensions import db
from app.registry.rules import fold


class CertificationRecord(db.Model):
    """One certification as the certifying entity records it (§500.2)."""

    __tablename__ = "certification_record"

    id: Mapped[int] = mapped_column(primary_key=True)
    legal_name: Mapped[str] = mapped_column(String(200), index=True)
    # The name without accents, case or punctuation (app.registry.rules.fold), kept by the
    # mapper events below; the full-text index of the public search is built on it.
    name_folded: Mapped[str] = mapped_column(
        String(200), default=lambda context: _folded(context), server_default=""
    )
    certification_number: Mapped[str] = mapped_column(String(20), unique=True)
    issued_on: Mapped[date]  # the active date
    expires_on: Mapped[date]
    status: Mapped[str] = mapped_column(String(20), default="active")
    action: Mapped[str] = mapped_column(String(30), default="none")
    specializations: Mapped[list] = mapped_column(JSON, default=list)
    email: Mapped[str] = mapped_column(
        String(254), default=""
    )  # where a claim code goes; never shown
    claimed_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)
    # Bumped by every UPDATE: two people changing the row at once, the second is refused (409).
    lock_version: Mapped[int] = mapped_column(default=1)

    changes: Mapped[list[RegistryChange]] = relationship(
        order_by="RegistryChange.id.desc()", cascade="all, delete-orphan"
    )

    __mapper_args__ = {"version_id_col": lock_version}  # noqa: RUF012 (SQLAlchemy reads it once)


def _fold(mapper, connection, target: CertificationRecord) -> None:

    target.name_folded = fold(target.legal_name or "")[:200]


def _folded(context) -> str:
    """The column default: every insert, the ORM's and a bulk one alike, folds the name."""

    return fold(context.get_current_parameters().get("legal_name") or "")[:200]


event.listen(CertificationRecord, "before_insert", _fold)
event.listen(CertificationRecord, "before_update", _fold)

# SQLite's full-text index of the folded names, kept in step by triggers on every insert, update
# and delete (the migration creates the same; see migrations/versions/*_ids_never_reused_*.py).
SQLITE_SEARCH_DDL = (
    "CREATE VIRTUAL TABLE certification_record_fts USING fts5(name_folded, "
    "content='certification_record', content_rowid='id', prefix='2 3')",
    "CREATE TRIGGER certification_record_fts_ai AFTER INSERT ON certification_record BEGIN "
    "INSERT INTO certification_record_fts(rowid, name_folded) VALUES (new.id, new.name_folded); END",
    "CREATE TRIGGER certification_record_fts_ad AFTER DELETE ON certification_record BEGIN "
    "INSERT INTO certification_record_fts(certification_record_fts, rowid, name_folded) "
    "VALUES ('delete', old.id, old.name_folded); END",
    "CREATE TRIGGER certification_record_fts_au AFTER UPDATE OF name_folded ON "
    "certification_record BEGIN "
    "INSERT INTO certification_record_fts(certification_record_fts, rowid, name_folded) "
    "VALUES ('delete', old.id, old.name_folded); "
    "INSERT INTO certification_record_fts(rowid, name_folded) VALUES (new.id, new.name_folded); END",
)
SEARCH_TABLES = "certification_record_fts"  # the FTS5 table and its shadow tables
SEARCH_INDEX = "ix_certification_record_name_search"


def is_model_object(object_, name, type_, reflected, compare_to) -> bool:
    """For Alembic's autogenerate: the search index's tables are no model's, never dropped; its
    expression index (PostgreSQL's) is made by the migration and cannot be compared."""
    if type_ == "index" and name == SEARCH_INDEX:
        return False
    return not (type_ == "table" and reflected and (name or "").startswith(SEARCH_TABLES))


SQLITE_SEARCH_DROP = (
    "DROP TRIGGER IF EXISTS certification_record_fts_au",
    "DROP TRIGGER IF EXISTS certification_record_fts_ad",
    "DROP TRIGGER IF EXISTS certification_record_fts_ai",
    "DROP TABLE IF EXISTS certification_record_fts",
)
for _statement in SQLITE_SEARCH_DDL:
    event.listen(
        CertificationRecord.__table__, "after_create", DDL(_statement).execute_if(dialect="sqlite")
    )
# PostgreSQL's: a GIN index over the folded name's words.
POSTGRESQL_SEARCH_DDL = (
    f"CREATE INDEX {SEARCH_INDEX} ON certification_record "
    "USING gin (to_tsvector('simple', name_folded))"
)
event.listen(
    CertificationRecord.__table__,
    "after_create",
    DDL(POSTGRESQL_SEARCH_DDL).execute_if(dialect="postgresql"),
)
for _statement in SQLITE_SEARCH_DROP:
    event.listen(
        CertificationRecord.__table__, "before_drop", DDL(_statement).execute_if(dialect="sqlite")
    )


class RegistryChange(db.Model):
    """A dated change of a record: what changed, when it took effect, when it was recorded."""

    __tablename__ = "registry_change"

    id: Mapped[int] = mapped_column(primary_key=True)
    record_id: Mapped[int] = mapped_column(ForeignKey("certification_record.id"), index=True)
    kind: Mapped[str] = mapped_column(String(30))  # created, updated, status, action, audit, …
    from_value: Mapped[str] = mapped_column(String(200), default="")
    to_value: Mapped[str] = mapped_column(String(200), default="")
    effective_at: Mapped[datetime] = mapped_column(UTCDateTime())
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    reason: Mapped[str] = mapped_column(String(2000), default="")


class ClaimCode(db.Model):
    """A single-use code emailed to a record's holder to link it to their account."""

    __tablename__ = "registry_claim_code"

    id: Mapped[int] = mapped_column(primary_key=True)
    record_id: Mapped[int] = mapped_column(ForeignKey("certification_record.id"), index=True)
    code_hash: Mapped[str] = mapped_column(String(64), unique=True)
    email: Mapped[str] = mapped_column(String(254))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class RenewalApplication(db.Model):
    """A peer's renewal: the attestation of CE completed (§207.9), the signed code of ethics
    (§207.10), the fee shown (§601), and the period it opened."""

    __tablename__ = "renewal_application"

    id: Mapped[int] = mapped_column(primary_key=True)
    record_id: Mapped[int] = mapped_column(ForeignKey("certification_record.id"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    submitted_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    previous_expires_on: Mapped[date]
    new_expires_on: Mapped[date]
    attested: Mapped[bool] = mapped_column(default=False)
    ethics_signature: Mapped[str] = mapped_column(String(200))
    fee: Mapped[int]
    ce_hours: Mapped[float]
    law_ethics_hours: Mapped[float]


class CERequirement(db.Model):
    """CE a sanction requires of this holder (App. F), counted from the day it was imposed."""

    __tablename__ = "registry_ce_requirement"

    id: Mapped[int] = mapped_column(primary_key=True)
    record_id: Mapped[int] = mapped_column(ForeignKey("certification_record.id"), index=True)
    sanction: Mapped[str] = mapped_column(String(20))  # a code of app.policy.SANCTION_CE
    imposed_on: Mapped[date]
    due_on: Mapped[date | None]
    note: Mapped[str] = mapped_column(String(2000), default="")
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
