"""The coverage and hours rules: a parsed syllabus and a program in, a report out (pure).

``evaluate`` first credits each session with the competencies it covers (named in the syllabus, or
read from its title, bullets and sentences), then runs ``RULES`` in order; each rule appends its
findings, and every finding names its rule and the section of the Guidelines it comes from.
"""

from __future__ import annotations

import re
from collections import defaultdict

from app.framework.models import Catalog
from app.framework.per_catalog import once_per_catalog
from app.messages import Message, joined, term
from app.policy import Policy
from app.syllabus.crediting import Check, Credit, credit_sessions
from app.syllabus.durations import MAX_SESSION_HOURS
from app.syllabus.parser import Syllabus
from app.syllabus.prerequisites import states_prerequisite
from app.syllabus.references import NameIndex
from app.syllabus.report import CompetencyResult, ModuleResult, Report
from app.syllabus.suggest import Suggester

PREREQUISITE = re.compile(
    r"prerequisite|pre-requisite|certified medi-cal peer support specialist|medi-cal peer support specialist certification|"
    r"\bmpss\b|core (?:competency )?(?:training|certification)|must be certified|already certified|requisito previo|"
    r"formaci[oó]n b[aá]sica|"
    # An audience of certified peers, in the same sentence ("a course for certified peers",
    # "dirigida a especialistas … ya certificados") states it too; "to become certified peer
    # specialists" or "reciben certificados" does not.
    r"\bfor\b[^.;]{0,100}?(?<!become )(?<!get )(?<!be )\bcertified (?:peers?|specialists?)\b|"
    r"\b(?:dirigid[oa]s? a|para)\b[^.;]{0,100}?"
    r"\b(?:ya|especialistas|pares)\s+certificad[oa]s\b",
    re.I,
)
CE_LAW_ETHICS_FLAG = ("law_ethics", "law_and_ethics", "law & ethics")
TOLERANCE = 0.01


# --- the rules --------------------------------------------------------------------------------


def rule_named_elsewhere(check: Check) -> None:
    """A named competency of another framework, or no competency at all, is reported, never counted."""
    for module in check.taught:
        credit = check.credits[id(module)]
        for tag in credit.unknown:
            check.add(
                "warning",
                "UNKNOWN_COMPETENCY",
                "App. A; §212",
                Message(
                    "“%(title)s” names %(tag)s, which is not a competency identifier; it is ignored.",
                    title=module.title,
                    tag=tag,
                ),
                module.line,
            )
        for tag in credit.outside:
            other = check.catalog.framework(tag.split("-")[0]).title
            check.add(
                "warning",
                "OTHER_FRAMEWORK_TAG",
                "§212",
                Message(
                    "“%(title)s” names %(tag)s, from the framework “%(framework)s”. It does not count "
                    "toward this %(program)s training: specialization and core coverage are counted "
                    "separately.",
                    title=module.title,
                    tag=tag,
                    framework=term(other),
                    program=term(check.program.title),
                ),
                module.line,
            )


def rule_session_hours(check: Check) -> None:
    """Ranges count at their lower bound, approximate hours are flagged, sub-items never add."""
    for module in check.taught:
        if module.hours is None:
            check.add(
                "warning",
                "HOURS_MISSING",
                check.hours_citation,
                Message(
                    "“%(title)s” states no hours that can be counted (a session of more than "
                    "%(most)s h is not read as one), so it adds nothing to the total.",
                    title=module.title,
                    most=float(MAX_SESSION_HOURS),
                ),
                module.line,
            )
            continue
        if module.hours_max is not None and module.hours_max != module.hours:
            check.add(
                "warning",
                "HOURS_RANGE",
                "App. C 4.A",
                Message(
                    "“%(title)s” gives a range (%(stated)s); the lower bound, %(hours)s h, is counted.",
                    title=module.title,
                    stated=module.hours_text,
                    hours=float(module.hours),
                ),
                module.line,
            )
        if module.approximate:
            check.add(
                "warning",
                "HOURS_APPROXIMATE",
                "App. C 4.A",
                Message(
                    "“%(title)s” gives approximate hours (%(stated)s); state exact "
                    "direct-instruction hours.",
                    title=module.title,
                    stated=module.hours_text,
                ),
                module.line,
            )
        below = sum(r.hours or 0.0 for r in module.refinements)
        if below > (module.hours or 0) + TOLERANCE:
            check.add(
                "warning",
                "SUBITEMS_EXCEED_MODULE",
                "App. C 4.A",
                Message(
                    "The sub-items of “%(title)s” add up to %(below)s h but the module lasts "
                    "%(hours)s h; the module's %(hours)s h are counted.",
                    title=module.title,
                    below=float(below),
                    hours=float(module.hours),
                ),
                module.line,
            )


def rule_non_instruction(check: Check) -> None:
    """Breaks and meals are excluded (App. C 4.C); practicum, homework and exams are reported apart."""
    hours: dict[str, float] = defaultdict(float)
    for module in check.sessions:
        if module.kind != "instruction":
            hours[module.kind] += module.hours or 0.0
    if hours.get("break"):
        check.add(
            "info",
            "BREAKS_EXCLUDED",
            "App. C 4.C",
            Message(
                "Breaks and meals (%(hours)s h) are not direct instruction and are not counted.",
                hours=float(hours["break"]),
            ),
        )
    separate = {k: v for k, v in hours.items() if k != "break"}
    if separate:
        listed = joined(
            [
                Message("%(kind)s %(hours)s h", kind=term(kind), hours=float(value))
                for kind, value in separate.items()
            ]
        )
        check.add(
            "info",
            "NON_INSTRUCTION_REPORTED",
            "App. C 4.A",
            Message(
                "Reported separately and not counted as direct instruction: %(listed)s.",
                listed=listed,
            ),
        )


def rule_sessions_found(check: Check) -> None:
    """A syllabus with no session carrying hours cannot be checked for hours."""
    if not check.sessions:
        check.add(
            "error",
            "NO_MODULES",
            check.program.coverage_citation,
            Message(
                "No session with hours was found. Give each module or session its hours, e.g. "
                "“Module 6: Trauma-informed care (5 hours)”, or a time range in an agenda."
            ),
        )


def rule_required_hours(check: Check) -> None:
    """Direct instruction must reach the program's hours (80 core, §202.1.G; 40 refresher, §209.2.A…)."""
    required, rule = check.required, check.hours_rule
    if required is None or rule is None or check.total + 1e-6 >= required:
        return
    basis = (
        term(rule.text)
        if rule.stated
        else Message(
            "The Guidelines say specialization hours vary (§212); %(required)s hours is the "
            "program setting (%(citation)s).",
            required=float(required),
            citation=rule.citation,
        )
    )
    check.add(
        "error",
        "HOURS_SHORT",
        rule.citation,
        Message(
            "Direct instruction adds up to %(total)s h; %(program)s requires %(required)s h. "
            "%(basis)s",
            total=float(check.total),
            program=term(check.program.title),
            required=float(required),
            basis=basis,
        ),
    )


def rule_declared_totals(check: Check) -> None:
    """Each total the syllabus states is compared with its sessions, naming both."""
    totals = check.syllabus.declared_totals
    if len(totals) > 1:
        stated = joined(
            [
                Message(
                    "%(where)s%(hours)s h (“%(text)s”)",
                    where=_where(t.line),
                    hours=float(t.hours),
                    text=t.text[:60],
                )
                for t in totals
            ],
            "; ",
        )
        check.add(
            "info",
            "DECLARED_TOTALS",
            check.hours_citation,
            Message(
                "The syllabus states its total %(count)s times: %(stated)s.",
                count=len(totals),
                stated=stated,
            ),
        )
    if not check.sessions:
        return
    first, last = check.sessions[0].line, check.sessions[-1].line
    for total in totals:
        within = (
            total.maximum is not None
            and total.hours - TOLERANCE <= check.total <= total.maximum + TOLERANCE
        )
        if abs(total.hours - check.total) <= TOLERANCE or within:
            continue
        check.add(
            "warning",
            "DECLARED_TOTAL_MISMATCH",
            check.hours_citation,
            _mismatch(total, first, last, check.total),
            total.line,
        )


def _where(line: int | None) -> Message:
    return Message("line %(line)s: ", line=str(line)) if line else Message("front matter: ")


def _mismatch(total, first: int, last: int, counted: float) -> Message:
    """A declared total its sessions do not add up to, and where it is declared."""
    values = {
        "declared": _range(total.hours, total.maximum),
        "text": total.text[:60],
        "first": str(first),
        "last": str(last),
        "total": float(counted),
    }
    if total.line:
        return Message(
            "Line %(line)s: the syllabus declares %(declared)s h (“%(text)s”), but its sessions "
            "(lines %(first)s–%(last)s) add up to %(total)s h of direct instruction.",
            line=str(total.line),
            **values,
        )
    return Message(
        "Front matter: the syllabus declares %(declared)s h (“%(text)s”), but its sessions "
        "(lines %(first)s–%(last)s) add up to %(total)s h of direct instruction.",
        **values,
    )


def _range(low: float, high: float | None) -> str:
    return f"{low:g}–{high:g}" if high is not None and high > low else f"{low:g}"


def rule_claims_supported(check: Check) -> None:
    """A named competency the module's text barely supports is flagged; strong unnamed coverage is pointed out."""
    if check.framework is None:
        return
    unsupported = float(check.policy.value("suggest.unsupported_max_score"))
    unclaimed = float(check.policy.value("suggest.unclaimed_min_score"))
    for module in check.taught:
        credit = check.credits[id(module)]
        if credit.source != "declared":
            continue
        for tag in credit.ids:
            if credit.scores.get(tag, 0.0) < unsupported:
                check.add(
                    "warning",
                    "UNSUPPORTED_CLAIM",
                    check.policy.cite("suggest.unsupported_max_score"),
                    Message(
                        "“%(title)s” claims %(tag)s (%(competency)s) but its text shows little of "
                        "it; describe how the module covers it.",
                        title=module.title,
                        tag=tag,
                        competency=check.catalog.competency(tag).title,
                    ),
                    module.line,
                )
        for suggestion in credit.suggested[:2]:
            if suggestion["id"] not in credit.ids and suggestion["score"] >= unclaimed:
                check.add(
                    "info",
                    "UNCLAIMED_COVERAGE",
                    check.policy.cite("suggest.unclaimed_min_score"),
                    Message(
                        "“%(title)s” also reads like %(tag)s (%(competency)s); matched "
                        "%(evidence)s. Name it if it is taught.",
                        title=module.title,
                        tag=suggestion["id"],
                        competency=check.catalog.competency(suggestion["id"]).title,
                        evidence=", ".join(suggestion["evidence"][:4]),
                    ),
                    module.line,
                )


def _coverage(check: Check) -> dict[str, CompetencyResult]:
    """Each competency of the framework with the sessions, hours and assessments that cover it."""
    results = {
        c.id: CompetencyResult(c.id, c.title, False, 0.0, "none")
        for c in check.framework.competencies
    }
    for module in check.taught:
        credit = check.credits[id(module)]
        for tag in credit.ids:
            result = results[tag]
            result.covered = True
            result.hours += credit.split.get(tag, 0.0)
            if result.source != "declared":
                result.source = credit.source
            where = {"title": module.title, "line": module.line}
            result.modules.append({**where, "hours": round(credit.split.get(tag, 0.0), 2)})
            if module.assessment:
                result.assessments.append(module.assessment)
    return results


def rule_coverage(check: Check) -> None:
    """Every competency of the framework must be covered (§202.1.G, CC); thin coverage is a warning."""
    if check.framework is None:
        return
    results = _coverage(check)
    check.competencies = list(results.values())
    program, citation = check.program, check.program.coverage_citation
    threshold = float(check.policy.value("hours.per_competency_warning"))
    for competency in check.competencies:
        if not competency.covered:
            if program.id != "refresher":
                check.add(
                    "error",
                    "COMPETENCY_MISSING",
                    citation,
                    Message(
                        "No session covers %(id)s (%(competency)s); %(program)s must cover every "
                        "competency of its framework.",
                        id=competency.id,
                        competency=competency.title,
                        program=term(program.title),
                    ),
                )
        elif competency.hours + 1e-6 < threshold:
            check.add(
                "warning",
                "COMPETENCY_THIN",
                check.policy.cite("hours.per_competency_warning"),
                Message(
                    "%(id)s (%(competency)s) gets %(hours)s h. The Guidelines set no minimum hours "
                    "per competency; this warning uses the program setting of %(threshold)s h.",
                    id=competency.id,
                    competency=competency.title,
                    hours=float(competency.hours),
                    threshold=threshold,
                ),
            )
    if program.id == "refresher":
        covered = [c for c in check.competencies if c.covered]
        missing = [c.id for c in check.competencies if not c.covered]
        if not covered:
            check.add(
                "error",
                "COMPETENCY_MISSING",
                citation,
                Message(
                    "A refresher must cover areas of the core competencies; no session covers any."
                ),
            )
        elif missing:
            check.add(
                "info",
                "REFRESHER_AREAS",
                citation,
                Message(
                    "The refresher covers %(covered)s of 17 core competencies; not covered: "
                    "%(missing)s. The Guidelines ask for areas of the core competencies, not all "
                    "of them.",
                    covered=len(covered),
                    missing=", ".join(missing),
                ),
            )


def rule_inferred(check: Check) -> None:
    """Coverage read from the text, not named by the syllabus, must be confirmed by a reviewer."""
    if check.framework is None or not check.competencies:
        return
    inferred = [m for m in check.taught if check.credits[id(m)].source == "inferred"]
    if inferred:
        check.add(
            "warning",
            "COVERAGE_INFERRED",
            check.program.coverage_citation,
            Message(
                "%(inferred)s of %(sessions)s sessions do not name the competencies they cover, so "
                "their coverage is read from their titles, bullets and sentences (the evidence is "
                "shown) and must be confirmed. Name them, e.g. “Competencies: core-6” or "
                "“Competencies covered: Trauma-informed care”.",
                inferred=len(inferred),
                sessions=len(check.taught),
            ),
        )


def rule_assessment(check: Check) -> None:
    """Each competency should state how it is assessed (a setting; the Guidelines name no method)."""
    if not check.policy.value("rubric.assessment"):
        return
    covered = [c for c in check.competencies if c.covered]
    any_assessment = any(c.assessments for c in check.competencies)
    citation = check.policy.cite("rubric.assessment")
    if covered and not any_assessment:
        check.add(
            "warning",
            "ASSESSMENT_MISSING",
            citation,
            Message(
                "No session states how learning is assessed; add an 'Assessment:' line to each "
                "module so the rubric shows how every competency is assessed."
            ),
        )
        return
    for competency in covered:
        if not competency.assessments:
            where = competency.modules[0]["line"] if competency.modules else None
            check.add(
                "warning",
                "ASSESSMENT_MISSING",
                citation,
                Message(
                    "No assessment method is stated for %(id)s (%(competency)s); add an "
                    "'Assessment:' line to its module.",
                    id=competency.id,
                    competency=competency.title,
                ),
                where,
            )


def rule_prerequisite(check: Check) -> None:
    """Specializations build on the core and must say so (§212, CC)."""
    if not check.program.requires_core_certification:
        return
    syllabus = check.syllabus
    stated = " ".join(str(v) for v in syllabus.meta.values()) + "\n" + syllabus.text[:20000]
    if not PREREQUISITE.search(stated) and not states_prerequisite(stated):
        check.add(
            "error",
            "PREREQUISITE_NOT_STATED",
            check.policy.cite("specialization.prerequisite"),
            Message(
                "The syllabus does not state that participants must already hold the Medi-Cal Peer "
                "Support Specialist certification; specialization training builds on the core and is "
                "not endorsed as stand-alone training. Add a 'prerequisite:' line to the front "
                "matter."
            ),
        )


def rule_continuing_education(check: Check) -> None:
    """CE hours are direct-instruction hours (App. C 4.A); law-and-ethics courses name App. C 3.C topics."""
    if check.program.id != "ce":
        return
    syllabus = check.syllabus
    if syllabus.sessions and check.total <= 0:
        check.add(
            "error",
            "NO_INSTRUCTION_HOURS",
            "App. C 4.A",
            Message(
                "The course states no direct-instruction hours; CE hours are counted one per hour "
                "of direct instruction."
            ),
        )
    flag = next((syllabus.meta[k] for k in CE_LAW_ETHICS_FLAG if k in syllabus.meta), None)
    claims = str(flag).strip().lower() in ("true", "yes", "y", "1") if flag is not None else False
    topics = law_ethics_topics(syllabus, check.catalog)
    if topics:
        names = joined([term(t["title"]) for t in topics], "; ")
        check.add(
            "info",
            "LAW_ETHICS_TOPICS",
            "App. C 3.C",
            Message("The course covers these law and ethics topics: %(names)s.", names=names),
        )
    elif claims:
        check.add(
            "warning",
            "LAW_ETHICS_NO_TOPICS",
            "App. C 3.C",
            Message(
                "The course is offered as law and ethics but names none of the topics of App. C 3.C."
            ),
        )


RULES = (
    rule_sessions_found,
    rule_named_elsewhere,
    rule_session_hours,
    rule_non_instruction,
    rule_required_hours,
    rule_declared_totals,
    rule_coverage,
    rule_inferred,
    rule_claims_supported,
    rule_assessment,
    rule_prerequisite,
    rule_continuing_education,
)


def law_ethics_topics(syllabus: Syllabus, catalog: Catalog) -> list[dict]:
    """Law-and-ethics topics (App. C 3.C) the syllabus text names, with the sessions that name them."""
    found = []
    texts = [
        (m, " " + m.text().lower() + " ") for m in syllabus.sessions if m.kind == "instruction"
    ]
    title = " " + str(syllabus.meta.get("title", "")).lower() + " "
    # Which sessions hold each word, so a topic looks only at sessions holding a first word.
    holding: dict[str, set[int]] = {}
    for index, (_, text) in enumerate(texts):
        for word in set(text.split()):
            holding.setdefault(word, set()).add(index)
    for topic in catalog.law_ethics_topics:
        phrases = [p.lower() for p in (topic.title, *topic.keywords)]
        firsts = {p.split()[0] for p in phrases if p.split()}
        if any(not first.isalpha() for first in firsts):
            candidates = set(range(len(texts)))
        else:
            candidates = set().union(*(holding.get(first, set()) for first in firsts))
        modules = [
            texts[index][0]
            for index in sorted(candidates)
            if any(_has_phrase(texts[index][1], p) for p in phrases)
        ]
        if modules or any(_has_phrase(title, p) for p in phrases):
            found.append(
                {
                    "id": topic.id,
                    "title": topic.title,
                    "modules": [
                        {"title": m.title, "line": m.line, "hours": m.hours} for m in modules
                    ],
                    "hours": round(sum(m.counted_hours for m in modules), 2),
                }
            )
    return found


def _has_phrase(text: str, phrase: str) -> bool:
    """``phrase`` as whole words in ``text`` (both lowercase), without regular expressions."""
    start = text.find(phrase)
    while start != -1:
        before = text[start - 1] if start else " "
        after = text[start + len(phrase)] if start + len(phrase) < len(text) else " "
        if not before.isalnum() and not after.isalnum():
            return True
        start = text.find(phrase, start + 1)
    return False


def evaluate(
    syllabus: Syllabus,
    program_id: str,
    catalog: Catalog,
    policy: Policy,
    suggester: Suggester,
    names: NameIndex | None = None,
) -> Report:
    """Apply every rule of ``program_id`` to ``syllabus``; each finding names its rule and section."""
    program = policy.program(program_id)
    check = Check(
        syllabus=syllabus,
        program=program,
        framework=catalog.framework(program.framework) if program.framework else None,
        catalog=catalog,
        policy=policy,
        suggester=suggester.within(
            [m.text() for m in syllabus.sessions if m.kind == "instruction"]
        ),
        names=names or name_index_for(catalog),
        required=policy.required_hours(program_id),
        hours_rule=policy.rule(program.hours_rule) if program.hours_rule else None,
    )
    credit_sessions(check)
    for rule in RULES:
        rule(check)
    return _report(check)


def _report(check: Check) -> Report:
    order = {"error": 0, "warning": 1, "info": 2}
    check.findings.sort(key=lambda f: (order[f.severity], f.line or 0, f.code))
    non_instruction: dict[str, float] = defaultdict(float)
    for module in check.sessions:
        if module.kind != "instruction":
            non_instruction[module.kind] += module.hours or 0.0
    syllabus = check.syllabus
    modules = []
    for module in syllabus.modules:
        credit = check.credits.get(id(module), Credit())
        modules.append(
            ModuleResult(
                title=module.title,
                hours=module.hours,
                line=module.line,
                kind=module.kind,
                counted_hours=module.counted_hours,
                competencies=list(credit.ids),
                suggested=credit.suggested,
                hours_text=module.hours_text,
                assessment=module.assessment,
                day=module.day,
                reason=module.reason,
                path=list(module.path),
                evidence={k: v[:4] for k, v in credit.evidence.items()},
                source=credit.source,
            )
        )
    framework = check.framework
    return Report(
        program=check.program.id,
        program_title=check.program.title,
        framework=framework.id if framework else None,
        total_hours=check.total,
        required_hours=check.required,
        declared_total_hours=syllabus.declared_total,
        modules=modules,
        competencies=check.competencies,
        findings=check.findings,
        meta=dict(syllabus.meta),
        non_instruction_hours={k: v for k, v in non_instruction.items() if k != "frame"},
        inferred=any(c.source == "inferred" for c in check.credits.values()),
        law_ethics_topics=law_ethics_topics(syllabus, check.catalog),
        required_hours_stated=check.hours_rule.stated if check.hours_rule else True,
        declared_totals=[
            {
                "hours": t.hours,
                "maximum": t.maximum,
                "text": t.text,
                "line": t.line,
                "source": t.source,
            }
            for t in syllabus.declared_totals
        ],
    )


# One NameIndex per catalog, built once per process.
name_index_for = once_per_catalog(NameIndex)
