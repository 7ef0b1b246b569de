"""Disputes of CE entries a provider reported: opened by the peer, resolved by program staff,
or settled by the provider withdrawing its report.

Every change of a dispute's state goes through ``change_state``, the one gate: it checks who may
make the move from the state the dispute is in, requires a reason, marks the entry withdrawn when
the report falls (kept on the record, never deleted, no longer counted), writes the audit record
and emails the people concerned. tests/ce/test_disputes.py holds every other module to it.

States: none (never disputed), open, then upheld or rejected (staff) or withdrawn (provider).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from flask_babel import gettext
from sqlalchemy import func, select
from sqlalchemy.orm import Session, contains_eager

from app.audit.services import record as audit_log
from app.auth.models import Role, User
from app.ce.entries import reported_entry
from app.ce.models import CEEntryRecord, PeerProfile
from app.ce.roster_models import ReportedCompletion, RosterPosting
from app.dbtypes import utcnow
from app.errors import Conflict, DomainError, Forbidden, NotFound
from app.notifications import links
from app.notifications.language import email_day, in_language_of
from app.notifications.services import queue_email
from app.submissions.models import Curriculum

MAX_REASON = 2000
PAGE_SIZE = 50


class DisputeState(StrEnum):
    NONE = "none"
    OPEN = "open"
    UPHELD = "upheld"  # staff: the report was wrong; the entry stops counting
    REJECTED = "rejected"  # staff: the report stands
    WITHDRAWN = "withdrawn"  # the provider withdrew its report; the entry stops counting


STAFF = (Role.REVIEWER, Role.ADMIN)
# Who moves a dispute where, and from which states.
MOVES: dict[DisputeState, tuple[tuple[Role, ...], tuple[DisputeState, ...]]] = {
    DisputeState.OPEN: ((Role.PEER,), (DisputeState.NONE, DisputeState.OPEN)),
    DisputeState.UPHELD: (STAFF, (DisputeState.OPEN,)),
    DisputeState.REJECTED: (STAFF, (DisputeState.OPEN,)),
    DisputeState.WITHDRAWN: ((Role.PROVIDER,), (DisputeState.OPEN,)),
}
# The report falls with these: the entry is kept, marked withdrawn, and no longer counts.
WITHDRAWING = (DisputeState.UPHELD, DisputeState.WITHDRAWN)
ACTIONS = {
    DisputeState.OPEN: "dispute_reported_entry",
    DisputeState.UPHELD: "dispute_upheld",
    DisputeState.REJECTED: "dispute_rejected",
    DisputeState.WITHDRAWN: "reported_entry_withdrawn",
}
REASON_NEEDED = {
    DisputeState.OPEN: "Say what is wrong with this entry (for example the date or the hours).",
    DisputeState.UPHELD: "Give the reason for upholding the dispute; the peer and the provider read it.",
    DisputeState.REJECTED: "Give the reason for rejecting the dispute; the peer reads it.",
    DisputeState.WITHDRAWN: "Give the reason for withdrawing the entry; the peer reads it.",
}


def state_of(reported: ReportedCompletion) -> DisputeState:
    if reported.resolution:
        return DisputeState(reported.resolution)
    return DisputeState.OPEN if reported.disputed_at is not None else DisputeState.NONE


def _visible_to(session: Session, actor: User, reported: ReportedCompletion) -> bool:
    """Whether ``actor`` may see this reported entry at all (others are told it does not exist)."""
    if actor.role in STAFF:
        return True
    if actor.role == Role.PEER:
        return reported.entry.profile.user_id == actor.id
    if actor.role == Role.PROVIDER:
        organization = session.scalar(
            select(Curriculum.organization_id).where(Curriculum.id == reported.curriculum_id)
        )
        return actor.organization_id is not None and organization == actor.organization_id
    return False


def get_reported(session: Session, actor: User, reported_id: int) -> ReportedCompletion:
    """A reported entry ``actor`` may see: staff see all, a peer their own, a provider its
    organization's; any other answers 404."""
    reported = session.get(ReportedCompletion, reported_id)
    if reported is None or not _visible_to(session, actor, reported):
        raise NotFound("There is no such reported entry.")
    return reported


def change_state(
    session: Session,
    actor: User,
    reported: ReportedCompletion,
    to: DisputeState,
    reason: str,
) -> ReportedCompletion:
    """The one gate of a dispute's state: open (the peer), upheld or rejected (staff), withdrawn
    (the provider). Requires a reason; audited; the peer (and the provider on a resolution) are
    emailed with a link to the entry."""
    if not _visible_to(session, actor, reported):
        raise NotFound("There is no such reported entry.")
    roles, sources = MOVES[to]
    if actor.role not in roles:
        raise Forbidden("You cannot make this change to the dispute.")
    current = state_of(reported)
    if current not in sources:
        raise Conflict(
            "This dispute was already decided; the decision and its reason are on the entry."
            if current in (DisputeState.UPHELD, DisputeState.REJECTED, DisputeState.WITHDRAWN)
            else "There is no open dispute of this entry."
        )
    reason = " ".join((reason or "").split())
    if not reason:
        raise DomainError(REASON_NEEDED[to])
    if len(reason) > MAX_REASON:
        raise DomainError(f"Keep the reason under {MAX_REASON} characters.")
    now = utcnow()
    if to == DisputeState.OPEN:
        reported.dispute_reason, reported.disputed_at = reason, now
    else:
        reported.resolution, reported.resolved_at = str(to), now
        reported.resolved_by_id, reported.resolution_reason = actor.id, reason
    if to in WITHDRAWING:
        reported.entry.withdrawn_at, reported.entry.withdrawn_reason = now, reason
    audit_log(
        session,
        actor_id=actor.id,
        subject_type="ce_entry",
        subject_id=reported.entry_id,
        action=ACTIONS[to],
        from_state=str(current),
        to_state=str(to),
        reason=reason,
        details={
            "reported_id": reported.id,
            "posting_id": reported.posting_id,
            "curriculum_id": reported.curriculum_id,
        },
    )
    if to != DisputeState.OPEN:
        _notify(session, reported, to, reason)
    session.flush()
    return reported


def _peer_subject(to: DisputeState) -> str:
    if to == DisputeState.UPHELD:
        return gettext("Your dispute of a CE entry is upheld")
    if to == DisputeState.REJECTED:
        return gettext("Your dispute of a CE entry is rejected")
    return gettext("A CE entry you disputed is withdrawn by its provider")


def _outcome(to: DisputeState) -> str:
    if to == DisputeState.REJECTED:
        return gettext("The entry stands and still counts toward your CE hours.")
    return gettext(
        "The entry is kept on your record, marked withdrawn, and no longer counts toward your CE "
        "hours."
    )


def _state_word(to: DisputeState) -> str:
    return {
        DisputeState.UPHELD: gettext("upheld"),
        DisputeState.REJECTED: gettext("rejected"),
        DisputeState.WITHDRAWN: gettext("withdrawn"),
    }.get(to, str(to))


def _notify(session: Session, reported: ReportedCompletion, to: DisputeState, reason: str):
    entry = reported.entry
    peer = entry.profile.user.email
    with in_language_of(session, peer):
        queue_email(
            session,
            peer,
            _peer_subject(to),
            gettext(
                "Your dispute of “%(title)s” (%(provider)s, %(day)s) is decided: %(state)s.\n\n"
                "Reason: %(reason)s\n\n%(outcome)s",
                title=entry.title,
                provider=entry.provider,
                day=email_day(entry.end_date or entry.start_date),
                state=_state_word(to),
                reason=reason,
                outcome=_outcome(to),
            ),
            category="ce_dispute",
            link=links.url("rosters.reported_entry", entry_id=entry.id),
        )
    if to == DisputeState.WITHDRAWN:
        return
    poster = session.get(User, reported.posting.posted_by_id or reported.posting.uploaded_by_id)
    if poster is None or not poster.email:
        return
    with in_language_of(session, poster.email):
        queue_email(
            session,
            poster.email,
            gettext(
                "A peer's dispute of a reported completion is %(state)s", state=_state_word(to)
            ),
            gettext(
                "The dispute of line %(line)s of the roster %(roster)s (“%(title)s”, %(day)s) is "
                "%(state)s by the program staff.\n\nReason: %(reason)s",
                line=reported.line,
                roster=reported.posting.original_name,
                title=entry.title,
                day=email_day(entry.end_date or entry.start_date),
                state=_state_word(to),
                reason=reason,
            ),
            category="ce_dispute",
            link=links.url("rosters.posting", posting_id=reported.posting_id),
        )


# --- the peer's side, kept under its old name -------------------------------------------------


def dispute(session: Session, profile: PeerProfile, entry_id: int, reason: str):
    """The peer disputes (or restates the dispute of) an entry a provider reported."""
    reported = reported_entry(session, entry_id)
    if reported is None or reported.entry.profile_id != profile.id:
        raise NotFound("There is no such reported entry in your record.")
    return change_state(session, profile.user, reported, DisputeState.OPEN, reason)


# --- lists ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DisputePage:
    rows: list[ReportedCompletion]
    total: int
    page: int
    pages: int


def _listing(state: str, organization_id: int | None):
    query = (
        select(ReportedCompletion)
        .join(ReportedCompletion.entry)
        .join(CEEntryRecord.profile)
        .where(ReportedCompletion.disputed_at.is_not(None))
    )
    if state == "open":
        query = query.where(ReportedCompletion.resolution.is_(None))
    else:
        query = query.where(ReportedCompletion.resolution.is_not(None))
    if organization_id is not None:
        query = query.join(Curriculum, ReportedCompletion.curriculum_id == Curriculum.id).where(
            Curriculum.organization_id == organization_id
        )
    return query


def open_count(session: Session) -> int:
    """How many disputes wait for staff (one query)."""
    return session.scalar(
        select(func.count(ReportedCompletion.id)).where(
            ReportedCompletion.disputed_at.is_not(None), ReportedCompletion.resolution.is_(None)
        )
    )


def page_of(
    session: Session,
    *,
    state: str = "open",
    page: int = 1,
    organization_id: int | None = None,
    size: int = PAGE_SIZE,
) -> DisputePage:
    """One page of the open (oldest first) or decided (newest first) disputes, with each entry,
    peer and roster loaded: two queries whatever the page holds."""
    query = _listing(state, organization_id)
    total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    pages = max(1, -(-total // size))
    page = min(max(page, 1), pages)
    order = (
        (ReportedCompletion.disputed_at, ReportedCompletion.id)
        if state == "open"
        else (ReportedCompletion.resolved_at.desc(), ReportedCompletion.id.desc())
    )
    rows = session.scalars(
        query.join(RosterPosting, ReportedCompletion.posting_id == RosterPosting.id)
        .options(
            contains_eager(ReportedCompletion.entry).contains_eager(CEEntryRecord.profile),
            contains_eager(ReportedCompletion.posting),
        )
        .order_by(*order)
        .limit(size)
        .offset((page - 1) * size)
    ).all()
    return DisputePage(list(rows), total, page, pages)
