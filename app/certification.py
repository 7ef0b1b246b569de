"""The status of a certification (pure): the words the registry keeps and CE rules read.

It sits below both packages so that neither has to import the other for it."""

from __future__ import annotations

from enum import StrEnum


class CertificationStatus(StrEnum):
    """A certification's status in the registry (§500.2)."""

    ACTIVE = "active"
    SUSPENDED = "suspended"
    REVOKED = "revoked"
    EXPIRED = "expired"
