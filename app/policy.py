"""Every number the rules enforce, each with the place in the Guidelines it comes from.

Pure data: no Flask, no database. Services and reports read numbers only from here, so a
reviewer can trace each verdict to its citation. Values the Guidelines leave open are marked
``stated=False`` and can be overridden (e.g. by an administrator) with ``Policy.with_overrides``.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

GUIDELINES = (
    "Guidelines, Standards & Procedures, Medi-Cal Peer Support Specialist Certification (2024)"
)
PROVIDER_PAGE = "CalMHSA training-provider application page"


@dataclass(frozen=True)
class Rule:
    """One enforced number or setting with its citation."""

    key: str
    value: Any
    citation: str
    text: str
    stated: bool = True  # False: the Guidelines state no number; the value is a setting


@dataclass(frozen=True)
class Program:
    """A kind of training a provider submits, with what it must cover and for how long."""

    id: str
    title: str
    framework: str | None  # competency framework it must cover (None: CE, no fixed set)
    hours_rule: str | None  # key of the Rule giving the required direct-instruction hours
    coverage_citation: str
    requires_core_certification: bool = False


_RULES: tuple[Rule, ...] = (
    # Training programs (RULES.md §2)
    Rule(
        "hours.core",
        80,
        "§202.1.G",
        "Core competency training is 80 hours covering all 17 core competencies.",
    ),
    Rule(
        "hours.refresher",
        40,
        "§209.2.A",
        "Refresher training is 40 hours covering areas of the core competencies.",
    ),
    Rule(
        "hours.specialization",
        40,
        f"§212; {PROVIDER_PAGE}",
        "Specialization training hours vary by specialization (§212); the provider-application "
        "page lists 40 hours for each specialization.",
        stated=False,
    ),
    Rule(
        "hours.per_competency_warning",
        1.0,
        "§202.1.G",
        "The Guidelines set no minimum hours per competency; thin coverage is a warning at a configurable threshold.",
        stated=False,
    ),
    Rule(
        "hours.break_excluded",
        True,
        "App. C 4.C",
        "Breaks are not direct instruction and must not be counted.",
    ),
    Rule(
        "hours.direct_instruction", 1, "App. C 4.A", "One hour of direct instruction is one hour."
    ),
    Rule(
        "coverage.core_all",
        17,
        "§202.1.G",
        "Core training covers all 17 core competencies (App. A).",
    ),
    Rule(
        "coverage.specialization_all",
        True,
        "§212; CC",
        "A specialization training must cover all competency areas of its specialization.",
    ),
    Rule(
        "specialization.prerequisite",
        "core",
        "§212; CC",
        "Specialization trainings build on the core; they are not endorsed as stand-alone training.",
    ),
    Rule(
        "rubric.assessment",
        True,
        "§301.2",
        "A complete application includes the training materials; the Guidelines name no assessment method, so a competency with none stated is a warning.",
        stated=False,
    ),
    Rule(
        "suggest.unsupported_max_score",
        0.15,
        "§202.1.G",
        "A declared competency whose module text scores below this against the competency's statements is flagged as unsupported (a setting of the checker).",
        stated=False,
    ),
    Rule(
        "suggest.unclaimed_min_score",
        0.6,
        "§202.1.G",
        "Text that matches an unclaimed competency at or above this score is pointed out (a setting of the checker).",
        stated=False,
    ),
    Rule(
        "suggest.infer_min_score",
        0.35,
        "§202.1.G",
        "In an untagged syllabus, a module is taken to cover its best-matching competency at or above this score (inferred, a setting of the checker).",
        stated=False,
    ),
    Rule(
        "suggest.part_min_score",
        0.6,
        "§202.1.G",
        "A module is credited with a competency when one of its parts (title, bullet or sentence) matches it at or above this score, or names it (a setting of the checker).",
        stated=False,
    ),
    Rule(
        "suggest.part_margin",
        0.25,
        "§202.1.G",
        "A part's best match must lead the next competency by this much to count as evidence (a setting of the checker).",
        stated=False,
    ),
    Rule(
        "suggest.assign_min_score",
        0.6,
        "§212; CC",
        "A competency no session is credited with goes to a session whose competencies other sessions also teach, when it is that session's best or next best match at or above this score (a setting of the checker).",
        stated=False,
    ),
    Rule(
        "suggest.doubt_min_score",
        0.3,
        "§202.1.G",
        "A competency no session is credited with is asked about, on the session whose words match it best, when that match scores at or above this; the verdict waits for the answer when it depends on it (a setting of the checker).",
        stated=False,
    ),
    Rule(
        "training.validity_years",
        2,
        "§202.1.G",
        "A core training completion is valid for two years.",
    ),
    # Provider application and approval
    Rule(
        "fee.provider_application",
        300,
        "§601",
        "Training-provider application fee, per application type.",
    ),
    Rule("fee.provider_renewal", 300, "§601", "Training-provider renewal fee."),
    Rule(
        "review.days",
        90,
        "§803.3",
        "The applicant is notified within 90 days of a complete application.",
    ),
    Rule("approval.years", 2, "§803.4", "Approval is valid two years from the approval date."),
    Rule(
        "change.notice_days",
        60,
        "§803.5",
        "Substantive changes to an approved curriculum are submitted 60 days before intended use.",
    ),
    Rule("appeal.days", 14, "§702.1.D", "A denial may be appealed within 14 days of the decision."),
    Rule("appeal.final", True, "§702.3.A", "The decision after appeal is final."),
    Rule(
        "approval.expiry_warning_days",
        90,
        "§803.4",
        "Providers are reminded of approvals expiring within 90 days.",
        stated=False,
    ),
    Rule(
        "review.deadline_warning_days",
        14,
        "§803.3",
        "Reviewers are warned of submissions due within 14 days.",
        stated=False,
    ),
    # Certification life cycle and CE (RULES.md §3–4)
    Rule(
        "cert.period_years",
        2,
        "§207.1",
        "Certification is renewed every two years from the date of issue.",
    ),
    Rule(
        "ce.hours",
        20,
        "§207.3",
        "20 hours of continuing education in each two-year certification period.",
    ),
    Rule(
        "ce.law_ethics_hours", 6, "§207.3; App. C 3.B", "6 of the 20 CE hours are law and ethics."
    ),
    Rule(
        "ce.max_hours_per_day",
        24,
        "App. C 4.A; project rule",
        "One hour of direct instruction is one CE hour, so a course cannot claim more hours than "
        "its days hold: 24 a day (a project rule; the Guidelines state no daily cap).",
    ),
    Rule(
        "ce.units_to_hours", 4, "App. C 4.B", "3 academic units = 12 hours, so one unit is 4 hours."
    ),
    Rule(
        "ce.non_repetitive",
        True,
        "App. C 1.A",
        "The same course cannot be claimed twice in one certification period.",
    ),
    Rule(
        "ce.accepted_sources",
        True,
        "App. C 5.B",
        "CE counts for renewal only from the accepted sources (CalMHSA-approved providers, county "
        "behavioral health, accredited schools, certification and licensing boards).",
    ),
    Rule(
        "ce.evidence_fields",
        True,
        "§207.13.B",
        "Evidence of a course shows the legal name, title, dates, sponsor and direct-instruction hours.",
    ),
    Rule(
        "ce.evidence_kept",
        True,
        "App. C 6.B",
        "A certificate, agenda or transcript is kept for each course.",
    ),
    Rule(
        "ce.law_ethics_topics",
        17,
        "App. C 3.C",
        "Law and ethics CE covers one or more of the 17 topics listed.",
    ),
    Rule(
        "cert.number_format",
        "MPSS",
        "§213.6",
        "A certification number is MPSS followed by digits.",
    ),
    Rule(
        "renewal.good_standing",
        True,
        "§802.1.B",
        "Only current, valid certifications in good standing renew; suspended and revoked ones do not.",
    ),
    Rule(
        "renewal.window_days",
        90,
        "§207.7",
        "Renewal may be submitted up to 90 days before expiration, no earlier.",
    ),
    Rule(
        "reinstatement.lapse_years",
        4,
        "§209.1–3",
        "A lapse under four years leads to reinstatement; four or more to initial certification.",
    ),
    Rule(
        "reinstatement.requirements",
        True,
        "§209.1–2",
        "Reinstatement after a lapse under four years needs a refresher, the code of ethics and the exam.",
    ),
    Rule(
        "reinstatement.initial_certification",
        True,
        "§209.3",
        "A lapse of four years or more needs initial certification again.",
    ),
    Rule(
        "reinstatement.refresher_hours",
        40,
        "§209.2.A",
        "Reinstatement requires a 40-hour refresher training.",
    ),
    Rule(
        "audit.response_days",
        10,
        "§207.12; §802.4",
        "A peer selected for CE audit submits proof within 10 days.",
    ),
    Rule(
        "records.retention_years",
        2,
        "§207.13.A",
        "CE records are kept two years from the renewal application.",
    ),
    Rule("fee.peer_renewal", 80, "§601", "Certification renewal fee."),
    Rule(
        "renewal.reminder_second_days",
        30,
        "§802.1",
        "Days before expiration of the second renewal reminder (the first goes when the window opens).",
        stated=False,
    ),
    Rule(
        "renewal.reminder_last_days",
        7,
        "§802.1",
        "Days before expiration of the last renewal reminder.",
        stated=False,
    ),
    Rule(
        "renewal.attestation",
        True,
        "§207.9–10",
        "A renewal attests the CE hours were completed and includes the signed code of ethics.",
    ),
    Rule(
        "reciprocity.ce_hours",
        20,
        "§204.1.E",
        "Reciprocity applicants show 20 hours of CE in the two years before applying, 6 of law and ethics.",
    ),
    Rule(
        "registry.update_hours",
        72,
        "§805.2–3",
        "The registry is updated within 72 hours of a change in a certification's status.",
    ),
    Rule(
        "registry.fields",
        "legal name, certification number, active date, expiration date, status, actions",
        "§500.2",
        "What the public registry shows of a certification.",
    ),
    Rule(
        "registry.claim_days",
        14,
        "§500.2",
        "Days a code sent to claim a registry record stays valid.",
        stated=False,
    ),
    # Complaints, appeals and the provider's standing (§805–807)
    Rule(
        "complaint.investigation_days",
        90,
        "§805.6; §806.2",
        "Investigations of complaints and reviews of appeals are completed within 90 calendar days of receipt.",
    ),
    Rule(
        "complaint.extension_days",
        30,
        "§805.7.A",
        "The investigation or review may be extended by up to 30 calendar days.",
    ),
    Rule(
        "complaint.extension_notice_days",
        5,
        "§805.7.B",
        "The person who complained or appealed is told of an extension in writing at least five calendar days before the 90 days run out.",
    ),
    Rule(
        "complaint.acknowledge_business_days",
        5,
        "§805.5",
        "Receipt of a complaint or appeal is acknowledged within five business days.",
    ),
    Rule(
        "standing.review_days",
        60,
        "§806.5.A",
        "A request to return to good standing is reviewed within 60 calendar days of its receipt.",
    ),
    Rule(
        "inbox.late_change_days",
        30,
        "§805.2–3",
        "A reviewer's home page lists the registry changes recorded late in the last 30 days.",
        stated=False,
    ),
    Rule(
        "approval.final_reminder_days",
        30,
        "§803.4",
        "Providers are reminded a second time of approvals expiring within 30 days.",
        stated=False,
    ),
    Rule(
        "report.small_cell",
        11,
        "§808; App. E",
        "Counts below this number are suppressed in the aggregate report so no person can be singled out.",
        stated=False,
    ),
)

PROGRAMS: tuple[Program, ...] = (
    Program("core", "Medi-Cal Peer Support Specialist Training", "core", "hours.core", "§202.1.G"),
    Program("refresher", "Refresher Training", "core", "hours.refresher", "§209.2.A"),
    Program(
        "pcfm",
        "Parent, Caregiver, Family Member",
        "pcfm",
        "hours.specialization",
        "§212.1; App. H",
        requires_core_certification=True,
    ),
    Program(
        "crisis",
        "Peer Services in Crisis Care",
        "crisis",
        "hours.specialization",
        "§212.2; App. J; CC",
        requires_core_certification=True,
    ),
    Program(
        "unhoused",
        "Peer Services for Unhoused",
        "unhoused",
        "hours.specialization",
        "§212.3; App. K",
        requires_core_certification=True,
    ),
    Program(
        "justice",
        "Peer Services for Justice Involved",
        "justice",
        "hours.specialization",
        "§212.4; App. L",
        requires_core_certification=True,
    ),
    Program("ce", "Continuing Education (CE) Training", None, None, "§301.1.C; App. C"),
)


# The specialization programs (and frameworks): those that build on the core certification (§212).
SPECIALIZATIONS: tuple[str, ...] = tuple(p.id for p in PROGRAMS if p.requires_core_certification)


@dataclass(frozen=True)
class CEPart:
    """Hours of CE a sanction requires: of any kind, of law and ethics, or on a topic (by words
    in the course title), or one course of at least ``hours`` (a refresher)."""

    kind: str  # any, law_ethics, topic, single_course
    hours: float
    words: tuple[str, ...] = ()
    label: str = ""


@dataclass(frozen=True)
class SanctionCE:
    """The CE a sanction of App. F requires before reinstatement or by its due date."""

    code: str
    citation: str
    text: str
    parts: tuple[CEPart, ...]


_ETHICS_WORDS = ("ethic", "law")
SANCTION_CE: tuple[SanctionCE, ...] = (
    SanctionCE(
        "LE6",
        "App. F (H7, H11, H13, H14, J1–J4)",
        "6 hours of law and ethics",
        (CEPart("law_ethics", 6, label="law and ethics"),),
    ),
    SanctionCE(
        "CS6",
        "App. F (F4, F5)",
        "6 hours of cultural sensitivity",
        (CEPart("topic", 6, ("cultural",), "cultural sensitivity"),),
    ),
    SanctionCE(
        "EB6",
        "App. F (H2, K1, K2)",
        "6 hours of ethics and professional boundaries",
        (CEPart("topic", 6, ("ethic", "boundar"), "ethics and professional boundaries"),),
    ),
    SanctionCE(
        "ETH9", "App. F (K3)", "9 hours of ethics", (CEPart("topic", 9, _ETHICS_WORDS, "ethics"),)
    ),
    SanctionCE(
        "ETH6MR8",
        "App. F (K4, K5)",
        "6 hours of ethics and 8 hours of mandated reporting",
        (
            CEPart("topic", 6, _ETHICS_WORDS, "ethics"),
            CEPart(
                "topic",
                8,
                ("mandated report", "abuse report", "mandatory report"),
                "mandated reporting",
            ),
        ),
    ),
    SanctionCE("CE20", "App. F (H12)", "20 hours of CE", (CEPart("any", 20, label="CE"),)),
    SanctionCE(
        "REF40",
        "App. F (E4)",
        "a 40-hour training (or the exam again)",
        (CEPart("single_course", 40, label="one 40-hour training"),),
    ),
)
SANCTIONS = {s.code: s for s in SANCTION_CE}


@dataclass(frozen=True)
class Policy:
    """The rule book in force: rules by key plus the programs."""

    rules: dict[str, Rule] = field(default_factory=lambda: {r.key: r for r in _RULES})
    programs: dict[str, Program] = field(default_factory=lambda: {p.id: p for p in PROGRAMS})

    def rule(self, key: str) -> Rule:
        """The rule under ``key``; KeyError names an unknown key."""
        return self.rules[key]

    def value(self, key: str) -> Any:
        """The number or setting of the rule under ``key``."""
        return self.rules[key].value

    def cite(self, key: str) -> str:
        """The citation of the rule under ``key`` (e.g. ``§202.1.G``)."""
        return self.rules[key].citation

    def program(self, program_id: str) -> Program:
        """The program ``program_id``; ValueError lists the known ones."""
        try:
            return self.programs[program_id]
        except KeyError:
            known = ", ".join(self.programs)
            raise ValueError(f"unknown program {program_id!r}; expected one of: {known}") from None

    def program_label(self, program_id: str) -> str:
        """The program's title with its required hours, e.g. "Refresher Training (40 hours)"."""
        hours = self.required_hours(program_id)
        title = self.program(program_id).title
        return f"{title} ({hours:g} hours)" if hours is not None else title

    def required_hours(self, program_id: str) -> float | None:
        """Direct-instruction hours a program needs, or None when no number applies (CE)."""
        program = self.program(program_id)
        return None if program.hours_rule is None else float(self.value(program.hours_rule))

    def with_overrides(self, overrides: dict[str, Any]) -> Policy:
        """A copy with the values of the named rules replaced (unknown keys are an error)."""
        rules = dict(self.rules)
        for key, value in overrides.items():
            if key not in rules:
                raise KeyError(f"unknown policy rule {key!r}")
            rules[key] = replace(rules[key], value=value)
        return Policy(rules=rules, programs=self.programs)


DEFAULT_POLICY = Policy()
