"""Continuing-education rules for a certified peer's record (pure: dates, hours, reasons).

All numbers come from app.policy: 20 hours per two-year period with 6 of law and ethics
(§207.3), 3 units = 12 hours (App. C 4.B), the renewal window of 90 days (§207.7), the
four-year lapse rule (§209). Dates are calendar dates.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field, fields
from datetime import date, timedelta
from typing import Any

from app.dates import add_years
from app.findings import Finding
from app.policy import Policy

FORMATS = ("in_person", "online_live", "asynchronous")
ACCEPTED_SOURCES = {
    "calmhsa_ce_provider": "CalMHSA CE-approved training provider",
    "calmhsa_training_provider": "Pre-approved course of a CalMHSA-approved training provider",
    "county_behavioral_health": "County behavioral health department or its contracted network provider",
    "accredited_school": "Accredited school, including vocational education",
    "licensing_board": "Professional certification or licensing board",
}
SOURCES = (*ACCEPTED_SOURCES, "other")
STATUSES = ("active", "suspended", "revoked", "expired")
NEAR_DUPLICATE_RATIO = 0.85


@dataclass
class CEEntry:
    title: str
    provider: str
    start_date: date
    end_date: date | None = None
    format: str = "in_person"
    hours: float | None = None
    units: float | None = None
    source: str = "other"
    law_ethics: bool = False
    law_ethics_topics: list[str] = field(default_factory=list)
    evidence: list[str] = field(default_factory=list)
    line: int | None = None  # row of the CSV it came from

    @property
    def completed_on(self) -> date:
        """The day the course was completed: it belongs to the period of that day."""
        return self.end_date or self.start_date


# The fields of an entry, in the order of the CSV columns, the form and the JSON API.
ENTRY_FIELDS = tuple(f.name for f in fields(CEEntry) if f.name != "line")


def period_for(issued_on: date, on: date, policy: Policy) -> tuple[date, date]:
    """The certification period containing ``on``: [start, end), each two years from the issue date.

    Boundaries are anniversaries of the issue date itself, so a 29 February issue renews on
    28 February in common years and on 29 February again in leap years (§207.1).
    """
    years = int(policy.value("cert.period_years"))
    k = max(0, (on.year - issued_on.year) // years)
    while k > 0 and add_years(issued_on, years * k) > on:
        k -= 1
    while add_years(issued_on, years * (k + 1)) <= on:
        k += 1
    return add_years(issued_on, years * k), add_years(issued_on, years * (k + 1))


def renewal_window(expires_on: date, policy: Policy) -> tuple[date, date]:
    """Renewal may be submitted from 90 days before expiration up to the expiration day (§207.7)."""
    return expires_on - timedelta(days=int(policy.value("renewal.window_days"))), expires_on


def entry_hours(entry: CEEntry, policy: Policy) -> float:
    """Direct-instruction hours, or academic units converted (3 units = 12 hours, App. C 4.B)."""
    if entry.hours is not None:
        return float(entry.hours)
    if entry.units is not None:
        return float(entry.units) * float(policy.value("ce.units_to_hours"))
    return 0.0


def normalized(text: str) -> str:
    """Title or provider compared case-, punctuation- and spacing-insensitively ("&" is "and")."""
    text = text.casefold().replace("&", " and ")
    text = re.sub(r"[^\w\s]", " ", text)
    return " ".join(text.split())


@dataclass
class EntryResult:
    entry: CEEntry
    hours: float
    counted: bool
    reasons: list[str]
    # The line of the entry a reason compares this one with (a repeated course): data for the CLI,
    # kept out of the wording, which peers read on the web where lines mean nothing.
    compared_with_line: int | None = None


def summarize(
    entries: list[CEEntry], *, issued_on: date, today: date, policy: Policy, status: str = "active"
) -> dict[str, Any]:
    """The period containing ``today``: counted hours, law-and-ethics hours, reasons, window, findings."""
    start, end = period_for(issued_on, today, policy)
    if status == "expired" and start > issued_on:
        # An expired certification lapsed at the last period boundary: show that period.
        start, end = period_for(issued_on, start - timedelta(days=1), policy)
    expires_on = end
    required = float(policy.value("ce.hours"))
    required_le = float(policy.value("ce.law_ethics_hours"))
    findings: list[Finding] = []
    results: list[EntryResult] = []
    seen: dict[tuple[str, str], CEEntry] = {}
    for entry in sorted(entries, key=lambda e: (e.completed_on, e.line or 0)):
        hours = entry_hours(entry, policy)
        reasons: list[str] = []
        compared_with: CEEntry | None = None
        counted = True
        if not (start <= entry.completed_on < end):
            counted = False
            reasons.append(
                f"Completed on {entry.completed_on.isoformat()}, outside the period {start.isoformat()} to {(end - timedelta(days=1)).isoformat()} (§207.3)."
            )
        if entry.source not in ACCEPTED_SOURCES:
            counted = False
            reasons.append("Not from a source accepted for renewal (App. C 5.B).")
        missing = [
            name
            for name, value in (
                ("title", entry.title),
                ("provider", entry.provider),
                ("hours or units", entry.hours is not None or entry.units is not None),
            )
            if not value
        ]
        if missing:
            counted = False
            reasons.append(
                f"Missing {', '.join(missing)}, which the evidence must show (§207.13.B)."
            )
        if hours <= 0 and not missing:
            counted = False
            reasons.append("No direct-instruction hours (App. C 4.A).")
        key = (normalized(entry.title), normalized(entry.provider))
        if counted and key in seen:
            counted = False
            compared_with = seen[key]
            reasons.append(
                f"The same course as “{compared_with.title}” completed on {compared_with.completed_on.isoformat()}, already claimed in this period; a course counts once per period (App. C 1.A)."
            )
        elif counted:
            for (other_title, other_provider), other in seen.items():
                ratio = difflib.SequenceMatcher(None, key[0], other_title).ratio()
                if ratio >= NEAR_DUPLICATE_RATIO and other_provider == key[1]:
                    compared_with = other
                    reasons.append(
                        f"Looks like “{other.title}” from the same provider, completed on {other.completed_on.isoformat()}; if it is the same course it counts once (App. C 1.A)."
                    )
                    findings.append(
                        Finding(
                            "warning",
                            "CE_NEAR_DUPLICATE",
                            "App. C 1.A",
                            f"“{entry.title}” looks like “{other.title}”.",
                            entry.line,
                        )
                    )
                    break
            seen[key] = entry
        if counted and not entry.evidence:
            reasons.append(
                "Counts, but keep a certificate, agenda or transcript as evidence (App. C 6)."
            )
            findings.append(
                Finding(
                    "warning",
                    "CE_EVIDENCE_MISSING",
                    "App. C 6.B",
                    f"“{entry.title}” has no evidence file listed.",
                    entry.line,
                )
            )
        if entry.law_ethics and not entry.law_ethics_topics:
            reasons.append("Marked law and ethics without a topic of App. C 3.C.")
        results.append(
            EntryResult(
                entry, hours, counted, reasons, compared_with.line if compared_with else None
            )
        )

    total = sum(r.hours for r in results if r.counted)
    law_ethics = sum(r.hours for r in results if r.counted and r.entry.law_ethics)
    opens, closes = renewal_window(expires_on, policy)
    compliant = total >= required and law_ethics >= required_le
    if total < required:
        findings.append(
            Finding(
                "error",
                "CE_HOURS_SHORT",
                policy.cite("ce.hours"),
                f"{total:g} of {required:g} CE hours counted in this period; {required - total:g} more needed before {expires_on.isoformat()}.",
            )
        )
    if law_ethics < required_le:
        findings.append(
            Finding(
                "error",
                "CE_LAW_ETHICS_SHORT",
                policy.cite("ce.law_ethics_hours"),
                f"{law_ethics:g} of {required_le:g} law-and-ethics hours counted; {required_le - law_ethics:g} more needed.",
            )
        )
    renewal = renewal_status(status, today, expires_on, policy)
    if renewal["code"] != "CE_RENEWAL_OK":
        findings.append(
            Finding(
                "warning" if renewal["code"] == "CE_WINDOW_NOT_OPEN" else "error",
                renewal["code"],
                renewal["citation"],
                renewal["message"],
            )
        )
    return {
        "period": {"start": start.isoformat(), "end": (end - timedelta(days=1)).isoformat()},
        "total_hours": round(total, 2),
        "law_ethics_hours": round(law_ethics, 2),
        "required_hours": required,
        "required_law_ethics_hours": required_le,
        "compliant": compliant,
        "expires_on": expires_on.isoformat(),
        "renewal_window": {"opens": opens.isoformat(), "closes": closes.isoformat()},
        "renewal": renewal,
        "entries": [
            {
                "title": r.entry.title,
                "hours": round(r.hours, 2),
                "counted": r.counted,
                "reasons": r.reasons,
                "line": r.entry.line,
                "compared_with_line": r.compared_with_line,
            }
            for r in results
        ],
        "findings": [
            {
                "severity": f.severity,
                "code": f.code,
                "citation": f.citation,
                "message": f.message,
                "line": f.line,
            }
            for f in findings
        ],
    }


def renewal_status(status: str, today: date, expires_on: date, policy: Policy) -> dict[str, Any]:
    """Whether the certification can renew today, and if not what follows (§207.7, §802.1.B, §209)."""
    opens, closes = renewal_window(expires_on, policy)
    if status in ("suspended", "revoked"):
        return {
            "code": "CE_CANNOT_RENEW",
            "citation": "§802.1.B",
            "message": f"A {status} certification cannot be renewed.",
        }
    if status == "expired" or today > closes:
        return lapse_outcome(expires_on, today, policy)
    if today < opens:
        return {
            "code": "CE_WINDOW_NOT_OPEN",
            "citation": policy.cite("renewal.window_days"),
            "message": f"The renewal window opens on {opens.isoformat()}, {int(policy.value('renewal.window_days'))} days before expiration.",
        }
    return {
        "code": "CE_RENEWAL_OK",
        "citation": policy.cite("renewal.window_days"),
        "message": f"The renewal window is open until {closes.isoformat()}.",
    }


def can_renew(status: str, today: date, expires_on: date, policy: Policy) -> bool:
    """True only while an active certification's renewal window is open (§207.7, §802.1.B)."""
    return renewal_status(status, today, expires_on, policy)["code"] == "CE_RENEWAL_OK"


def lapse_outcome(expires_on: date, today: date, policy: Policy) -> dict[str, Any]:
    """After expiration: reinstatement under four years, initial certification from four years (§209)."""
    years = int(policy.value("reinstatement.lapse_years"))
    if today < add_years(expires_on, years):
        hours = int(policy.value("reinstatement.refresher_hours"))
        return {
            "code": "CE_REINSTATEMENT",
            "citation": "§209.1–2",
            "message": f"The certification lapsed on {expires_on.isoformat()}: reinstatement needs a {hours}-hour refresher training, the signed code of ethics and a passed exam.",
        }
    return {
        "code": "CE_INITIAL_CERTIFICATION",
        "citation": "§209.3",
        "message": f"The certification lapsed {years} or more years ago: apply for initial certification.",
    }


def draw_sample(
    population: list[int], seed: int, *, count: int | None = None, percent: float | None = None
) -> list[int]:
    """A reproducible random sample of ``population`` (ids) by count or percentage (rounded up)."""
    import math
    import random

    ordered = sorted(population)
    if percent is not None:
        count = math.ceil(len(ordered) * percent / 100)
    size = max(0, min(int(count or 0), len(ordered)))
    return sorted(random.Random(seed).sample(ordered, size))
