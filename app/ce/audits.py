"""The CE records review: a draw of renewed peers, each peer's answer, the reviewer's decision on
each entry, and the outcome on the registry record."""

from __future__ import annotations

from datetime import UTC, date, timedelta

from flask_babel import gettext
from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from app.alerts import notify
from app.audit.services import record_by
from app.auth.models import User
from app.ce import draw_sql
from app.ce.models import (
    CEAudit,
    CEAuditEntryReview,
    CEAuditSelection,
    CEEntryRecord,
    PeerProfile,
)
from app.ce.profiles import as_rule_entry, expiration
from app.ce.rules import (
    AUDIT_OUTCOME_LABELS,
    AuditOutcome,
    CertificationStatus,
    DrawMethod,
    ProofDecision,
    draw_size,
    period_for,
    summarize,
)
from app.dbtypes import utcnow
from app.errors import Conflict, DomainError, NotFound
from app.i18n.data import translated
from app.messages import Message
from app.notifications import links
from app.notifications.language import email_day, in_language_of, in_saved_locale
from app.notifications.services import queue_email
from app.policy import DEFAULT_POLICY, Policy
from app.registry import interface as registry
from app.registry.interface import AttestedRenewal


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

    if window_end < window_start:
        raise DomainError(Message("The end of the renewal range is before its start."))
    if (
        method not in {m.value for m in DrawMethod}
        or amount <= 0
        or (method == DrawMethod.PERCENT and amount > 100)
    ):
        raise DomainError(Message("Draw a positive number of peers, or a percentage up to 100."))
    # The registry's active certifications, not self-declared ones; those who attested more CE
    # than their record counted come first, whatever their expiration. The database counts and
    # samples the others (app.ce.draw_sql): only the peers drawn are read.
    renewing = draw_sql.renewing_condition(session, policy, today, window_start, window_end)
    flagged = _active_only(session, attested_with_shortfall(session, policy))
    audit = CEAudit(
        drawn_by_id=reviewer.id,
        window_start=window_start,
        window_end=window_end,
        method=method,
        amount=amount,
        seed=seed,
        population=[],
        selected=[],
    )
    session.add(audit)
    session.flush()
    size_of_population = draw_sql.store_population(session, audit, renewing, flagged)
    if not size_of_population:  # the caller rolls the draw back
        raise DomainError(Message("No active peer renews in that range."))
    size = draw_size(
        size_of_population,
        count=int(amount) if method == DrawMethod.COUNT else None,
        percent=amount if method == DrawMethod.PERCENT else None,
    )
    first = sorted(flagged)[:size]
    chosen = sorted(
        first + draw_sql.sample_renewing(session, renewing, flagged, seed, size - len(first))
    )
    audit.selected = chosen
    days = int(policy.value("audit.response_days"))
    by_id = {
        p.id: p
        for p in session.scalars(
            select(PeerProfile)
            .where(PeerProfile.id.in_(chosen))
            .options(selectinload(PeerProfile.user))
        )
    }
    with session.no_autoflush:  # one flush of every selection and email at the end
        for profile_id in chosen:
            _select(session, audit, by_id[profile_id], flagged.get(profile_id), policy, today, days)
    record_by(
        session,
        reviewer,
        "ce_audit",
        audit.id,
        "draw",
        reason=f"{len(chosen)} of {size_of_population} peers, seed {seed}",
        details={
            "population_size": size_of_population,
            "selected": chosen,
            "seed": seed,
            "first": sorted(flagged),
        },
    )
    session.flush()
    return audit


def _select(
    session: Session,
    audit: CEAudit,
    profile: PeerProfile,
    attested: AttestedRenewal | None,
    policy: Policy,
    today: date,
    days: int,
) -> None:
    """Add one drawn peer to the review and email them, in the language their account saved."""
    expires_on = expiration(profile, policy, today)
    if attested is not None:  # the period the renewal attested
        expires_on = attested.previous_expires_on
    period = period_for(profile.issued_on, expires_on - timedelta(days=1), policy)
    selection = CEAuditSelection(
        audit_id=audit.id,
        profile_id=profile.id,
        due_on=today + timedelta(days=days),
        period_start=period[0],
        period_end=period[1],
    )
    session.add(selection)
    with in_saved_locale(profile.user.locale):
        queue_email(
            session,
            profile.user.email,
            gettext("Your CE records are selected for review"),
            gettext(
                "Your continuing-education records are selected for the random records "
                "review. Upload proof for each course in your record by %(day)s (%(days)s "
                "days, %(citation)s).",
                day=email_day(selection.due_on),
                days=days,
                citation=policy.cite("audit.response_days"),
            ),
            category="audit",
            link=links.url("ce.dashboard"),
        )


def _active_only(session: Session, found: dict[int, AttestedRenewal]) -> dict:
    """``found`` less the profiles whose registry record is no longer active."""
    if not found:
        return {}
    active = set(
        session.scalars(
            select(PeerProfile.id).where(
                PeerProfile.id.in_(list(found)),
                PeerProfile.record_id.in_(registry.active_record_ids()),
            )
        )
    )
    return {pid: renewal for pid, renewal in found.items() if pid in active}


def attested_with_shortfall(
    session: Session, policy: Policy, profile_ids: list[int] | None = None
) -> dict[int, AttestedRenewal]:
    """Peers whose latest renewal attested more CE than their record counted and whose records
    were not reviewed since: profile id -> that renewal (drawn first, §207.11)."""
    required = float(policy.value("ce.hours"))
    required_le = float(policy.value("ce.law_ethics_hours"))
    renewals = registry.renewals_attested_below(session, required, required_le)
    if not renewals:
        return {}
    profiles_of: dict[int, list[int]] = {}
    for pid, record_id in session.execute(
        select(PeerProfile.id, PeerProfile.record_id).where(
            PeerProfile.record_id.in_({r.record_id for r in renewals})
        )
    ):
        profiles_of.setdefault(record_id, []).append(pid)
    wanted = None if profile_ids is None else set(profile_ids)
    found = {
        pid: renewal
        for renewal in renewals
        for pid in profiles_of.get(renewal.record_id, [])
        if wanted is None or pid in wanted
    }
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
        raise NotFound(Message("There is no such records review."))
    return item


def audit_entry(
    session: Session, audit_id: int, selection_id: int, entry_id: int
) -> tuple[CEAuditSelection, CEEntryRecord]:
    """A peer drawn in a review and one entry of the review, or NotFound."""
    selection = session.get(CEAuditSelection, selection_id)
    entry = session.get(CEEntryRecord, entry_id)
    if selection is None or selection.audit_id != audit_id or entry is None:
        raise NotFound(Message("There is no such entry in this review."))
    return selection, entry


def get_selection(session: Session, audit_id: int, selection_id: int) -> CEAuditSelection:
    selection = session.get(CEAuditSelection, selection_id)
    if selection is None or selection.audit_id != audit_id:
        raise NotFound(Message("There is no such peer in this review."))
    return selection


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
        raise NotFound(Message("You have no open records review."))
    lacking = [e.title for e in entries_under_review(selection, DEFAULT_POLICY) if not e.files]
    if lacking:
        raise DomainError(
            Message(
                "Upload proof first: %(count)s course(s) have no file yet (%(titles)s), "
                "%(citation)s.",
                count=len(lacking),
                titles="; ".join(f"“{t}”" for t in lacking[:5]) + ("…" if len(lacking) > 5 else ""),
                citation=DEFAULT_POLICY.cite("audit.response_days"),
            )
        )
    selection.responded_at = utcnow()
    record_by(
        session,
        user,
        "ce_audit",
        selection.audit_id,
        "respond",
        reason=profile.certification_number,
    )
    notify.proof_uploaded(session, selection, profile)
    session.flush()


def review_audit_entry(
    session: Session, reviewer: User, selection, entry: CEEntryRecord, *, decision: str, note: str
):
    """Accept or reject the proof of one entry; recorded in the audit log."""

    if decision not in {d.value for d in ProofDecision}:
        raise DomainError(Message("Accept or reject the proof."))
    if entry.profile_id != selection.profile_id:
        raise NotFound(Message("That entry is not in this peer's record."))
    if selection.closed_at is not None:
        raise Conflict(Message("This records review is closed; its decisions stay as they are."))
    if decision == ProofDecision.REJECTED and not note.strip():
        raise DomainError(Message("Say why the proof is rejected: the peer reads it."))
    review = CEAuditEntryReview(
        selection_id=selection.id,
        entry_id=entry.id,
        decision=decision,
        note=note.strip(),
        reviewer_id=reviewer.id,
    )
    session.add(review)
    record_by(
        session,
        reviewer,
        "ce_audit",
        selection.audit_id,
        f"entry_{decision}",
        reason=note.strip(),
        details={"entry": entry.id, "profile": selection.profile_id},
    )
    if decision == ProofDecision.REJECTED:
        with in_language_of(session, selection.profile.user.email):
            queue_email(
                session,
                selection.profile.user.email,
                gettext("Your proof for a CE course was not accepted"),
                gettext(
                    "The reviewer did not accept the proof for “%(title)s”: %(note)s\nUpload "
                    "other proof by %(day)s and tell the reviewer again (%(citation)s).",
                    title=entry.title,
                    note=note.strip(),
                    day=email_day(selection.due_on),
                    citation=DEFAULT_POLICY.cite("audit.response_days"),
                ),
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

    registry.note_review_outcome(
        session,
        reviewer,
        selection.profile.record_id,
        f"CE records review: {label}" + (f" ({note})" if note else ""),
        referral=f"referred after the CE records review{': ' + note if note else ''}"
        if outcome == AuditOutcome.REFERRED
        else None,
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
        raise DomainError(Message("Choose the outcome: compliant, not compliant or referred."))
    if selection.closed_at is not None:
        raise Conflict(Message("This records review is already closed."))
    undecided = [
        e.title
        for e in entries_under_review(selection, policy)
        if e.id not in latest_reviews(selection)
    ]
    if outcome == AuditOutcome.COMPLIANT and undecided:
        raise DomainError(
            Message(
                "Decide on every entry before closing as compliant (%(left)s left).",
                left=len(undecided),
            )
        )
    selection.closed_at = utcnow()
    selection.closed_by_id = reviewer.id
    selection.outcome = outcome
    selection.outcome_note = note.strip()
    label = AUDIT_OUTCOME_LABELS[AuditOutcome(outcome)]
    record_by(
        session,
        reviewer,
        "ce_audit",
        selection.audit_id,
        "close",
        to_state=outcome,
        reason=note.strip(),
        details={"selection": selection.id, "profile": selection.profile_id},
    )
    _outcome_on_registry(session, reviewer, selection, outcome, label, note.strip())
    with in_language_of(session, selection.profile.user.email):
        queue_email(
            session,
            selection.profile.user.email,
            gettext(
                "Your CE records review is closed: %(outcome)s",
                outcome=translated(label).lower(),
            ),
            gettext(
                "Your continuing-education records review is closed with the outcome: %(outcome)s.",
                outcome=translated(label),
            )
            + (f"\n{note.strip()}" if note.strip() else ""),
            category="audit",
            link=links.url("ce.dashboard"),
        )
    session.flush()
    return selection
