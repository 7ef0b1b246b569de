"""Registry rules (pure): statuses and actions of §500.2, the 72-hour update rule of §805.2–3,
and the registry's CSV exchange format."""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

from app.certification import CertificationStatus
from app.dates import read_date
from app.messages import Message
from app.policy import SPECIALIZATIONS, Policy

CERTIFICATION_NUMBER = re.compile(r"^MPSS\d{4,10}$")

STATUS_LABELS = {
    CertificationStatus.ACTIVE: "Active / no sanctions",
    CertificationStatus.SUSPENDED: "Suspended",
    CertificationStatus.REVOKED: "Revoked",
    CertificationStatus.EXPIRED: "Expired / lapsed",
}


class RegistryAction(StrEnum):
    """The actions the registry shows (§500.2)."""

    NONE = "none"
    UNDER_INVESTIGATION = "under_investigation"
    SUSPENDED = "suspended"
    REVOKED = "revoked"


ACTION_LABELS = {
    RegistryAction.NONE: "None",
    RegistryAction.UNDER_INVESTIGATION: "Under investigation",
    RegistryAction.SUSPENDED: "Suspended",
    RegistryAction.REVOKED: "Revoked",
}


def fold(text: str) -> str:
    """``text`` without accents or case, every run of non-letters a single space: "María
    López-Hernández" folds to "maria lopez hernandez" (the registry search's spelling)."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return " ".join(re.findall(r"[^\W_]+", bare))


def fold_name(name: str) -> str:
    """A person's name folded and with its words sorted, so word order does not matter."""
    return " ".join(sorted(fold(name).split()))


def normalized_number(text: str) -> str:
    return text.strip().upper().replace(" ", "").replace("-", "")


def hours_late(effective_at: datetime, recorded_at: datetime, policy: Policy) -> float | None:
    """Hours past the 72 the registry has to record a change (§805.2–3), or None when on time."""
    allowed = float(policy.value("registry.update_hours"))
    taken = (recorded_at - effective_at).total_seconds() / 3600
    return round(taken - allowed, 1) if taken > allowed else None


COLUMNS = (
    "legal_name",
    "certification_number",
    "issued_on",
    "expires_on",
    "status",
    "action",
    "specializations",
    "email",
)
REQUIRED = COLUMNS[:4]


@dataclass
class RegistryRow:
    line: int
    legal_name: str
    certification_number: str
    issued_on: date
    expires_on: date
    status: str = CertificationStatus.ACTIVE.value
    action: str = RegistryAction.NONE.value
    specializations: list[str] = field(default_factory=list)
    email: str = ""


def check_facts(
    legal_name: str, number: str, issued_on: date | None, expires_on: date | None, today: date
) -> list[str]:
    """What is wrong with a record's facts, in words for staff."""
    problems = []
    if not legal_name.strip():
        problems.append(Message("the legal name is required"))
    if not CERTIFICATION_NUMBER.match(number):
        problems.append(
            Message(
                "a certification number is MPSS followed by digits, e.g. MPSS123456 (%(citation)s)",
                citation="§213.6",
            )
        )
    if issued_on and issued_on > today:
        problems.append(Message("the active date cannot be in the future"))
    if issued_on and expires_on and expires_on <= issued_on:
        problems.append(Message("the expiration date is not after the active date"))
    return problems


def _at(line: int, problem: str, column: str = "") -> Message:
    """A problem of a registry CSV's row, with its line (and column)."""
    if column:
        return Message(
            "line %(line)s, %(column)s: %(problem)s", line=str(line), column=column, problem=problem
        )
    return Message("line %(line)s: %(problem)s", line=str(line), problem=problem)


def read_registry_csv(text: str, today: date) -> tuple[list[RegistryRow], list[str]]:
    """Rows of a registry CSV (columns in ``COLUMNS``), or the errors naming line and column."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff"), newline=""))
    header = [(h or "").strip().lower() for h in (reader.fieldnames or [])]
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        return [], [
            Message(
                "line 1: missing column(s) %(missing)s; the header is %(header)s",
                missing=", ".join(missing),
                header=", ".join(COLUMNS),
            )
        ]
    reader.fieldnames = header
    rows, errors, seen = [], [], {}
    for raw in reader:
        line = reader.line_num  # blank lines are skipped: count the file's own lines
        values = {k: (v or "").strip() for k, v in raw.items() if k}
        if not any(values.values()):
            continue
        row_errors = []
        dates = {}
        for column in ("issued_on", "expires_on"):
            reading = read_date(values.get(column, ""))
            if reading.value is None:
                problem = reading.error or Message("is required")
                row_errors.append(_at(line, problem, column))
            dates[column] = reading.value
        number = normalized_number(values.get("certification_number", ""))
        for problem in check_facts(
            values.get("legal_name", ""), number, dates["issued_on"], dates["expires_on"], today
        ):
            row_errors.append(_at(line, problem))
        status = (values.get("status") or "active").lower()
        action = (values.get("action") or "none").lower().replace(" ", "_")
        if status not in {s.value for s in CertificationStatus}:
            allowed = ", ".join(s.value for s in CertificationStatus)
            row_errors.append(_at(line, Message("one of %(allowed)s", allowed=allowed), "status"))
        if action not in {a.value for a in RegistryAction}:
            allowed = ", ".join(a.value for a in RegistryAction)
            row_errors.append(_at(line, Message("one of %(allowed)s", allowed=allowed), "action"))
        specializations = [
            s.strip() for s in values.get("specializations", "").split(";") if s.strip()
        ]
        unknown = [s for s in specializations if s not in SPECIALIZATIONS]
        if unknown:
            unknown_text = Message("unknown %(names)s", names=", ".join(unknown))
            row_errors.append(_at(line, unknown_text, "specializations"))
        if number in seen:
            also = Message(
                "%(number)s is also on line %(other)s", number=number, other=str(seen[number])
            )
            row_errors.append(_at(line, also))
        seen[number] = line
        if row_errors:
            errors.extend(row_errors)
            continue
        rows.append(
            RegistryRow(
                line,
                values["legal_name"],
                number,
                dates["issued_on"],
                dates["expires_on"],
                status,
                action,
                specializations,
                values.get("email", ""),
            )
        )
    return rows, errors


def reminder_days(policy: Policy) -> tuple[int, ...]:
    """When holders are reminded: as the window opens (§207.7), then 30 and 7 days before."""
    return tuple(
        int(policy.value(key))
        for key in (
            "renewal.window_days",
            "renewal.reminder_second_days",
            "renewal.reminder_last_days",
        )
    )


def reminder_due(expires_on: date, today: date, sent: set[int], policy: Policy) -> int | None:
    """The reminder to send today (90, 30 or 7 days before expiration, §802.1), once each: the
    nearest milestone reached and not sent yet; None when none is due or the date has passed."""
    days_left = (expires_on - today).days
    if days_left < 0:
        return None
    reached = [m for m in reminder_days(policy) if days_left <= m]
    if not reached:
        return None
    nearest = min(reached)  # a late run sends the nearest reminder, not every missed one
    return None if nearest in sent else nearest


def signature_matches(signature: str, legal_name: str) -> bool:
    """The code of ethics is signed with the legal name on the record (case and spacing aside)."""
    return " ".join(signature.casefold().split()) == " ".join(legal_name.casefold().split())


REINSTATEMENT_STEPS = {
    "refresher": Message("40-hour refresher training completed"),
    "ethics": Message("Code of ethics signed"),
    "exam": Message("Certification exam passed"),
}
