"""What an appeal is about (§807.1.A–C) and where its appellant is written to, pure."""

from __future__ import annotations

from enum import StrEnum


class AppealType(StrEnum):
    """What an appeal is about (§807.1.A–C)."""

    CERTIFICATION_DENIAL = "Denial of certification application or renewal (§807.1.A)"
    CERTIFICATION_ACTION = "Suspension or revocation of certification (§807.1.B)"
    PROVIDER_DENIAL = "Denial of training provider application (§807.1.C)"
    PROVIDER_ACTION = "Suspension or revocation of a provider's approval (§806.3.A; §807.1.B)"


def type_label(stored: str) -> str:
    """The §807.1 type of a stored appeal (older rows say "Training provider curriculum denial")."""
    if stored in {t.value for t in AppealType}:
        return stored
    return AppealType.PROVIDER_DENIAL.value


def email_of(contact: str) -> str | None:
    """The email address in a contact line, if there is one."""
    for word in contact.replace(",", " ").replace(";", " ").split():
        if "@" in word and "." in word.split("@")[-1]:
            return word.strip("<>()")
    return None
