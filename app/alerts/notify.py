"""Tell the reviewers who must act: a new submission, a new appeal, a peer's uploaded proof.

The reviewer assigned to the item is told; nobody assigned, every active reviewer is (an appeal
goes to every reviewer but the one who denied: another reviewer decides it, §702.3.A). Each
reviewer chooses to hear at once (one email per item) or in a daily digest, which the daily
reminders job sends as one email listing the items (``queue_digests``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from datetime import date

from flask_babel import gettext
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.alerts.models import DAILY_DIGEST, DELIVERIES, IMMEDIATELY, DigestItem, EmailDelivery
from app.audit.services import record_by
from app.auth.models import Role, User
from app.dbtypes import utcnow
from app.errors import DomainError, Forbidden
from app.notifications import links
from app.notifications.language import email_day, in_language_of
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
    record_by(
        session,
        user,
        "user",
        user.id,
        "set_email_delivery",
        details={"delivery": [before, delivery]},
    )
    session.flush()


def tell_reviewers(
    session: Session,
    reviewers: Iterable[User],
    *,
    write: Callable[[], tuple[str, str]],
    link: str,
    category: str = "review",
    digest: bool = True,
) -> int:
    """Email each reviewer now, or hold the item for their digest; returns how many were told.
    ``write`` writes the subject and body, called in each reviewer's language. ``digest=False``:
    everyone is emailed now (a deadline or a thread's answer does not wait for the digest)."""
    reviewers = list(reviewers)
    held = (
        set(
            session.scalars(
                select(EmailDelivery.user_id).where(
                    EmailDelivery.user_id.in_([r.id for r in reviewers]),
                    EmailDelivery.delivery == DAILY_DIGEST,
                )
            )
        )
        if digest
        else set()
    )
    for reviewer in reviewers:
        with in_language_of(session, reviewer.email):
            subject, body = write()
            if reviewer.id in held:
                session.add(DigestItem(user_id=reviewer.id, subject=one_line(subject), link=link))
            else:
                queue_email(session, reviewer.email, subject, body, category=category, link=link)
    return len(reviewers)


def submission_arrived(session: Session, curriculum, *, again: bool = False) -> int:
    """A complete application (or its revision) waits for review: its 90-day clock runs."""

    def write() -> tuple[str, str]:
        title = curriculum.title
        subject = (
            gettext("Revised submission to review: %(title)s", title=title)
            if again
            else gettext("New submission to review: %(title)s", title=title)
        )
        body = gettext(
            "%(organization)s submitted “%(title)s”.",
            organization=curriculum.organization.name,
            title=title,
        )
        if curriculum.due_on:
            body += " " + gettext("Decide by %(day)s (§803.3).", day=email_day(curriculum.due_on))
        return subject, body

    return tell_reviewers(
        session,
        reviewers_who_act(session, assigned_id=curriculum.assigned_to_id),
        write=write,
        link=links.url("submissions.review", curriculum_id=curriculum.id),
    )


def appeal_filed(session: Session, curriculum, appeal) -> int:
    """A provider appeals a denial; a reviewer other than the one who denied decides it."""
    return tell_reviewers(
        session,
        reviewers_who_act(session, assigned_id=None, exclude=[curriculum.decided_by_id]),
        write=lambda: (
            gettext("New appeal to decide: %(title)s", title=curriculum.title),
            gettext(
                "%(organization)s appeals the denial of “%(title)s” (received %(day)s). A "
                "reviewer other than the one who denied it decides; the decision is final "
                "(§702.3.A).\n\nThe appeal and its evidence: %(link)s",
                organization=curriculum.organization.name,
                title=curriculum.title,
                day=email_day(appeal.requested_on),
                link=links.url("appeal_pages.page", appeal_id=appeal.id),
            ),
        ),
        link=links.url("submissions.review", curriculum_id=curriculum.id),
    )


def proof_uploaded(session: Session, selection, profile) -> int:
    """A peer in a records review says their proof is uploaded (§207.12)."""
    return tell_reviewers(
        session,
        reviewers_who_act(session, assigned_id=selection.audit.drawn_by_id),
        write=lambda: (
            gettext(
                "Proof uploaded for the records review: %(number)s",
                number=profile.certification_number,
            ),
            gettext(
                "The holder of certification %(number)s has uploaded proof for each course under "
                "review. Accept or reject each one, then close the review.",
                number=profile.certification_number,
            ),
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
            with in_language_of(session, user.email):
                queue_email(
                    session,
                    user.email,
                    gettext(
                        "Waiting for you: %(count)s new item(s), %(day)s",
                        count=len(items),
                        day=email_day(today),
                    ),
                    gettext(
                        "Hello %(name)s,\n\nNew since your last digest:\n\n%(lines)s\n\nYour "
                        "home page lists everything that waits for you, most urgent first.",
                        name=user.name,
                        lines=lines,
                    ),
                    category="digest",
                    link=links.url("main.index"),
                )
            queued += 1
        for item in items:
            item.sent_at = now
    session.flush()
    return queued
