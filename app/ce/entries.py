"""A peer's CE entries and the evidence attached to them: saved, deleted (not while a records review
holds them), and kept as long as §207.13.A says."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.audit.services import record as audit_log
from app.audit.services import record_by
from app.auth.models import Role, User
from app.ce.audits import selection_period
from app.ce.models import (
    CEAuditSelection,
    CEEntryRecord,
    EvidenceFile,
    PeerProfile,
)
from app.ce.roster_models import ReportedCompletion
from app.ce.rules import (
    ENTRY_FIELDS,
    CEEntry,
    keep_until,
)
from app.dbtypes import utcnow
from app.errors import Conflict, NotFound
from app.messages import LongDate, Message
from app.policy import DEFAULT_POLICY, Policy
from app.registry import interface as registry
from app.uploads import delete_stored, store_upload


def get_entry(session: Session, profile: PeerProfile, entry_id: int) -> CEEntryRecord:
    """An entry of this peer's own record; others' entries are not found (404)."""
    record = session.get(CEEntryRecord, entry_id)
    if record is None or record.profile_id != profile.id:
        raise NotFound(Message("There is no such entry in your record."))
    return record


class FrozenEntry(Conflict):
    """The entry is in a records review: the peer's attempt is refused (and logged)."""


def frozen_by(
    session: Session, record: CEEntryRecord, policy: Policy = DEFAULT_POLICY
) -> CEAuditSelection | None:
    """The records review whose period holds this entry; the entry is frozen for the peer."""
    selections = session.scalars(
        select(CEAuditSelection).where(CEAuditSelection.profile_id == record.profile_id)
    ).all()
    on = record.end_date or record.start_date
    for selection in selections:
        start, end = selection_period(selection, policy)
        if start <= on < end:
            return selection
    return None


def reported_entry(session: Session, entry_id: int) -> ReportedCompletion | None:
    """The provider's report behind a CE entry, if a roster posted it."""
    return session.scalar(select(ReportedCompletion).where(ReportedCompletion.entry_id == entry_id))


def refuse_change(session: Session, record: CEEntryRecord) -> None:
    """A reported entry is the provider's: the peer disputes it rather than edit or delete it."""
    if record.id is not None and reported_entry(session, record.id) is not None:
        raise Conflict(
            Message(
                "“%(title)s” was reported by its provider, so it cannot be changed or deleted "
                "here; dispute it if it is wrong.",
                title=record.title,
            )
        )


def _refuse_if_frozen(session: Session, profile: PeerProfile, record: CEEntryRecord, action: str):
    """Log and refuse a change to an entry under review (§207.12): decisions must stay true.
    An entry its provider reported is disputed, not changed (app.ce.rosters)."""
    refuse_change(session, record)
    selection = frozen_by(session, record)
    if selection is None:
        return
    audit_log(
        session,
        actor_id=profile.user_id,
        subject_type="ce_entry",
        subject_id=record.id,
        action=f"{action}_refused",
        reason=f"under records review {selection.audit_id}",
        details={"audit": selection.audit_id, "selection": selection.id},
    )
    session.flush()
    raise FrozenEntry(
        Message(
            "“%(title)s” is part of a records review (%(citation)s): it cannot be changed or "
            "deleted. Add a new entry as a correction; the reviewer sees it.",
            title=record.title,
            citation=DEFAULT_POLICY.cite("audit.response_days"),
        )
    )


def save_entry(
    session: Session, profile: PeerProfile, record: CEEntryRecord | None, entry: CEEntry
) -> CEEntryRecord:
    """Add an entry (``record`` None) or change one; audited. An entry under review is frozen."""
    action = "add_entry" if record is None else "change_entry"
    if record is not None:
        _refuse_if_frozen(session, profile, record, action)
    record = record or CEEntryRecord(profile_id=profile.id)
    _copy_fields(entry, record)
    session.add(record)
    session.flush()
    _audit_entry(session, profile, record, action)
    return record


def delete_entry(
    session: Session, profile: PeerProfile, record: CEEntryRecord, *, upload_dir: str | None = None
) -> None:
    """Delete an entry of the peer's own record with its evidence files (records and stored
    files); audited. An entry under review is frozen."""
    if record.profile_id != profile.id:
        raise NotFound(Message("There is no such entry in your record."))
    _refuse_if_frozen(session, profile, record, "delete_entry")
    kept = retention_of(session, profile, record)
    if kept is not None and kept > utcnow().date():
        raise Conflict(
            Message(
                "Keep the records of “%(title)s” until %(date)s: two years after the renewal "
                "application it counted for (%(citation)s).",
                title=record.title,
                date=LongDate(kept),
                citation=DEFAULT_POLICY.cite("records.retention_years"),
            )
        )
    stored = [f.stored_name for f in record.files]
    audit_log(
        session,
        actor_id=profile.user_id,
        subject_type="ce_entry",
        subject_id=record.id,
        action="delete_entry",
        reason=record.title,
        details={"files": stored},
    )
    session.delete(record)
    session.flush()
    if upload_dir is not None:
        for name in stored:
            delete_stored(upload_dir, name)


def retention_of(session: Session, profile: PeerProfile, record: CEEntryRecord) -> date | None:
    """The day this entry's records may be discarded (§207.13.A), or None (no renewal yet)."""

    if profile.record_id is None:
        return None
    renewals = registry.renewal_dates(session, profile.record_id)
    return keep_until(
        record.end_date or record.start_date,
        [(expired, applied.date()) for expired, applied in renewals],
        DEFAULT_POLICY,
    )


def _audit_entry(session: Session, profile: PeerProfile, record: CEEntryRecord, action: str):
    audit_log(
        session,
        actor_id=profile.user_id,
        subject_type="ce_entry",
        subject_id=record.id,
        action=action,
        reason=record.title,
    )


def attach_evidence(
    session: Session,
    profile: PeerProfile,
    record: CEEntryRecord,
    upload: tuple[bytes, str],
    *,
    upload_dir: str,
    max_bytes: int,
) -> EvidenceFile:
    """Check and store a certificate, agenda or transcript for an entry (App. C 6); audited."""
    if record.profile_id != profile.id:
        raise NotFound(Message("There is no such entry in your record."))
    holder = frozen_by(session, record)
    if holder is not None and holder.closed_at is not None:
        raise FrozenEntry(
            Message(
                "The records review of “%(title)s” is closed: no more proof.", title=record.title
            )
        )
    stored = store_upload(
        upload[0], upload[1], kinds="evidence", upload_dir=upload_dir, max_bytes=max_bytes
    )
    try:
        item = EvidenceFile(
            entry_id=record.id, stored_name=stored.stored_name, original_name=stored.original_name
        )
        session.add(item)
        if stored.original_name not in (record.evidence or []):
            record.evidence = [*(record.evidence or []), stored.original_name]
        session.flush()
        _audit_entry(session, profile, record, "attach_evidence")
    except BaseException:
        delete_stored(upload_dir, stored.stored_name)
        raise
    return item


def evidence_for(session: Session, user: User, stored_name: str) -> EvidenceFile:
    """An evidence file for its own peer; for reviewers only while a records review holding the
    entry is open (§207.12), and each such download is logged."""
    item = session.scalar(select(EvidenceFile).where(EvidenceFile.stored_name == stored_name))
    if item is None:
        raise NotFound(Message("There is no such file."))
    entry = session.get(CEEntryRecord, item.entry_id)
    if user.role == Role.PEER:
        if entry.profile.user_id != user.id:
            raise NotFound(Message("There is no such file."))
        return item
    selection = frozen_by(session, entry)
    if selection is None or selection.closed_at is not None:
        raise NotFound(
            Message("Evidence is seen by reviewers only while a records review is open.")
        )
    record_by(
        session,
        user,
        "ce_audit",
        selection.audit_id,
        "evidence_download",
        reason=item.original_name,
        details={"entry": entry.id, "file": item.id, "profile": entry.profile_id},
    )
    return item


def _copy_fields(entry: CEEntry, record: CEEntryRecord) -> None:
    """Copy a rules-level entry onto its database record."""
    for name in ENTRY_FIELDS:
        setattr(record, name, getattr(entry, name))
