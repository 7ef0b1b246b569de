"""A peer's CE record: profile, entries, summary and CSV, on top of the pure rules."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, selectinload

from app.audit.services import record as audit_log
from app.auth.models import Role, User
from app.ce.csvio import Reading, entry_key, layout_error, read_record, write_csv
from app.ce.models import (
    CEAudit,
    CEAuditEntryReview,
    CEAuditSelection,
    CEEntryRecord,
    EvidenceFile,
    PeerProfile,
)
from app.ce.rules import (
    AUDIT_OUTCOME_LABELS,
    ENTRY_FIELDS,
    AuditOutcome,
    CEEntry,
    CertificationStatus,
    DrawMethod,
    ProofDecision,
    keep_until,
    period_for,
    sanction_progress,
    summarize,
)
from app.ce.spreadsheet import TopicIndex
from app.dates import add_years
from app.dbtypes import utcnow
from app.errors import Conflict, DomainError, NotFound
from app.inbox import notify
from app.notifications import links
from app.notifications.services import queue_email
from app.policy import DEFAULT_POLICY, Policy
from app.providers import services as providers
from app.registry.models import CertificationRecord, RenewalApplication
from app.submissions import services as submissions
from app.tabular import read_as_csv
from app.uploads import delete_stored, store_upload

MAX_IMPORT_BYTES = 2 * 1024 * 1024

CERTIFICATION_NUMBER = re.compile(r"^MPSS\d{4,10}$")


def profile_of(session: Session, user: User) -> PeerProfile | None:
    return session.scalar(select(PeerProfile).where(PeerProfile.user_id == user.id))


def save_profile(
    session: Session,
    user: User,
    *,
    legal_name: str,
    certification_number: str,
    issued_on: date,
    status: str,
    specializations: list[str],
) -> PeerProfile:
    """Register a certification and link it to ``user`` (staff set-up and the demo; peers claim
    theirs with a code). The number looks like MPSS123456 (§213.6); audited."""
    from app.registry import services as registry

    number = certification_number.strip().upper().replace(" ", "")
    if not CERTIFICATION_NUMBER.match(number):
        raise DomainError(
            f"A certification number is MPSS followed by digits, e.g. MPSS123456 ({DEFAULT_POLICY.cite('cert.number_format')})."
        )
    record = session.scalar(
        select(CertificationRecord).where(CertificationRecord.certification_number == number)
    )
    if record is None:
        record = registry.create_record(
            session,
            None,
            legal_name=legal_name,
            certification_number=number,
            issued_on=issued_on,
            expires_on=add_years(issued_on, int(DEFAULT_POLICY.value("cert.period_years"))),
            specializations=specializations,
            email=user.email,
            today=max(issued_on, date.today()),
        )
    elif record.claimed_by_id not in (None, user.id):
        raise Conflict("That registry record is linked to another account.")
    record.claimed_by_id = user.id
    record.status = status
    record.specializations = list(specializations)
    return registry.link_profile(session, user, record)


def as_rule_entry(record: CEEntryRecord, line: int | None = None) -> CEEntry:
    values = {name: getattr(record, name) for name in ENTRY_FIELDS}
    values.update(
        law_ethics_topics=list(record.law_ethics_topics or []),
        evidence=list(record.evidence or []),
    )
    return CEEntry(**values, line=line if line is not None else record.id)


def summary_for(profile: PeerProfile, policy: Policy, today: date) -> dict:
    """The CE summary of the current period, entries keyed by their record id in ``line``, with
    the CE sanctions on the registry record require (App. F)."""
    from sqlalchemy.orm import object_session

    from app.policy import SANCTIONS
    from app.registry.services import requirements_of

    entries = [as_rule_entry(r) for r in profile.entries]
    summary = summarize(
        entries,
        issued_on=profile.issued_on,
        today=_current_day(profile, policy, today),
        policy=policy,
        status=profile.status,
    )
    session = object_session(profile)
    required = requirements_of(session, profile.record_id) if session is not None else []
    summary["sanctions"] = sanction_progress(
        entries, [(SANCTIONS[r.sanction], r.imposed_on) for r in required], policy
    )
    for item, requirement in zip(summary["sanctions"], required, strict=True):
        item["due_on"] = requirement.due_on.isoformat() if requirement.due_on else None
    return summary


def _current_day(profile: PeerProfile, policy: Policy, today: date) -> date:
    """A day of the certification's current period: today, or, once a renewal moved the
    registry's expiration past today's period, the first day of the renewed period. The registry
    record is the one source of the expiration date; every page reads it through here."""
    from sqlalchemy.orm import object_session

    session = object_session(profile)
    if profile.record_id is None or session is None:
        return today
    record = session.get(CertificationRecord, profile.record_id)
    end = period_for(profile.issued_on, today, policy)[1]
    if record is not None and record.expires_on > end:
        return end
    return today


def expiration(profile: PeerProfile, policy: Policy, today: date) -> date:
    """The end of the period containing ``today`` of an active certification (the first one
    otherwise): the period a renewal made today attests, which a records review samples."""
    return _expiration(profile.issued_on, profile.status, policy, today)


def _expiration(issued_on: date, status: str, policy: Policy, today: date) -> date:
    if status == CertificationStatus.ACTIVE:
        return period_for(issued_on, today, policy)[1]
    return add_years(issued_on, int(policy.value("cert.period_years")))


def _renewing_between(
    session: Session, policy: Policy, today: date, window_start: date, window_end: date
) -> list[int]:
    """The active certifications whose expiration falls in the window, by profile id.

    An expiration is an anniversary of the issue date a whole number of periods later, so only
    profiles issued a whole number of periods before the window (a day either side for
    29 February) can fall in it: the database reads those through the issue-date index, and
    each is then checked exactly."""
    years = int(policy.value("cert.period_years"))
    first = session.scalar(select(func.min(PeerProfile.issued_on)))
    if first is None:
        return []
    ranges = []
    periods = 1
    while add_years(window_end, -years * periods) + timedelta(days=1) >= first:
        ranges.append(
            PeerProfile.issued_on.between(
                add_years(window_start, -years * periods) - timedelta(days=1),
                add_years(window_end, -years * periods) + timedelta(days=1),
            )
        )
        periods += 1
    if not ranges:
        return []
    rows = session.execute(
        select(PeerProfile.id, PeerProfile.issued_on, PeerProfile.status)
        .join(CertificationRecord, CertificationRecord.id == PeerProfile.record_id)
        .where(CertificationRecord.status == CertificationStatus.ACTIVE, or_(*ranges))
    )
    return sorted(
        profile_id
        for profile_id, issued_on, status in rows
        if window_start <= _expiration(issued_on, status, policy, today) <= window_end
    )


def get_entry(session: Session, profile: PeerProfile, entry_id: int) -> CEEntryRecord:
    """An entry of this peer's own record; others' entries are not found (404)."""
    record = session.get(CEEntryRecord, entry_id)
    if record is None or record.profile_id != profile.id:
        raise NotFound("There is no such entry in your record.")
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


def _refuse_if_frozen(session: Session, profile: PeerProfile, record: CEEntryRecord, action: str):
    """Log and refuse a change to an entry under review (§207.12): decisions must stay true.
    An entry its provider reported is disputed, not changed (app.ce.rosters)."""
    from app.ce.rosters import refuse_change

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
        f"“{record.title}” is part of a records review ({DEFAULT_POLICY.cite('audit.response_days')}): "
        "it cannot be changed or deleted. Add a new entry as a correction; the reviewer sees it."
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
        raise NotFound("There is no such entry in your record.")
    _refuse_if_frozen(session, profile, record, "delete_entry")
    kept = retention_of(session, profile, record)
    if kept is not None and kept > utcnow().date():
        raise Conflict(
            f"Keep the records of “{record.title}” until {kept:%B %d, %Y}: two years after the "
            f"renewal application it counted for ({DEFAULT_POLICY.cite('records.retention_years')})."
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
    from app.registry.models import RenewalApplication

    if profile.record_id is None:
        return None
    renewals = session.execute(
        select(RenewalApplication.previous_expires_on, RenewalApplication.submitted_at).where(
            RenewalApplication.record_id == profile.record_id
        )
    ).all()
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
        raise NotFound("There is no such entry in your record.")
    holder = frozen_by(session, record)
    if holder is not None and holder.closed_at is not None:
        raise FrozenEntry(f"The records review of “{record.title}” is closed: no more proof.")
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
        raise NotFound("There is no such file.")
    entry = session.get(CEEntryRecord, item.entry_id)
    if user.role == Role.PEER:
        if entry.profile.user_id != user.id:
            raise NotFound("There is no such file.")
        return item
    selection = frozen_by(session, entry)
    if selection is None or selection.closed_at is not None:
        raise NotFound("Evidence is seen by reviewers only while a records review is open.")
    audit_log(
        session,
        actor_id=user.id,
        subject_type="ce_audit",
        subject_id=selection.audit_id,
        action="evidence_download",
        reason=item.original_name,
        details={"entry": entry.id, "file": item.id, "profile": entry.profile_id},
    )
    return item


def export_csv(profile: PeerProfile) -> str:
    return write_csv([as_rule_entry(r) for r in profile.entries])


@dataclass
class ImportOutcome:
    """What an import did: entries added, lines already recorded, or why nothing was stored."""

    reading: Reading
    imported: int = 0
    already: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    @property
    def stored(self) -> bool:
        return not self.errors and self.reading.ready


def import_text(
    session: Session,
    profile: PeerProfile,
    text: str,
    *,
    topics: TopicIndex | None = None,
    confirmed: bool = False,
    answers: dict[str, str] | None = None,
) -> ImportOutcome:
    """Import every row, or none when any row is invalid, the layout is not confirmed or a value
    is still asked for; rows already recorded are skipped and reported (a re-import adds nothing)."""
    if len(text.encode()) > MAX_IMPORT_BYTES:
        reading = Reading()
        return ImportOutcome(
            reading, errors=[f"The file is larger than {MAX_IMPORT_BYTES // (1024 * 1024)} MB."]
        )
    reading = read_record(text, topics=topics, confirmed=confirmed, answers=answers)
    outcome = ImportOutcome(reading, errors=[e.for_people() for e in reading.errors])
    if not outcome.stored:
        return outcome
    recorded = {entry_key(as_rule_entry(r)) for r in profile.entries}
    for entry in reading.entries:
        key = entry_key(entry)
        if key in recorded:
            outcome.already.append(f"line {entry.line}: “{entry.title}” is already recorded")
            continue
        save_entry(session, profile, None, entry)
        recorded.add(key)
        outcome.imported += 1
    return outcome


def import_csv(
    session: Session,
    profile: PeerProfile,
    text: str,
    *,
    known_topics: frozenset[str] | None = None,
) -> tuple[int, list[str]]:
    """Import a record in the exchange format; returns (imported, errors)."""
    topics = TopicIndex.from_ids(known_topics) if known_topics is not None else None
    outcome = import_text(session, profile, text, topics=topics)
    errors = outcome.errors or (
        [str(layout_error(outcome.reading.layout))] if outcome.reading.needs_confirmation else []
    )
    return outcome.imported, errors


def decode_upload(upload: tuple[bytes, str] | None) -> tuple[str | None, str]:
    """The text of an uploaded CSV (UTF-8 or Windows-1252) or .xlsx workbook (as CSV), at most
    2 MB, or None and why not."""
    if upload is None:
        return None, "Choose a CSV file or an .xlsx workbook."
    return read_as_csv(upload[0], upload[1], max_bytes=MAX_IMPORT_BYTES)


def draw_audit(
    session: Session,
    reviewer: User,
    policy: Policy,
    *,
    window_start: date,
    window_end: date,
    method: str,
    amount: float,
    seed: int,
    today: date,
):
    """Draw peers whose renewal (expiration) falls in the window; notify them; 10 days to respond (§207.12)."""
    from app.ce.rules import draw_sample

    if window_end < window_start:
        raise DomainError("The end of the renewal range is before its start.")
    if (
        method not in {m.value for m in DrawMethod}
        or amount <= 0
        or (method == DrawMethod.PERCENT and amount > 100)
    ):
        raise DomainError("Draw a positive number of peers, or a percentage up to 100.")
    # The registry's active certifications, not self-declared ones; those who attested more CE
    # than their record counted come first, whatever their expiration.
    renewing = _renewing_between(session, policy, today, window_start, window_end)
    flagged = _active_only(session, attested_with_shortfall(session, policy))
    population = sorted(set(renewing) | set(flagged))
    if not population:
        raise DomainError("No active peer renews in that range.")
    chosen = draw_sample(
        population,
        seed,
        count=int(amount) if method == DrawMethod.COUNT else None,
        percent=amount if method == DrawMethod.PERCENT else None,
        first=sorted(flagged),
    )
    audit = CEAudit(
        drawn_by_id=reviewer.id,
        window_start=window_start,
        window_end=window_end,
        method=method,
        amount=amount,
        seed=seed,
        population=population,
        selected=chosen,
    )
    session.add(audit)
    session.flush()
    days = int(policy.value("audit.response_days"))
    by_id = {
        p.id: p
        for p in session.scalars(
            select(PeerProfile)
            .where(PeerProfile.id.in_(chosen))
            .options(selectinload(PeerProfile.user))
        )
    }
    for profile_id in chosen:
        expires_on = expiration(by_id[profile_id], policy, today)
        if profile_id in flagged:  # the period the renewal attested
            expires_on = flagged[profile_id].previous_expires_on
        period = period_for(by_id[profile_id].issued_on, expires_on - timedelta(days=1), policy)
        selection = CEAuditSelection(
            audit_id=audit.id,
            profile_id=profile_id,
            due_on=today + timedelta(days=days),
            period_start=period[0],
            period_end=period[1],
        )
        session.add(selection)
        profile = by_id[profile_id]
        queue_email(
            session,
            profile.user.email,
            "Your CE records are selected for review",
            f"Your continuing-education records are selected for the random records review. Upload proof for each course in your record by {selection.due_on:%B %d, %Y} ({days} days, {policy.cite('audit.response_days')}).",
            category="audit",
            link=links.url("ce.dashboard"),
        )
    audit_log(
        session,
        actor_id=reviewer.id,
        subject_type="ce_audit",
        subject_id=audit.id,
        action="draw",
        reason=f"{len(chosen)} of {len(population)} peers, seed {seed}",
        details={
            "population": population,
            "selected": chosen,
            "seed": seed,
            "first": sorted(flagged),
        },
    )
    session.flush()
    return audit


def _active_only(session: Session, found: dict[int, RenewalApplication]) -> dict:
    """``found`` less the profiles whose registry record is no longer active."""
    if not found:
        return {}
    active = set(
        session.scalars(
            select(PeerProfile.id)
            .join(CertificationRecord, CertificationRecord.id == PeerProfile.record_id)
            .where(
                PeerProfile.id.in_(list(found)),
                CertificationRecord.status == CertificationStatus.ACTIVE,
            )
        )
    )
    return {pid: renewal for pid, renewal in found.items() if pid in active}


def attested_with_shortfall(
    session: Session, policy: Policy, profile_ids: list[int] | None = None
) -> dict[int, RenewalApplication]:
    """Peers whose latest renewal attested more CE than their record counted and whose records
    were not reviewed since: profile id -> that renewal (drawn first, §207.11)."""
    required = float(policy.value("ce.hours"))
    required_le = float(policy.value("ce.law_ethics_hours"))
    rows = session.execute(
        select(PeerProfile.id, RenewalApplication)
        .join(RenewalApplication, RenewalApplication.record_id == PeerProfile.record_id)
        .where(
            or_(
                RenewalApplication.ce_hours < required,
                RenewalApplication.law_ethics_hours < required_le,
            )
        )
        .order_by(RenewalApplication.submitted_at)
    ).all()
    wanted = None if profile_ids is None else set(profile_ids)
    found = {pid: app for pid, app in rows if wanted is None or pid in wanted}
    if not found:
        return {}
    reviewed = session.execute(
        select(CEAuditSelection.profile_id, func.max(CEAuditSelection.notified_at))
        .where(CEAuditSelection.profile_id.in_(list(found)))
        .group_by(CEAuditSelection.profile_id)
    ).all()
    for pid, last in reviewed:
        if last is not None and _aware(last) >= _aware(found[pid].submitted_at):
            del found[pid]
    return found


def _aware(moment):
    from datetime import UTC

    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def audits(session: Session) -> list[CEAudit]:
    """Every records review drawn, newest first."""
    return list(session.scalars(select(CEAudit).order_by(CEAudit.drawn_at.desc())))


def get_audit(session: Session, audit_id: int) -> CEAudit:
    """A records review with its peers, their entries, files and decisions loaded in a fixed
    number of queries (the review page shows them all)."""
    item = session.scalar(
        select(CEAudit)
        .where(CEAudit.id == audit_id)
        .options(
            selectinload(CEAudit.selections).selectinload(CEAuditSelection.reviews),
            selectinload(CEAudit.selections)
            .selectinload(CEAuditSelection.profile)
            .selectinload(PeerProfile.entries)
            .selectinload(CEEntryRecord.files),
        )
    )
    if item is None:
        raise NotFound("There is no such records review.")
    return item


def audit_entry(
    session: Session, audit_id: int, selection_id: int, entry_id: int
) -> tuple[CEAuditSelection, CEEntryRecord]:
    """A peer drawn in a review and one entry of the review, or NotFound."""
    selection = session.get(CEAuditSelection, selection_id)
    entry = session.get(CEEntryRecord, entry_id)
    if selection is None or selection.audit_id != audit_id or entry is None:
        raise NotFound("There is no such entry in this review.")
    return selection, entry


def get_selection(session: Session, audit_id: int, selection_id: int) -> CEAuditSelection:
    selection = session.get(CEAuditSelection, selection_id)
    if selection is None or selection.audit_id != audit_id:
        raise NotFound("There is no such peer in this review.")
    return selection


def catalogue(session: Session, policy: Policy | None = None, today: date | None = None) -> list:
    """CE courses approved in this app; with ``policy`` and ``today``, only those taking
    enrollments (approval not expired, provider in good standing: §803.4, §806.3.A)."""
    courses = submissions.approved_courses(session, "ce")
    if policy is None or today is None:
        return courses
    return providers.open_courses(session, courses, policy, today)


def closed_course_reason(session: Session, curriculum_id: int, policy: Policy, today: date) -> str:
    """Why an approved CE course takes no new enrollments, or "" when it does."""
    course = submissions.approved_course(session, curriculum_id, "ce")
    if course is None:
        return ""
    row = providers.standing_of(session, course.organization_id)
    status = providers.status_of_course(
        course.expires_on, row.standing if row else None, policy, today
    )
    return status.reason


def course_prefill(session: Session, curriculum_id: int) -> dict | None:
    """Title, provider, hours and law-and-ethics topics of an approved CE curriculum, or None."""
    course = submissions.approved_course(session, curriculum_id, "ce")
    if course is None:
        return None
    report = course.latest.report if course.latest else {}
    topics = [t["id"] for t in report.get("law_ethics_topics", [])]
    return {
        "title": course.title,
        "provider": course.organization.name,
        "hours": report.get("total_hours") or None,
        "source": "calmhsa_ce_provider",
        "law_ethics": bool(topics),
        "law_ethics_topics": topics,
    }


def next_steps(summary: dict) -> list[str]:
    """What the peer should do next, from a ``summary_for`` result."""
    expires_on = date.fromisoformat(summary["expires_on"])
    steps = []
    short = summary["required_hours"] - summary["total_hours"]
    short_le = summary["required_law_ethics_hours"] - summary["law_ethics_hours"]
    if short > 0:
        steps.append(
            f"You need {short:g} more CE hours"
            + (f", {short_le:g} of them law and ethics," if short_le > 0 else "")
            + f" before {expires_on:%B %d, %Y}."
        )
    elif short_le > 0:
        steps.append(
            f"You need {short_le:g} more hours of law and ethics before {expires_on:%B %d, %Y}."
        )
    steps.append(summary["renewal"]["message"])
    attention = [e for e in summary["entries"] if not e["counted"]]
    if attention:
        steps.append(
            f"{len(attention)} entr{'y does' if len(attention) == 1 else 'ies do'} not count; see the reasons below."
        )
    return steps


def open_selection(session: Session, profile: PeerProfile):
    return session.scalar(
        select(CEAuditSelection)
        .where(CEAuditSelection.profile_id == profile.id, CEAuditSelection.closed_at.is_(None))
        .order_by(CEAuditSelection.id.desc())
    )


def respond_to_audit(session: Session, profile: PeerProfile, user: User) -> None:
    """The peer says the proof is uploaded."""

    selection = open_selection(session, profile)
    if selection is None:
        raise NotFound("You have no open records review.")
    lacking = [e.title for e in entries_under_review(selection, DEFAULT_POLICY) if not e.files]
    if lacking:
        raise DomainError(
            f"Upload proof first: {len(lacking)} course(s) have no file yet ("
            + "; ".join(f"“{t}”" for t in lacking[:5])
            + ("…" if len(lacking) > 5 else "")
            + f"), {DEFAULT_POLICY.cite('audit.response_days')}."
        )
    selection.responded_at = utcnow()
    audit_log(
        session,
        actor_id=user.id,
        subject_type="ce_audit",
        subject_id=selection.audit_id,
        action="respond",
        reason=profile.certification_number,
    )
    notify.proof_uploaded(session, selection, profile)
    session.flush()


def review_audit_entry(
    session: Session, reviewer: User, selection, entry: CEEntryRecord, *, decision: str, note: str
):
    """Accept or reject the proof of one entry; recorded in the audit log."""

    if decision not in {d.value for d in ProofDecision}:
        raise DomainError("Accept or reject the proof.")
    if entry.profile_id != selection.profile_id:
        raise NotFound("That entry is not in this peer's record.")
    if selection.closed_at is not None:
        raise Conflict("This records review is closed; its decisions stay as they are.")
    if decision == ProofDecision.REJECTED and not note.strip():
        raise DomainError("Say why the proof is rejected: the peer reads it.")
    review = CEAuditEntryReview(
        selection_id=selection.id,
        entry_id=entry.id,
        decision=decision,
        note=note.strip(),
        reviewer_id=reviewer.id,
    )
    session.add(review)
    audit_log(
        session,
        actor_id=reviewer.id,
        subject_type="ce_audit",
        subject_id=selection.audit_id,
        action=f"entry_{decision}",
        reason=note.strip(),
        details={"entry": entry.id, "profile": selection.profile_id},
    )
    if decision == ProofDecision.REJECTED:
        queue_email(
            session,
            selection.profile.user.email,
            "Your proof for a CE course was not accepted",
            f"The reviewer did not accept the proof for “{entry.title}”: {note.strip()}\n"
            f"Upload other proof by {selection.due_on:%B %d, %Y} and tell the reviewer again "
            f"({DEFAULT_POLICY.cite('audit.response_days')}).",
            category="audit",
            link=links.url("ce.dashboard"),
        )
        selection.responded_at = None  # the peer answers again
    session.flush()
    return review


def selection_period(selection: CEAuditSelection, policy: Policy) -> tuple[date, date]:
    """The period under review [start, end): stored at the draw (computed for older draws)."""
    if selection.period_start and selection.period_end:
        return selection.period_start, selection.period_end
    drawn = selection.audit.drawn_at.date()
    expires_on = expiration(selection.profile, policy, drawn)
    return period_for(selection.profile.issued_on, expires_on - timedelta(days=1), policy)


def entries_under_review(selection: CEAuditSelection, policy: Policy) -> list[CEEntryRecord]:
    """The peer's entries completed in the period under review."""
    start, end = selection_period(selection, policy)
    return [e for e in selection.profile.entries if start <= (e.end_date or e.start_date) < end]


def review_summary(selection: CEAuditSelection, policy: Policy) -> dict:
    """Hours and totals of the period under review against 20 and 6 (§207.3), its entries only."""
    _start, end = selection_period(selection, policy)
    entries = entries_under_review(selection, policy)
    summary = summarize(
        [as_rule_entry(r) for r in entries],
        issued_on=selection.profile.issued_on,
        today=end - timedelta(days=1),
        policy=policy,
        status=CertificationStatus.ACTIVE,
    )
    summary["records"] = {r.id: r for r in entries}
    return summary


def _outcome_on_registry(session, reviewer, selection, outcome, label, note) -> None:
    """The outcome lands on the registry record's history; a referral puts it under investigation."""
    from app.registry import services as registry

    record = session.get(CertificationRecord, selection.profile.record_id or 0)
    if record is None:
        return
    registry.note_action(
        session,
        reviewer,
        record,
        "audit",
        f"CE records review: {label}" + (f" ({note})" if note else ""),
    )
    if outcome == AuditOutcome.REFERRED and record.action == "none":
        today = utcnow().date()
        registry.change_status(
            session,
            reviewer,
            record,
            status=record.status,
            action="under_investigation",
            effective_on=today,
            reason=f"referred after the CE records review{': ' + note if note else ''}",
            today=today,
        )


def latest_reviews(selection: CEAuditSelection) -> dict[int, CEAuditEntryReview]:
    """The latest decision on each entry of a peer's review."""
    return {r.entry_id: r for r in selection.reviews}


def close_review(
    session: Session,
    reviewer: User,
    selection: CEAuditSelection,
    *,
    outcome: str,
    note: str,
    policy: Policy,
) -> CEAuditSelection:
    """End a peer's records review with an outcome (§207.14, §802.4); entries stay frozen,
    reviewers lose access to the evidence; the peer is told; audited."""
    if outcome not in {o.value for o in AuditOutcome}:
        raise DomainError("Choose the outcome: compliant, not compliant or referred.")
    if selection.closed_at is not None:
        raise Conflict("This records review is already closed.")
    undecided = [
        e.title
        for e in entries_under_review(selection, policy)
        if e.id not in latest_reviews(selection)
    ]
    if outcome == AuditOutcome.COMPLIANT and undecided:
        raise DomainError(
            f"Decide on every entry before closing as compliant ({len(undecided)} left)."
        )
    selection.closed_at = utcnow()
    selection.closed_by_id = reviewer.id
    selection.outcome = outcome
    selection.outcome_note = note.strip()
    label = AUDIT_OUTCOME_LABELS[AuditOutcome(outcome)]
    audit_log(
        session,
        actor_id=reviewer.id,
        subject_type="ce_audit",
        subject_id=selection.audit_id,
        action="close",
        to_state=outcome,
        reason=note.strip(),
        details={"selection": selection.id, "profile": selection.profile_id},
    )
    _outcome_on_registry(session, reviewer, selection, outcome, label, note.strip())
    queue_email(
        session,
        selection.profile.user.email,
        f"Your CE records review is closed: {label.lower()}",
        f"Your continuing-education records review is closed with the outcome: {label}."
        + (f"\n{note.strip()}" if note.strip() else ""),
        category="audit",
        link=links.url("ce.dashboard"),
    )
    session.flush()
    return selection


def _copy_fields(entry: CEEntry, record: CEEntryRecord) -> None:
    """Copy a rules-level entry onto its database record."""
    for name in ENTRY_FIELDS:
        setattr(record, name, getattr(entry, name))
