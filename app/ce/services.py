"""A peer's CE record: profile, entries, summary and CSV, on top of the pure rules."""

from __future__ import annotations

import re
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.audit.services import record as audit_log
from app.auth.models import Role, User
from app.ce.csvio import read_csv, write_csv
from app.ce.models import (
    CEAudit,
    CEAuditEntryReview,
    CEAuditSelection,
    CEEntryRecord,
    EvidenceFile,
    PeerProfile,
)
from app.ce.rules import (
    ENTRY_FIELDS,
    CEEntry,
    CertificationStatus,
    DrawMethod,
    ProofDecision,
    period_for,
    summarize,
)
from app.dates import add_years
from app.dbtypes import utcnow
from app.errors import Conflict, DomainError, NotFound
from app.notifications.services import queue_email
from app.policy import DEFAULT_POLICY, Policy
from app.providers import services as providers
from app.submissions import services as submissions
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
    """Create or update the peer's profile; the number looks like MPSS123456 (§213.6); audited."""
    number = certification_number.strip().upper().replace(" ", "")
    if not CERTIFICATION_NUMBER.match(number):
        raise DomainError(
            f"A certification number is MPSS followed by digits, e.g. MPSS123456 ({DEFAULT_POLICY.cite('cert.number_format')})."
        )
    other = session.scalar(
        select(PeerProfile).where(
            PeerProfile.certification_number == number, PeerProfile.user_id != user.id
        )
    )
    if other is not None:
        raise Conflict("Another account already uses this certification number.")
    profile = profile_of(session, user) or PeerProfile(user_id=user.id)
    profile.legal_name, profile.certification_number, profile.issued_on = (
        legal_name.strip(),
        number,
        issued_on,
    )
    profile.status, profile.specializations = status, specializations
    session.add(profile)
    session.flush()
    return profile


def as_rule_entry(record: CEEntryRecord, line: int | None = None) -> CEEntry:
    values = {name: getattr(record, name) for name in ENTRY_FIELDS}
    values.update(
        law_ethics_topics=list(record.law_ethics_topics or []),
        evidence=list(record.evidence or []),
    )
    return CEEntry(**values, line=line if line is not None else record.id)


def summary_for(profile: PeerProfile, policy: Policy, today: date) -> dict:
    """The CE summary of the current period, entries keyed by their record id in ``line``."""
    return summarize(
        [as_rule_entry(r) for r in profile.entries],
        issued_on=profile.issued_on,
        today=today,
        policy=policy,
        status=profile.status,
    )


def expiration(profile: PeerProfile, policy: Policy, today: date) -> date:
    """The end of the current period of an active certification (the first one otherwise)."""
    if profile.status == CertificationStatus.ACTIVE:
        return period_for(profile.issued_on, today, policy)[1]
    return add_years(profile.issued_on, int(policy.value("cert.period_years")))


def get_entry(session: Session, profile: PeerProfile, entry_id: int) -> CEEntryRecord:
    """An entry of this peer's own record; others' entries are not found (404)."""
    record = session.get(CEEntryRecord, entry_id)
    if record is None or record.profile_id != profile.id:
        raise NotFound("There is no such entry in your record.")
    return record


def save_entry(
    session: Session, profile: PeerProfile, record: CEEntryRecord | None, entry: CEEntry
) -> CEEntryRecord:
    """Add an entry (``record`` None) or change one; audited."""
    action = "add_entry" if record is None else "change_entry"
    record = record or CEEntryRecord(profile_id=profile.id)
    _copy_fields(entry, record)
    session.add(record)
    session.flush()
    _audit_entry(session, profile, record, action)
    return record


def delete_entry(session: Session, profile: PeerProfile, record: CEEntryRecord) -> None:
    """Delete an entry of the peer's own record with its evidence records; audited."""
    if record.profile_id != profile.id:
        raise NotFound("There is no such entry in your record.")
    _audit_entry(session, profile, record, "delete_entry")
    session.delete(record)
    session.flush()


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
    """An evidence file for its own peer, or for reviewers once the peer is drawn in an audit."""
    item = session.scalar(select(EvidenceFile).where(EvidenceFile.stored_name == stored_name))
    if item is None:
        raise NotFound("There is no such file.")
    entry = session.get(CEEntryRecord, item.entry_id)
    if user.role == Role.PEER:
        if entry.profile.user_id != user.id:
            raise NotFound("There is no such file.")
    elif not session.scalar(
        select(CEAuditSelection.id).where(CEAuditSelection.profile_id == entry.profile_id)
    ):
        raise NotFound("Evidence is seen by reviewers only during a records review.")
    return item


def export_csv(profile: PeerProfile) -> str:
    return write_csv([as_rule_entry(r) for r in profile.entries])


def import_csv(
    session: Session,
    profile: PeerProfile,
    text: str,
    *,
    known_topics: frozenset[str] | None = None,
) -> tuple[int, list[str]]:
    """Import every row, or none when any row is invalid; returns (imported, errors)."""
    entries, errors = read_csv(text, known_topics=known_topics)
    if errors:
        return 0, [str(e) for e in errors]
    for entry in entries:
        save_entry(session, profile, None, entry)
    return len(entries), []


def import_csv_file(
    session: Session,
    profile: PeerProfile,
    upload: tuple[bytes, str] | None,
    *,
    known_topics: frozenset[str] | None = None,
) -> tuple[int, list[str]]:
    """``import_csv`` of an uploaded file (UTF-8, at most 2 MB); returns (imported, errors)."""
    if upload is None:
        return 0, ["Choose a CSV file."]
    data = upload[0]
    if len(data) > MAX_IMPORT_BYTES:
        return 0, [f"The file is larger than {MAX_IMPORT_BYTES // (1024 * 1024)} MB."]
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return 0, ["The file is not UTF-8 text."]
    return import_csv(session, profile, text, known_topics=known_topics)


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
    profiles = session.scalars(
        select(PeerProfile).where(PeerProfile.status == CertificationStatus.ACTIVE)
    ).all()
    population = sorted(
        p.id for p in profiles if window_start <= expiration(p, policy, today) <= window_end
    )
    if not population:
        raise DomainError("No active peer renews in that range.")
    chosen = draw_sample(
        population,
        seed,
        count=int(amount) if method == DrawMethod.COUNT else None,
        percent=amount if method == DrawMethod.PERCENT else None,
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
    by_id = {p.id: p for p in profiles}
    for profile_id in chosen:
        selection = CEAuditSelection(
            audit_id=audit.id, profile_id=profile_id, due_on=today + timedelta(days=days)
        )
        session.add(selection)
        profile = by_id[profile_id]
        queue_email(
            session,
            profile.user.email,
            "Your CE records are selected for review",
            f"Your continuing-education records are selected for the random records review. Upload proof for each course in your record by {selection.due_on:%B %d, %Y} ({days} days, {policy.cite('audit.response_days')}).",
            category="audit",
        )
    audit_log(
        session,
        actor_id=reviewer.id,
        subject_type="ce_audit",
        subject_id=audit.id,
        action="draw",
        reason=f"{len(chosen)} of {len(population)} peers, seed {seed}",
        details={"population": population, "selected": chosen, "seed": seed},
    )
    session.flush()
    return audit


def audits(session: Session) -> list[CEAudit]:
    """Every records review drawn, newest first."""
    return list(session.scalars(select(CEAudit).order_by(CEAudit.drawn_at.desc())))


def get_audit(session: Session, audit_id: int) -> CEAudit:
    item = session.get(CEAudit, audit_id)
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
        .where(CEAuditSelection.profile_id == profile.id, CEAuditSelection.responded_at.is_(None))
        .order_by(CEAuditSelection.id.desc())
    )


def respond_to_audit(session: Session, profile: PeerProfile, user: User) -> None:
    """The peer says the proof is uploaded."""

    selection = open_selection(session, profile)
    if selection is None:
        raise NotFound("You have no open records review.")
    selection.responded_at = utcnow()
    audit_log(
        session,
        actor_id=user.id,
        subject_type="ce_audit",
        subject_id=selection.audit_id,
        action="respond",
        reason=profile.certification_number,
    )
    session.flush()


def review_audit_entry(
    session: Session, reviewer: User, selection, entry: CEEntryRecord, *, decision: str, note: str
):
    """Accept or reject the proof of one entry; recorded in the audit log."""

    if decision not in {d.value for d in ProofDecision}:
        raise DomainError("Accept or reject the proof.")
    if entry.profile_id != selection.profile_id:
        raise NotFound("That entry is not in this peer's record.")
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
    session.flush()
    return review


def _copy_fields(entry: CEEntry, record: CEEntryRecord) -> None:
    """Copy a rules-level entry onto its database record."""
    for name in ENTRY_FIELDS:
        setattr(record, name, getattr(entry, name))
