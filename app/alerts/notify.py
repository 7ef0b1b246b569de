"""Tell the reviewers who must act: a new submission, a new appeal, a peer's uploaded proof.

The reviewer assigned to the item is told; nobody assigned, every active reviewer is (an appeal
goes to every reviewer but the one who denied: another reviewer decides it, §702.3.A). Each
reviewer chooses to hear at once (one email per item) or in a daily digest, which the daily
reminders job sends as one email listing the items (``queue_digests``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.alerts.models import DAILY_DIGEST, DELIVERIES, IMMEDIATELY, DigestItem, EmailDelivery
from app.audit.services import record
from app.auth.models import Role, User
from app.dbtypes import utcnow
from app.errors import DomainError, Forbidden
from app.notifications import links
from app.notifications.services import one_line, queue_email, reminder
from app.policy import Policy

STAFF = (Role.REVIEWER, Role.ADMIN)


def reviewers_who_act(
    session: Session, *, assigned_id: int | None, exclude: Iterable[int | None] = ()
) -> list[User]:
    """The assigned reviewer when there is one (and still active), else every active reviewer
    and administrator but those in ``exclude``."""
    query = select(User).where(User.role.in_(STAFF), User.active.is_(True))
    if assigned_id is not None:
        assigned = session.scalars(query.where(User.id == assigned_id)).all()
        if assigned:
            return list(assigned)
    skip = {i for i in exclude if i is not None}
    return [u for u in session.scalars(query.order_by(User.id)) if u.id not in skip]


def delivery_of(session: Session, user: User) -> str:
    row = session.get(EmailDelivery, user.id)
    return row.delivery if row is not None else IMMEDIATELY


def set_delivery(session: Session, user: User, delivery: str) -> None:
    """A reviewer chooses how new work is emailed; audited."""
    if user.role not in STAFF:
        raise Forbidden("Only reviewers choose how new work is emailed.")
    if delivery not in DELIVERIES:
        raise DomainError("Choose one email for each item, or one email a day.")
    row = session.get(EmailDelivery, user.id)
    before = row.delivery if row is not None else IMMEDIATELY
    if row is None:
        row = EmailDelivery(user_id=user.id)
        session.add(row)
    row.delivery = delivery
    record(
        session,
        actor_id=user.id,
        subject_type="user",
        subject_id=user.id,
        action="set_email_delivery",
        details={"delivery": [before, delivery]},
    )
    session.flush()


def tell_reviewers(
    session: Session, reviewers: Iterable[User], *, subject: str, body: str, link: str
) -> int:
    """Email each reviewer now, or hold the item for their digest; returns how many were told."""
    reviewers = list(reviewers)
    digest = set(
        session.scalars(
            select(EmailDelivery.user_id).where(
                EmailDelivery.user_id.in_([r.id for r in reviewers]),
                EmailDelivery.delivery == DAILY_DIGEST,
            )
        )
    )
    for reviewer in reviewers:
        if reviewer.id in digest:
            session.add(DigestItem(user_id=reviewer.id, subject=one_line(subject), link=link))
        else:
            queue_email(session, reviewer.email, subject, body, category="review", link=link)
    return len(reviewers)


def submission_arrived(session: Session, curriculum, *, again: bool = False) -> int:
    """A complete application (or its revision) waits for review: its 90-day clock runs."""
    what = "Revised submission" if again else "New submission"
    due = f" Decide by {curriculum.due_on:%B %d, %Y} (§803.3)." if curriculum.due_on else ""
    return tell_reviewers(
        session,
        reviewers_who_act(session, assigned_id=curriculum.assigned_to_id),
        subject=f"{what} to review: {curriculum.title}",
        body=f"{curriculum.organization.name} submitted “{curriculum.title}”.{due}",
        link=links.url("submissions.review", curriculum_id=curriculum.id),
    )


def appeal_filed(session: Session, curriculum, appeal) -> int:
    """A provider appeals a denial; a reviewer other than the one who denied decides it."""
    return tell_reviewers(
        session,
        reviewers_who_act(session, assigned_id=None, exclude=[curriculum.decided_by_id]),
        subject=f"New appeal to decide: {curriculum.title}",
        body=(
            f"{curriculum.organization.name} appeals the denial of “{curriculum.title}” "
            f"(received {appeal.requested_on:%B %d, %Y}). A reviewer other than the one who "
            "denied it decides; the decision is final (§702.3.A).\n\nThe appeal and its evidence: "
            + links.url("appeal_pages.page", appeal_id=appeal.id)
        ),
        link=links.url("submissions.review", curriculum_id=curriculum.id),
    )


def proof_uploaded(session: Session, selection, profile) -> int:
    """A peer in a records review says their proof is uploaded (§207.12)."""
    return tell_reviewers(
        session,
        reviewers_who_act(session, assigned_id=selection.audit.drawn_by_id),
        subject=f"Proof uploaded for the records review: {profile.certification_number}",
        body=(
            f"The holder of certification {profile.certification_number} has uploaded proof for "
            "each course under review. Accept or reject each one, then close the review."
        ),
        link=links.url("ce.audit_detail", audit_id=selection.audit_id),
    )


@reminder
def queue_digests(session: Session, policy: Policy, today: date) -> int:
    """One email to each reviewer listing the items held since their last digest."""
    held = session.scalars(
        select(DigestItem).where(DigestItem.sent_at.is_(None)).order_by(DigestItem.id)
    ).all()
    if not held:
        return 0
    by_user: dict[int, list[DigestItem]] = defaultdict(list)
    for item in held:
        by_user[item.user_id].append(item)
    users = session.scalars(select(User).where(User.id.in_(list(by_user)))).all()
    now, queued = utcnow(), 0
    for user in users:
        items = by_user[user.id]
        if user.active:
            lines = "\n".join(f"- {item.subject}\n  {item.link}" for item in items)
            queue_email(
                session,
                user.email,
                f"Waiting for you: {len(items)} new item(s), {today:%B %d, %Y}",
                f"Hello {user.name},\n\nNew since your last digest:\n\n{lines}\n\n"
                "Your home page lists everything that waits for you, most urgent first.",
                category="digest",
                link=links.url("main.index"),
            )
            queued += 1
        for item in items:
            item.sent_at = now
    session.flush()
    return queued
