"""Continuing-education rules for a certified peer's record (pure: dates, hours, reasons).

All numbers come from app.policy: 20 hours per two-year period with 6 of law and ethics
(§207.3), 3 units = 12 hours (App. C 4.B), the renewal window of 90 days (§207.7), the
four-year lapse rule (§209). Dates are calendar dates.
"""

from __future__ import annotations

import difflib
import math
import re
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, fields
from datetime import date, timedelta
from enum import StrEnum
from typing import Any

from app.certification import CertificationStatus as CertificationStatus  # read from here too
from app.dates import add_years
from app.findings import Finding
from app.messages import Message, joined, term
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


STATUSES = tuple(s.value for s in CertificationStatus)


class ProofDecision(StrEnum):
    """A reviewer's verdict on the proof of one entry in a records review."""

    ACCEPTED = "accepted"
    REJECTED = "rejected"


class AuditOutcome(StrEnum):
    """How a peer's records review ends (§207.14, §802.4)."""

    COMPLIANT = "compliant"
    NOT_COMPLIANT = "not_compliant"
    REFERRED = "referred"


AUDIT_OUTCOME_LABELS = {
    AuditOutcome.COMPLIANT: "Compliant",
    AuditOutcome.NOT_COMPLIANT: "Not compliant",
    AuditOutcome.REFERRED: "Referred for investigation",
}


class DrawMethod(StrEnum):
    """How a records review is drawn: a number of peers, or a percentage of them."""

    COUNT = "count"
    PERCENT = "percent"


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
    # Why the provider's report behind this entry was withdrawn (a dispute upheld, or the
    # provider's own withdrawal); None: the entry stands. Kept on the record, never counted.
    withdrawn: str | None = None
    withdrawn_on: date | None = None  # the day it was withdrawn, when known

    @property
    def completed_on(self) -> date:
        """The day the course was completed: it belongs to the period of that day."""
        return self.end_date or self.start_date


# The fields of an entry, in the order of the CSV columns, the form and the JSON API.
ENTRY_FIELDS = tuple(
    f.name for f in fields(CEEntry) if f.name not in ("line", "withdrawn", "withdrawn_on")
)


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
    """What the rules say of one entry: its hours, whether it counts, and why (or why not)."""

    entry: CEEntry
    hours: float
    counted: bool = True
    reasons: list[str] = field(default_factory=list)
    # The line of the entry a reason compares this one with (a repeated course): data for the CLI,
    # kept out of the wording, which peers read on the web where lines mean nothing.
    compared_with_line: int | None = None

    def refuse(self, reason: str) -> None:
        """The entry does not count, for ``reason``."""
        self.counted = False
        self.reasons.append(reason)


@dataclass
class Period:
    """The certification period being summarized, and what the entry rules remember across entries."""

    start: date
    end: date  # exclusive: the expiration date
    policy: Policy
    seen: dict[tuple[str, str], CEEntry] = field(default_factory=dict)  # counted courses by key

    @property
    def last_day(self) -> date:
        return self.end - timedelta(days=1)


# Entry rules: each looks at one entry (after the rules before it), may refuse it or add a
# reason, and returns its findings. They run in the order of ENTRY_RULES.
EntryRule = Callable[[EntryResult, Period], list[Finding]]


def not_withdrawn(result: EntryResult, period: Period) -> list[Finding]:
    """A reported entry whose report was withdrawn after the peer's dispute is kept, not counted:
    nothing stands any more as evidence of its hours (§207.13.B)."""
    if result.entry.withdrawn is not None:
        reason = result.entry.withdrawn.strip()
        result.refuse(
            "Withdrawn after the peer's dispute"
            + (f": {reason.rstrip('.')}" if reason else "")
            + f"; it no longer counts ({period.policy.cite('ce.evidence_fields')})."
        )
    return []


def completed_in_period(result: EntryResult, period: Period) -> list[Finding]:
    """A course counts in the period in which it was completed (§207.3)."""
    on = result.entry.completed_on
    if not period.start <= on < period.end:
        result.refuse(
            Message(
                "Completed on %(date)s, outside the period %(start)s to %(end)s (%(citation)s).",
                date=on,
                start=period.start,
                end=period.last_day,
                citation=period.policy.cite("ce.hours"),
            )
        )
    return []


def accepted_source(result: EntryResult, period: Period) -> list[Finding]:
    """Only the sources of App. C 5.B count for renewal."""
    if result.entry.source not in ACCEPTED_SOURCES:
        result.refuse(
            Message(
                "Not from a source accepted for renewal (%(citation)s).",
                citation=period.policy.cite("ce.accepted_sources"),
            )
        )
    return []


def _missing_fields(entry: CEEntry) -> list[str]:
    present = {
        Message("title"): entry.title,
        Message("provider"): entry.provider,
        Message("hours or units"): entry.hours is not None or entry.units is not None,
    }
    return [name for name, value in present.items() if not value]


def evidence_fields_present(result: EntryResult, period: Period) -> list[Finding]:
    """Title, provider and hours are what the evidence must show (§207.13.B)."""
    missing = _missing_fields(result.entry)
    if missing:
        result.refuse(
            Message(
                "Missing %(fields)s, which the evidence must show (%(citation)s).",
                fields=joined(missing),
                citation=period.policy.cite("ce.evidence_fields"),
            )
        )
    return []


def direct_instruction_hours(result: EntryResult, period: Period) -> list[Finding]:
    """An entry with its fields but no hours of direct instruction does not count (App. C 4.A)."""
    if result.hours <= 0 and not _missing_fields(result.entry):
        result.refuse(
            Message(
                "No direct-instruction hours (%(citation)s).",
                citation=period.policy.cite("hours.direct_instruction"),
            )
        )
    return []


def counted_once(result: EntryResult, period: Period) -> list[Finding]:
    """A course counts once per period (App. C 1.A); a near match is pointed out."""
    if not result.counted:
        return []
    entry, citation = result.entry, period.policy.cite("ce.non_repetitive")
    key = (normalized(entry.title), normalized(entry.provider))
    if key in period.seen:
        same = period.seen[key]
        result.compared_with_line = same.line
        result.refuse(
            Message(
                "The same course as “%(title)s” completed on %(date)s, already claimed in this "
                "period; a course counts once per period (%(citation)s).",
                title=same.title,
                date=same.completed_on,
                citation=citation,
            )
        )
        return []
    findings = []
    other = _near_duplicate(key, period.seen)
    if other is not None:
        result.compared_with_line = other.line
        result.reasons.append(
            Message(
                "Looks like “%(title)s” from the same provider, completed on %(date)s; if it is "
                "the same course it counts once (%(citation)s).",
                title=other.title,
                date=other.completed_on,
                citation=citation,
            )
        )
        findings.append(
            Finding(
                "warning",
                "CE_NEAR_DUPLICATE",
                citation,
                Message(
                    "“%(title)s” looks like “%(other)s”.", title=entry.title, other=other.title
                ),
                entry.line,
            )
        )
    period.seen[key] = entry
    return findings


def _near_duplicate(key: tuple[str, str], seen: dict[tuple[str, str], CEEntry]) -> CEEntry | None:
    for (other_title, other_provider), other in seen.items():
        ratio = difflib.SequenceMatcher(None, key[0], other_title).ratio()
        if ratio >= NEAR_DUPLICATE_RATIO and other_provider == key[1]:
            return other
    return None


def evidence_kept(result: EntryResult, period: Period) -> list[Finding]:
    """A counted course without a certificate, agenda or transcript listed is a warning (App. C 6.B)."""
    if not result.counted or result.entry.evidence:
        return []
    citation = period.policy.cite("ce.evidence_kept")
    result.reasons.append(
        Message(
            "Counts, but keep a certificate, agenda or transcript as evidence (%(citation)s).",
            citation=citation,
        )
    )
    return [
        Finding(
            "warning",
            "CE_EVIDENCE_MISSING",
            citation,
            Message("“%(title)s” has no evidence file listed.", title=result.entry.title),
            result.entry.line,
        )
    ]


def law_ethics_topic_named(result: EntryResult, period: Period) -> list[Finding]:
    """Law and ethics names a topic of App. C 3.C; without one the hours count toward the total
    only, not toward the law-and-ethics hours."""
    if result.entry.law_ethics and not result.entry.law_ethics_topics:
        result.reasons.append(
            Message(
                "Marked law and ethics without a topic of %(citation)s: counts toward the total "
                "hours, not toward law and ethics.",
                citation=period.policy.cite("ce.law_ethics_topics"),
            )
        )
    return []


def counts_as_law_ethics(entry: CEEntry) -> bool:
    """Law and ethics hours need the course marked so and a topic of App. C 3.C named."""
    return entry.law_ethics and bool(entry.law_ethics_topics)


def days_of(entry: CEEntry) -> int:
    """The calendar days a course spans (one when it has no last day)."""
    if entry.end_date is None or entry.end_date < entry.start_date:
        return 1
    return (entry.end_date - entry.start_date).days + 1


def implausible_hours(entry: CEEntry, policy: Policy) -> Message | None:
    """Why the hours claimed cannot fit the course's days, or None when they can."""
    cap = float(policy.value("ce.max_hours_per_day"))
    days = days_of(entry)
    claimed = entry_hours(entry, policy)
    if claimed <= cap * days:
        return None
    values = {"hours": claimed, "cap": cap, "citation": policy.cite("ce.max_hours_per_day")}
    if days == 1:
        return Message(
            "%(hours)s hours in one day is more than the days hold (at most %(cap)s a day, "
            "%(citation)s): check the hours or give the last day",
            **values,
        )
    return Message(
        "%(hours)s hours in %(days)s days is more than the days hold (at most %(cap)s a day, "
        "%(citation)s): check the hours or give the last day",
        days=days,
        **values,
    )


def as_sentence(problem: Message) -> Message:
    """A problem such as ``implausible_hours`` gives, as a sentence of its own."""
    return Message("%(problem)s.", problem=problem)


def hours_fit_the_days(result: EntryResult, period: Period) -> list[Finding]:
    """An entry claiming more hours than its days hold does not count (imports included)."""
    problem = implausible_hours(result.entry, period.policy)
    if problem and result.counted:
        result.refuse(as_sentence(problem))
    return []


ENTRY_RULES: tuple[EntryRule, ...] = (
    not_withdrawn,
    completed_in_period,
    accepted_source,
    evidence_fields_present,
    direct_instruction_hours,
    hours_fit_the_days,
    counted_once,
    evidence_kept,
    law_ethics_topic_named,
)


@dataclass(frozen=True)
class Totals:
    """The counted hours of a period against what the policy requires."""

    hours: float
    law_ethics_hours: float
    required: float
    required_law_ethics: float
    expires_on: date
    renewal: dict[str, Any]


# Record rules: each looks at the period's totals and returns its findings, in this order.
RecordRule = Callable[[Totals, Policy], list[Finding]]


def enough_hours(totals: Totals, policy: Policy) -> list[Finding]:
    """20 CE hours in the period (§207.3)."""
    if totals.hours >= totals.required:
        return []
    message = Message(
        "%(counted)s of %(required)s CE hours counted in this period; %(more)s more needed "
        "before %(date)s.",
        counted=totals.hours,
        required=totals.required,
        more=totals.required - totals.hours,
        date=totals.expires_on,
    )
    return [Finding("error", "CE_HOURS_SHORT", policy.cite("ce.hours"), message)]


def enough_law_ethics_hours(totals: Totals, policy: Policy) -> list[Finding]:
    """6 of them law and ethics (§207.3; App. C 3.B)."""
    counted, required = totals.law_ethics_hours, totals.required_law_ethics
    if counted >= required:
        return []
    message = Message(
        "%(counted)s of %(required)s law-and-ethics hours counted; %(more)s more needed.",
        counted=counted,
        required=required,
        more=required - counted,
    )
    return [Finding("error", "CE_LAW_ETHICS_SHORT", policy.cite("ce.law_ethics_hours"), message)]


def renewal_possible(totals: Totals, policy: Policy) -> list[Finding]:
    """The renewal window and the certification's standing (§207.7, §802.1.B, §209)."""
    renewal = totals.renewal
    if renewal["code"] == "CE_RENEWAL_OK":
        return []
    severity = "warning" if renewal["code"] == "CE_WINDOW_NOT_OPEN" else "error"
    return [Finding(severity, renewal["code"], renewal["citation"], renewal["message"])]


RECORD_RULES: tuple[RecordRule, ...] = (enough_hours, enough_law_ethics_hours, renewal_possible)


def summary_period(issued_on: date, today: date, policy: Policy, status: str) -> tuple[date, date]:
    """The period containing ``today``; for an expired certification, the one it lapsed at."""
    start, end = period_for(issued_on, today, policy)
    if status == CertificationStatus.EXPIRED and start > issued_on:
        start, end = period_for(issued_on, start - timedelta(days=1), policy)
    return start, end


def summarize(
    entries: list[CEEntry],
    *,
    issued_on: date,
    today: date,
    policy: Policy,
    status: str = CertificationStatus.ACTIVE,
) -> dict[str, Any]:
    """The period containing ``today``: counted hours, law-and-ethics hours, reasons, window, findings.

    Every entry goes through ENTRY_RULES in order (oldest first), then the totals through
    RECORD_RULES.
    """
    period = Period(*summary_period(issued_on, today, policy, status), policy)
    findings: list[Finding] = []
    results: list[EntryResult] = []
    for entry in sorted(entries, key=lambda e: (e.completed_on, e.line or 0)):
        result = EntryResult(entry, entry_hours(entry, policy))
        for rule in ENTRY_RULES:
            findings.extend(rule(result, period))
        results.append(result)
    totals = Totals(
        hours=sum(r.hours for r in results if r.counted),
        law_ethics_hours=sum(
            r.hours for r in results if r.counted and counts_as_law_ethics(r.entry)
        ),
        required=float(policy.value("ce.hours")),
        required_law_ethics=float(policy.value("ce.law_ethics_hours")),
        expires_on=period.end,
        renewal=renewal_status(status, today, period.end, policy),
    )
    for rule in RECORD_RULES:
        findings.extend(rule(totals, policy))
    return _summary(period, totals, results, findings)


def _summary(
    period: Period, totals: Totals, results: list[EntryResult], findings: list[Finding]
) -> dict[str, Any]:
    opens, closes = renewal_window(period.end, period.policy)
    return {
        "period": {"start": period.start.isoformat(), "end": period.last_day.isoformat()},
        "total_hours": round(totals.hours, 2),
        "law_ethics_hours": round(totals.law_ethics_hours, 2),
        "required_hours": totals.required,
        "required_law_ethics_hours": totals.required_law_ethics,
        "compliant": totals.hours >= totals.required
        and totals.law_ethics_hours >= totals.required_law_ethics,
        "expires_on": period.end.isoformat(),
        "renewal_window": {"opens": opens.isoformat(), "closes": closes.isoformat()},
        "renewal": totals.renewal,
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
        "findings": [asdict(f) for f in findings],
    }


def renewal_status(status: str, today: date, expires_on: date, policy: Policy) -> dict[str, Any]:
    """Whether the certification can renew today, and if not what follows (§207.7, §802.1.B, §209)."""
    opens, closes = renewal_window(expires_on, policy)
    if status in (CertificationStatus.SUSPENDED, CertificationStatus.REVOKED):
        return {
            "code": "CE_CANNOT_RENEW",
            "citation": policy.cite("renewal.good_standing"),
            "message": Message(
                "A %(status)s certification cannot be renewed.", status=term(str(status))
            ),
        }
    if status == CertificationStatus.EXPIRED or today > closes:
        return lapse_outcome(expires_on, today, policy)
    if today < opens:
        return {
            "code": "CE_WINDOW_NOT_OPEN",
            "citation": policy.cite("renewal.window_days"),
            "message": Message(
                "The renewal window opens on %(date)s, %(days)s days before expiration.",
                date=opens,
                days=int(policy.value("renewal.window_days")),
            ),
        }
    return {
        "code": "CE_RENEWAL_OK",
        "citation": policy.cite("renewal.window_days"),
        "message": Message("The renewal window is open until %(date)s.", date=closes),
    }


def lapse_outcome(expires_on: date, today: date, policy: Policy) -> dict[str, Any]:
    """After expiration: reinstatement under four years, initial certification from four years (§209)."""
    years = int(policy.value("reinstatement.lapse_years"))
    if today < add_years(expires_on, years):
        hours = int(policy.value("reinstatement.refresher_hours"))
        return {
            "code": "CE_REINSTATEMENT",
            "citation": policy.cite("reinstatement.requirements"),
            "message": Message(
                "The certification lapsed on %(date)s: reinstatement needs a %(hours)s-hour "
                "refresher training, the signed code of ethics and a passed exam.",
                date=expires_on,
                hours=hours,
            ),
        }
    return {
        "code": "CE_INITIAL_CERTIFICATION",
        "citation": policy.cite("reinstatement.initial_certification"),
        "message": Message(
            "The certification lapsed %(years)s or more years ago: apply for initial "
            "certification.",
            years=years,
        ),
    }


def draw_sample(
    population: list[int],
    seed: int,
    *,
    count: int | None = None,
    percent: float | None = None,
    first: list[int] | tuple[int, ...] = (),
) -> list[int]:
    """A reproducible random sample of ``population`` (ids) by count or percentage (rounded up);
    the ids in ``first`` (renewals attested with a shortfall) take the first places."""

    ordered = sorted(population)
    size = draw_size(len(ordered), count=count, percent=percent)
    flagged = sorted(set(first) & set(ordered))[:size]
    taken = set(flagged)
    rest = sorted((p for p in ordered if p not in taken), key=lambda p: (draw_rank(seed, p), p))
    return sorted(flagged + rest[: size - len(flagged)])


def draw_size(population: int, *, count: int | None = None, percent: float | None = None) -> int:
    """How many peers a draw takes from a population of this size: a count, or a percentage
    rounded up, never more than the population."""
    if percent is not None:
        count = math.ceil(population * percent / 100)
    return max(0, min(int(count or 0), population))


# The draw's order: a keyed hash of each id, in 64-bit integer arithmetic that SQLite and
# PostgreSQL compute exactly as Python does (app.ce.draw_sql orders by the same expression),
# so the database samples and anyone can redo the draw from its seed and population.
DRAW_PRIME = 2_147_483_647  # 2**31 - 1: every product below stays under 2**62
DRAW_MULTIPLIERS = (48_271, 16_807)


def draw_rank(seed: int, profile_id: int) -> int:
    """The place of ``profile_id`` in the draw keyed by ``seed`` (smallest drawn first)."""
    key = seed % DRAW_PRIME
    h = (profile_id % DRAW_PRIME * DRAW_MULTIPLIERS[0] + key) % DRAW_PRIME
    h = (h * h + key) % DRAW_PRIME
    return (h * DRAW_MULTIPLIERS[1] + profile_id) % DRAW_PRIME


def _fits_part(part, entry: CEEntry, policy: Policy) -> bool:
    """Whether a course counts toward one part of a sanction's CE."""
    if part.kind in ("any", "single_course"):
        return True
    if part.kind == "law_ethics":
        return counts_as_law_ethics(entry)
    title = normalized(entry.title)
    if any(word in title for word in part.words):
        return True
    return "ethic" in part.words and entry.law_ethics


def sanction_progress(
    entries: list[CEEntry], sanctions: list[tuple[Any, date]], policy: Policy
) -> list[dict[str, Any]]:
    """CE a sanction requires (App. F), counted from accepted courses completed since it was
    imposed; a course counts toward one part only (the first it fits)."""
    results = []
    for sanction, since in sanctions:
        eligible = [
            e
            for e in entries
            if e.completed_on >= since and e.source in ACCEPTED_SOURCES and e.withdrawn is None
        ]
        used: set[int] = set()
        parts = []
        for part in sanction.parts:
            fits = [
                (i, entry_hours(e, policy))
                for i, e in enumerate(eligible)
                if i not in used and _fits_part(part, e, policy)
            ]
            if part.kind == "single_course":
                best = max(fits, key=lambda f: f[1], default=(None, 0.0))
                counted = best[1]
                if best[0] is not None and counted >= part.hours:
                    used.add(best[0])
            else:
                counted = sum(h for _, h in fits)
                used.update(i for i, _ in fits)
            parts.append(
                {
                    "label": part.label,
                    "required": part.hours,
                    "counted": counted,
                    "met": counted >= part.hours,
                }
            )
        results.append(
            {
                "code": sanction.code,
                "citation": sanction.citation,
                "text": sanction.text,
                "since": since.isoformat(),
                "parts": parts,
                "met": all(p["met"] for p in parts),
            }
        )
    return results


def reciprocity(entries: list[CEEntry], applied_on: date, policy: Policy) -> dict[str, Any]:
    """A reciprocity applicant's CE: 20 hours, 6 of law and ethics, completed in the two years
    before applying (§204.1.E), from accepted sources, each course once."""
    start = add_years(applied_on, -int(policy.value("cert.period_years")))
    counted: dict[tuple[str, str], CEEntry] = {}
    for e in entries:
        if (
            start <= e.completed_on < applied_on
            and e.source in ACCEPTED_SOURCES
            and e.withdrawn is None
        ):
            counted.setdefault((normalized(e.title), normalized(e.provider)), e)
    hours = sum(entry_hours(e, policy) for e in counted.values())
    law_ethics = sum(entry_hours(e, policy) for e in counted.values() if counts_as_law_ethics(e))
    required = float(policy.value("reciprocity.ce_hours"))
    required_le = float(policy.value("ce.law_ethics_hours"))
    return {
        "window": {"start": start.isoformat(), "end": (applied_on - timedelta(days=1)).isoformat()},
        "total_hours": hours,
        "law_ethics_hours": law_ethics,
        "required_hours": required,
        "required_law_ethics_hours": required_le,
        "met": hours >= required and law_ethics >= required_le,
        "citation": policy.cite("reciprocity.ce_hours"),
        "lines": sorted(e.line for e in counted.values() if e.line is not None),
    }


def keep_until(
    completed_on: date, renewals: list[tuple[date, date]], policy: Policy
) -> date | None:
    """The day a course's records may go: two years after the renewal application of the period
    it counted in (§207.13.A). ``renewals`` are (previous expiration, day applied); None while
    no renewal covers the course yet."""
    covering = sorted((expired, applied) for expired, applied in renewals if completed_on < expired)
    if not covering:
        return None
    return add_years(covering[0][1], int(policy.value("records.retention_years")))
