"""A provider's standing and whether an approved course may take new enrollments (pure)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum


class Standing(StrEnum):
    GOOD = "good"  # approved and in good standing
    SUSPENDED = "suspended"  # approval suspended after a complaint (§806.3.A)
    REVOKED = "revoked"  # approval revoked after a complaint (§806.3.A)


class ApprovalStatus(StrEnum):
    """Where one approved course stands for the peers' catalogue."""

    CURRENT = "current"
    EXPIRING = "expiring"  # within the reminder window (§803.4)
    EXPIRED = "expired"  # two years after approval, not renewed (§803.4)
    SUSPENDED = "suspended"
    REVOKED = "revoked"


@dataclass(frozen=True)
class CourseStatus:
    status: ApprovalStatus
    reason: str  # empty while the course takes enrollments

    @property
    def open(self) -> bool:
        return self.status in (ApprovalStatus.CURRENT, ApprovalStatus.EXPIRING)


def course_status(
    expires_on: date | None, standing: Standing, today: date, *, warn_days: int
) -> CourseStatus:
    """Whether a course of a provider in ``standing`` approved until ``expires_on`` is open."""
    if standing == Standing.REVOKED:
        return CourseStatus(
            ApprovalStatus.REVOKED,
            "The provider's approval was revoked (§806.3.A); the course takes no new enrollments.",
        )
    if standing == Standing.SUSPENDED:
        return CourseStatus(
            ApprovalStatus.SUSPENDED,
            "The provider's approval is suspended (§806.3.A); the course takes no new enrollments.",
        )
    if expires_on is not None and today > expires_on:
        return CourseStatus(
            ApprovalStatus.EXPIRED,
            f"The approval expired on {expires_on:%B %d, %Y} (§803.4) and was not renewed; "
            "the course takes no new enrollments.",
        )
    if expires_on is not None and (expires_on - today).days <= warn_days:
        return CourseStatus(ApprovalStatus.EXPIRING, "")
    return CourseStatus(ApprovalStatus.CURRENT, "")
