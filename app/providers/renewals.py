"""Renewal of a provider's approval (§803.4) with its fee (§601), and the reminders at 90 and
30 days before an approval expires; each step is audited."""

from __future__ import annotations

from datetime import date, timedelta

from flask_babel import gettext
from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from app.audit.services import record_by
from app.auth.models import Role, User
from app.dates import add_years
from app.errors import Conflict, DomainError, Forbidden, NotFound
from app.notifications import links
from app.notifications.language import email_day, in_every_language, in_language_of
from app.notifications.models import OutboxEmail
from app.notifications.services import queue_email, queue_email_to_each, reminder
from app.policy import Policy
from app.providers.models import ApprovalRenewal
from app.submissions.models import Curriculum
from app.submissions.services import APPROVED_STATES

PENDING, RENEWED, REFUSED = "pending", "renewed", "refused"


def renewal_window_opens(expires_on: date, policy: Policy) -> date:
    """The first day a renewal may be applied for: the first reminder (90 days before expiry)."""
    return expires_on - timedelta(days=int(policy.value("approval.expiry_warning_days")))


def apply(
    session: Session, curriculum: Curriculum, provider: User, policy: Policy, *, today: date
) -> ApprovalRenewal:
    """The provider applies to renew an approval that has not yet expired (§803.4)."""
    if provider.role != Role.PROVIDER or provider.organization_id != curriculum.organization_id:
        raise NotFound("There is no such curriculum.")
    if curriculum.state not in APPROVED_STATES or curriculum.expires_on is None:
        raise Conflict("Only an approved curriculum is renewed.")
    if today > curriculum.expires_on:
        raise Conflict(
            f"The approval expired on {curriculum.expires_on:%B %d, %Y} ({policy.cite('approval.years')}); "
            "submit the curriculum for approval again."
        )
    opens = renewal_window_opens(curriculum.expires_on, policy)
    if today < opens:
        raise Conflict(f"Renewal opens on {opens:%B %d, %Y}, 90 days before the approval expires.")
    if pending_for(session, curriculum.id) is not None:
        raise Conflict("A renewal of this approval is already with the reviewers.")
    item = ApprovalRenewal(
        curriculum_id=curriculum.id,
        requested_on=today,
        requested_by_id=provider.id,
        expires_on=curriculum.expires_on,
        fee=int(policy.value("fee.provider_renewal")),
    )
    session.add(item)
    session.flush()
    record_by(
        session,
        provider,
        "curriculum",
        curriculum.id,
        "apply_renewal",
        details={"renewal_id": item.id, "fee": item.fee},
    )
    session.flush()
    return item


def pending_for(session: Session, curriculum_id: int) -> ApprovalRenewal | None:
    return session.scalar(
        select(ApprovalRenewal).where(
            ApprovalRenewal.curriculum_id == curriculum_id, ApprovalRenewal.state == PENDING
        )
    )


def decide(
    session: Session,
    item: ApprovalRenewal | None,
    reviewer: User,
    policy: Policy,
    *,
    today: date,
    renew: bool,
    fee_paid: bool,
    reason: str = "",
) -> ApprovalRenewal:
    """Renew for two more years from the current expiry (fee confirmed) or refuse with a reason."""
    if reviewer.role not in (Role.REVIEWER, Role.ADMIN):
        raise Forbidden("Only reviewers decide renewals.")
    if item is None:
        raise NotFound("There is no such renewal.")
    if item.state != PENDING:
        raise Conflict(f"This renewal is already {item.state}.")
    if renew and not (fee_paid or item.fee_paid):
        raise DomainError(
            f"Confirm that the renewal fee of ${item.fee} ({policy.cite('fee.provider_renewal')}) is paid."
        )
    if not renew and not reason.strip():
        raise DomainError("Give the reason for refusing the renewal.")
    curriculum = item.curriculum
    item.fee_paid = item.fee_paid or fee_paid
    item.state, item.decided_on, item.decided_by_id = (
        RENEWED if renew else REFUSED,
        today,
        reviewer.id,
    )
    item.reason = reason.strip()
    previous = curriculum.expires_on
    if renew:
        curriculum.expires_on = add_years(item.expires_on, int(policy.value("approval.years")))
    record_by(
        session,
        reviewer,
        "curriculum",
        curriculum.id,
        "renew_approval" if renew else "refuse_renewal",
        reason=item.reason,
        details={
            "renewal_id": item.id,
            "fee_paid": item.fee_paid,
            "expires_on": [str(previous), str(curriculum.expires_on)],
        },
    )
    queue_email_to_each(
        session,
        [member.email for member in curriculum.organization.members],
        lambda: (
            gettext("Renewal: %(title)s", title=curriculum.title),
            gettext(
                "The approval of “%(title)s” is renewed until %(until)s (%(citation)s).",
                title=curriculum.title,
                until=email_day(curriculum.expires_on),
                citation=policy.cite("approval.years"),
            )
            if renew
            else gettext(
                "The renewal of “%(title)s” was refused: %(reason)s",
                title=curriculum.title,
                reason=item.reason,
            ),
        ),
        category="decision",
        link=links.url("submissions.detail", curriculum_id=curriculum.id),
    )
    session.flush()
    return item


def pending(session: Session) -> list[ApprovalRenewal]:
    """Renewals waiting for a reviewer, oldest first (two queries)."""
    return list(
        session.scalars(
            select(ApprovalRenewal)
            .where(ApprovalRenewal.state == PENDING)
            .options(selectinload(ApprovalRenewal.curriculum).selectinload(Curriculum.organization))
            .order_by(ApprovalRenewal.requested_on, ApprovalRenewal.id)
        )
    )


def approvals_of(session: Session, organization_id: int) -> list[Curriculum]:
    """The organization's approved curricula, soonest expiry first."""
    return list(
        session.scalars(
            select(Curriculum)
            .where(
                Curriculum.organization_id == organization_id,
                Curriculum.state.in_(APPROVED_STATES),
            )
            .order_by(Curriculum.expires_on, Curriculum.title)
        )
    )


def _reminder_subject(curriculum: Curriculum, days: int) -> str:
    return gettext(
        "Approval expires in %(days)s days: %(title)s (until %(until)s)",
        days=days,
        title=curriculum.title,
        until=f"{curriculum.expires_on:%Y-%m-%d}",
    )


@reminder
def queue_expiry_reminders(session: Session, policy: Policy, today: date) -> int:
    """Remind providers once when an approval is 90 days from expiry and once at 30 (§803.4);
    a renewal already applied for silences them."""
    thresholds = sorted(
        {
            int(policy.value("approval.expiry_warning_days")),
            int(policy.value("approval.final_reminder_days")),
        }
    )
    horizon = today + timedelta(days=max(thresholds))
    expiring = session.scalars(
        select(Curriculum)
        .where(
            Curriculum.state.in_(APPROVED_STATES),
            Curriculum.expires_on.is_not(None),
            Curriculum.expires_on >= today,
            Curriculum.expires_on <= horizon,
        )
        .options(selectinload(Curriculum.organization))
    ).all()
    renewing = set(
        session.scalars(
            select(ApprovalRenewal.curriculum_id).where(ApprovalRenewal.state == PENDING)
        )
    )
    sent = set(
        session.scalars(select(OutboxEmail.subject).where(OutboxEmail.category == "renewal"))
    )
    queued = 0
    for curriculum in expiring:
        if curriculum.id in renewing:
            continue
        left = (curriculum.expires_on - today).days
        due = [t for t in thresholds if left <= t]
        if not due:
            continue
        days = min(due)
        subjects = in_every_language(lambda c=curriculum, d=days: _reminder_subject(c, d))
        if subjects & sent:
            continue
        for member in curriculum.organization.members:
            with in_language_of(session, member.email):
                queue_email(
                    session,
                    member.email,
                    _reminder_subject(curriculum, days),
                    gettext(
                        "The approval of “%(title)s” is valid until %(until)s (%(citation)s). "
                        "Apply for renewal (fee $%(fee)s, %(fee_citation)s) before then: after "
                        "that date the course leaves the CE catalogue and takes no new "
                        "enrollments.",
                        title=curriculum.title,
                        until=email_day(curriculum.expires_on),
                        citation=policy.cite("approval.years"),
                        fee=policy.value("fee.provider_renewal"),
                        fee_citation=policy.cite("fee.provider_renewal"),
                    ),
                    category="renewal",
                    link=links.url("providers.renewals_page"),
                )
            queued += 1
        sent.update(subjects)
    session.flush()
    return queued
