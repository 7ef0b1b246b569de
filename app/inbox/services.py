"""Each role's inbox: what needs the person now, most urgent first, with counts.

A section is one kind of work: how many items wait, the first few of them (``CAP``) by urgency,
and where the full list is. Each section costs a fixed number of queries whatever the number of
items, so a home page costs the same with ten items or ten thousand. Items carry an endpoint and
its values, not a URL: the page builds the link.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, aliased

from app.auth.models import Role, User
from app.ce.disputes import page_of as disputes_page
from app.ce.models import CEAuditSelection, PeerProfile
from app.ce.rules import CertificationStatus, renewal_window
from app.complaints.clock import investigation_clock
from app.complaints.models import Complaint
from app.complaints.services import clock_rules
from app.complaints.states import ComplaintState
from app.messages import LongDate, Message, term
from app.policy import SANCTIONS, Policy
from app.registry.models import CERequirement, CertificationRecord, RegistryChange
from app.registry.rules import hours_late
from app.submissions.models import Appeal, Curriculum
from app.submissions.states import APPROVED_STATES, CLOSED_KEY, SubmissionState

CAP = 8  # items shown per section; the section links to the full list


@dataclass(frozen=True)
class Item:
    title: str
    detail: str
    endpoint: str
    values: dict = field(default_factory=dict)
    days_left: int | None = None  # None: no deadline runs

    @property
    def overdue(self) -> bool:
        return self.days_left is not None and self.days_left < 0


@dataclass(frozen=True)
class Section:
    key: str
    heading: str
    count: int
    items: list[Item]
    more_endpoint: str
    more_values: dict = field(default_factory=dict)
    empty: str = Message("Nothing waits here.")

    @property
    def urgency(self) -> tuple[int, int]:
        """Sort key: sections with a deadline first, the nearest first; empty ones last."""
        if not self.count:
            return (2, 0)
        days = [i.days_left for i in self.items if i.days_left is not None]
        return (0, min(days)) if days else (1, 0)

    @property
    def more(self) -> int:
        return max(self.count - len(self.items), 0)


def days_phrase(days_left: int | None) -> str:
    if days_left is None:
        return ""
    if days_left == -1:
        return Message("overdue by 1 day")
    if days_left < 0:
        return Message("overdue by %(days)s days", days=-days_left)
    if days_left == 0:
        return Message("due today")
    if days_left == 1:
        return Message("1 day left")
    return Message("%(days)s days left", days=days_left)


def _received(day: date, days_left: int | None) -> Message:
    return Message("received %(day)s, %(days)s", day=LongDate(day), days=days_phrase(days_left))


def inbox_for(session: Session, user: User, policy: Policy, today: date) -> list[Section]:
    """The sections of ``user``'s inbox, most urgent first."""
    if user.role in (Role.REVIEWER, Role.ADMIN):
        sections = reviewer_inbox(session, user, policy, today)
    elif user.role == Role.PROVIDER:
        sections = provider_inbox(session, user, policy, today)
    elif user.role == Role.PEER:
        sections = peer_inbox(session, user, policy, today)
    else:
        sections = []
    return sorted(sections, key=lambda s: s.urgency)


# --- reviewers and staff -------------------------------------------------------------------


def _curriculum_item(c: Curriculum, today: date) -> Item:
    days = (c.due_on - today).days if c.due_on else None
    state = term(str(c.state).replace("_", " "))
    phrase = days_phrase(days)
    detail = Message("%(state)s, %(days)s", state=state, days=phrase) if phrase else state
    return Item(c.title, detail, "submissions.review", {"curriculum_id": c.id}, days)


def _queue_section(
    session: Session, key: str, heading: str, where, view: str, today: date
) -> Section:
    query = select(Curriculum).where(*where, Curriculum.queue_key < CLOSED_KEY)
    count = session.scalar(select(func.count()).select_from(query.subquery()))
    rows = session.scalars(query.order_by(Curriculum.queue_key, Curriculum.id).limit(CAP)).all()
    return Section(
        key,
        heading,
        count,
        [_curriculum_item(c, today) for c in rows],
        "submissions.queue",
        {"view": view},
    )


def _appeals_section(session: Session, user: User, policy: Policy, today: date) -> Section:
    denied = aliased(Curriculum)
    query = (
        select(Appeal)
        .outerjoin(denied, Appeal.curriculum_id == denied.id)
        .where(
            Appeal.disposition_on.is_(None),
            # the reviewer who denied does not decide the appeal (§702.3.A)
            or_(Appeal.curriculum_id.is_(None), denied.decided_by_id.is_distinct_from(user.id)),
        )
    )
    count = session.scalar(select(func.count()).select_from(query.subquery()))
    rows = session.execute(
        query.add_columns(denied.title)
        .outerjoin(Complaint, Appeal.complaint_id == Complaint.id)
        .add_columns(Complaint.reference)
        .order_by(Appeal.requested_on, Appeal.id)
        .limit(CAP)
    ).all()
    rules = clock_rules(policy)
    items = []
    for appeal, title, reference in rows:
        clock = investigation_clock(
            appeal.requested_on, today, rules, extended_days=appeal.extended_days or 0
        )
        if appeal.curriculum_id is not None:
            item = Item(
                Message("Appeal: %(title)s", title=title),
                _received(appeal.requested_on, clock.days_left),
                "submissions.review",
                {"curriculum_id": appeal.curriculum_id},
                clock.days_left,
            )
        else:
            item = Item(
                Message("Appeal: complaint %(reference)s", reference=reference),
                _received(appeal.requested_on, clock.days_left),
                "complaints.detail",
                {"complaint_id": appeal.complaint_id},
                clock.days_left,
            )
        items.append(item)
    items.sort(key=lambda i: (i.days_left is None, i.days_left))
    return Section(
        "appeals",
        Message(Message("Appeals to decide")),
        count,
        items,
        "submissions.appeals_log",
        {},
    )


def _proof_section(session: Session, user: User) -> Section:
    query = select(CEAuditSelection).where(
        CEAuditSelection.responded_at.is_not(None), CEAuditSelection.closed_at.is_(None)
    )
    count = session.scalar(select(func.count()).select_from(query.subquery()))
    rows = session.execute(
        query.join(PeerProfile, CEAuditSelection.profile_id == PeerProfile.id)
        .add_columns(PeerProfile.certification_number)
        .order_by(CEAuditSelection.responded_at, CEAuditSelection.id)
        .limit(CAP)
    ).all()
    items = [
        Item(
            Message("Proof uploaded: %(number)s", number=number),
            Message(
                "uploaded %(uploaded)s; the peer's deadline was %(due)s",
                uploaded=LongDate(selection.responded_at.date()),
                due=LongDate(selection.due_on),
            ),
            "ce.audit_detail",
            {"audit_id": selection.audit_id},
        )
        for selection, number in rows
    ]
    return Section(
        "proof", Message(Message("Proof to check (records review)")), count, items, "ce.audits"
    )


def _late_changes_section(session: Session, policy: Policy, today: date) -> Section:
    since = datetime.combine(
        today - timedelta(days=int(policy.value("inbox.late_change_days"))),
        time(),
        tzinfo=UTC,
    )
    rows = session.execute(
        select(RegistryChange, CertificationRecord.certification_number)
        .join(CertificationRecord, RegistryChange.record_id == CertificationRecord.id)
        .where(RegistryChange.kind.in_(("status", "action")), RegistryChange.recorded_at >= since)
        .order_by(RegistryChange.recorded_at.desc(), RegistryChange.id.desc())
    ).all()
    late = [
        (change, number, over)
        for change, number in rows
        if (over := hours_late(change.effective_at, change.recorded_at, policy)) is not None
    ]
    items = [
        Item(
            f"{number}: {change.kind} {change.to_value}",
            Message(
                "recorded %(over)s hours after the %(allowed)s allowed (%(citation)s)",
                over=over,
                allowed=policy.value("registry.update_hours"),
                citation=policy.cite("registry.update_hours"),
            ),
            "registry.record",
            {"record_id": change.record_id},
        )
        for change, number, over in late[:CAP]
    ]
    return Section(
        "late_registry",
        Message(Message("Registry changes recorded late")),
        len(late),
        items,
        "registry.records",
        empty=Message(Message("No change was recorded late.")),
    )


def _complaints_section(session: Session, policy: Policy, today: date) -> Section:
    rows = session.execute(
        select(
            Complaint.id, Complaint.reference, Complaint.received_on, Complaint.extended_days
        ).where(Complaint.state.in_((ComplaintState.RECEIVED, ComplaintState.INVESTIGATING)))
    ).all()
    rules = clock_rules(policy)
    dated = sorted(
        (
            (
                investigation_clock(received, today, rules, extended_days=extended or 0).days_left,
                complaint_id,
                reference,
            )
            for complaint_id, reference, received, extended in rows
        ),
        key=lambda row: (row[0], row[1]),
    )
    items = [
        Item(
            Message("Complaint %(reference)s", reference=reference),
            Message(
                "investigation %(days)s (%(citation)s)",
                days=days_phrase(days),
                citation=policy.cite("complaint.investigation_days"),
            ),
            "complaints.detail",
            {"complaint_id": complaint_id},
            days,
        )
        for days, complaint_id, reference in dated[:CAP]
    ]
    return Section(
        "complaints", Message(Message("Complaints by deadline")), len(rows), items, "complaints.log"
    )


def _disputes_section(session: Session) -> Section:
    found = disputes_page(session, state="open", size=CAP)
    items = [
        Item(
            f"{r.entry.title}: {r.entry.profile.certification_number}",
            Message("disputed %(day)s", day=LongDate(r.disputed_at.date())),
            "disputes.resolve",
            {"reported_id": r.id},
        )
        for r in found.rows
    ]
    return Section(
        "disputes",
        Message(Message("Disputed completions to resolve")),
        found.total,
        items,
        "rosters.disputes",
        empty=Message(Message("No open disputes.")),
    )


def reviewer_inbox(session: Session, user: User, policy: Policy, today: date) -> list[Section]:
    return [
        _queue_section(
            session,
            "assigned",
            Message(Message("Assigned to you")),
            [Curriculum.assigned_to_id == user.id],
            "mine",
            today,
        ),
        _queue_section(
            session,
            "unassigned",
            Message(Message("Waiting for a reviewer")),
            [
                Curriculum.assigned_to_id.is_(None),
                Curriculum.is_open.is_(True),
                # sent back, it waits on the provider, not on a reviewer
                Curriculum.state != SubmissionState.REVISIONS_REQUESTED,
            ],
            "unassigned",
            today,
        ),
        _appeals_section(session, user, policy, today),
        _proof_section(session, user),
        _disputes_section(session),
        _late_changes_section(session, policy, today),
        _complaints_section(session, policy, today),
    ]


# --- providers -----------------------------------------------------------------------------


def provider_inbox(session: Session, user: User, policy: Policy, today: date) -> list[Section]:
    if user.organization_id is None:
        return []
    rows = session.scalars(
        select(Curriculum)
        .where(
            Curriculum.organization_id == user.organization_id,
            or_(
                Curriculum.state.in_(
                    (
                        SubmissionState.REVISIONS_REQUESTED,
                        SubmissionState.INCOMPLETE,
                        SubmissionState.DENIED,
                    )
                ),
                Curriculum.state.in_(tuple(APPROVED_STATES)),
            ),
        )
        .order_by(Curriculum.id)
    ).all()
    appeal_days = int(policy.value("appeal.days"))
    warn = int(policy.value("approval.expiry_warning_days"))
    sent_back, requests, expiring = [], [], []
    for c in rows:
        if c.state == SubmissionState.REVISIONS_REQUESTED:
            sent_back.append(
                Item(
                    c.title,
                    Message("revisions requested: answer with a new version"),
                    "submissions.detail",
                    {"curriculum_id": c.id},
                )
            )
        elif c.state == SubmissionState.INCOMPLETE:
            requests.append(
                Item(
                    c.title,
                    Message("incomplete: the fee or a readable syllabus is missing (§301.2)"),
                    "submissions.detail",
                    {"curriculum_id": c.id},
                )
            )
        elif c.state == SubmissionState.DENIED and c.decided_at is not None:
            left = (c.decided_at.date() + timedelta(days=appeal_days) - today).days
            if left >= 0:
                requests.append(
                    Item(
                        c.title,
                        Message(
                            "denied: you may appeal, %(days)s (%(citation)s)",
                            days=days_phrase(left),
                            citation=policy.cite("appeal.days"),
                        ),
                        "submissions.detail",
                        {"curriculum_id": c.id},
                        left,
                    )
                )
        elif c.expires_on is not None and (c.expires_on - today).days <= warn:
            left = (c.expires_on - today).days
            expiring.append(
                Item(
                    c.title,
                    Message(
                        "approval expires %(day)s, %(days)s (%(citation)s)",
                        day=LongDate(c.expires_on),
                        days=days_phrase(left),
                        citation=policy.cite("approval.years"),
                    ),
                    "providers.renewals_page",
                    {},
                    left,
                )
            )
    for items in (sent_back, requests, expiring):
        items.sort(key=lambda i: (i.days_left is None, i.days_left or 0))
    return [
        Section(
            "sent_back",
            Message(Message("Sent back to you")),
            len(sent_back),
            sent_back[:CAP],
            "submissions.dashboard",
        ),
        Section(
            "requests",
            Message(Message("Asked of you")),
            len(requests),
            requests[:CAP],
            "submissions.dashboard",
        ),
        Section(
            "expiring",
            Message(Message("Approvals expiring")),
            len(expiring),
            expiring[:CAP],
            "providers.renewals_page",
        ),
    ]


# --- peers ---------------------------------------------------------------------------------


def peer_inbox(session: Session, user: User, policy: Policy, today: date) -> list[Section]:
    record = session.scalar(
        select(CertificationRecord).where(CertificationRecord.claimed_by_id == user.id)
    )
    profile = session.scalar(select(PeerProfile).where(PeerProfile.user_id == user.id))
    renewal: list[Item] = []
    if record is not None:
        opens, _closes = renewal_window(record.expires_on, policy)
        left = (record.expires_on - today).days
        if record.status == CertificationStatus.EXPIRED or left < 0:
            renewal.append(
                Item(
                    Message(
                        "Certification %(number)s has lapsed", number=record.certification_number
                    ),
                    Message(
                        "expired %(day)s: see what reinstatement needs (%(citation)s)",
                        day=LongDate(record.expires_on),
                        citation=policy.cite("reinstatement.requirements"),
                    ),
                    "ce.dashboard",
                    {},
                    left,
                )
            )
        elif record.status == CertificationStatus.ACTIVE and today >= opens:
            renewal.append(
                Item(
                    Message("Renew certification %(number)s", number=record.certification_number),
                    Message(
                        "the window is open: expires %(day)s, %(days)s (%(citation)s)",
                        day=LongDate(record.expires_on),
                        days=days_phrase(left),
                        citation=policy.cite("renewal.window_days"),
                    ),
                    "registry.renewal",
                    {},
                    left,
                )
            )
    reviews: list[Item] = []
    if profile is not None:
        for selection in session.scalars(
            select(CEAuditSelection)
            .where(CEAuditSelection.profile_id == profile.id, CEAuditSelection.closed_at.is_(None))
            .order_by(CEAuditSelection.due_on)
        ):
            left = (selection.due_on - today).days
            if selection.responded_at is not None:
                reviews.append(
                    Item(
                        Message("Records review: proof uploaded"),
                        Message("waiting for the reviewer's decision"),
                        "ce.dashboard",
                        {},
                    )
                )
            else:
                reviews.append(
                    Item(
                        Message("Records review: upload proof of your CE"),
                        Message(
                            "by %(day)s, %(days)s (%(citation)s)",
                            day=LongDate(selection.due_on),
                            days=days_phrase(left),
                            citation=policy.cite("audit.response_days"),
                        ),
                        "ce.dashboard",
                        {},
                        left,
                    )
                )
    sanctions: list[Item] = []
    if record is not None:
        for requirement in session.scalars(
            select(CERequirement)
            .where(CERequirement.record_id == record.id)
            .order_by(CERequirement.due_on.is_(None), CERequirement.due_on, CERequirement.id)
        ):
            sanction = SANCTIONS.get(requirement.sanction)
            left = (requirement.due_on - today).days if requirement.due_on else None
            due = (
                Message(
                    "due %(day)s, %(days)s",
                    day=LongDate(requirement.due_on),
                    days=days_phrase(left),
                )
                if left is not None
                else Message("before reinstatement")
            )
            sanctions.append(
                Item(
                    Message("Sanction %(sanction)s: required CE", sanction=requirement.sanction),
                    Message(
                        "%(what)s; %(due)s (%(citation)s)",
                        what=term(sanction.text),
                        due=due,
                        citation=sanction.citation,
                    )
                    if sanction
                    else Message("%(what)s; %(due)s", what=requirement.note, due=due),
                    "ce.dashboard",
                    {},
                    left,
                )
            )
        if record.status in (CertificationStatus.SUSPENDED, CertificationStatus.REVOKED):
            sanctions.insert(
                0,
                Item(
                    Message(
                        "Certification %(number)s is %(status)s",
                        number=record.certification_number,
                        status=term(str(record.status)),
                    ),
                    Message("see the letter of action and what it requires"),
                    "ce.dashboard",
                    {},
                ),
            )
    return [
        Section(
            "renewal",
            Message(Message("Renewal")),
            len(renewal),
            renewal,
            "registry.renewal",
            empty=Message(Message("Your renewal window is not open yet.")),
        ),
        Section(
            "records_review",
            Message(Message("Records review")),
            len(reviews),
            reviews[:CAP],
            "ce.dashboard",
            empty=Message(Message("No records review is open.")),
        ),
        Section(
            "sanctions",
            Message(Message("Sanctions")),
            len(sanctions),
            sanctions[:CAP],
            "ce.dashboard",
            empty=Message(Message("No sanction applies.")),
        ),
    ]
