"""The coverage and hours rules: a parsed syllabus and a program in, a report out (pure)."""

from __future__ import annotations

import re
from collections import defaultdict

from app.framework.models import Catalog
from app.policy import Policy
from app.syllabus.hours import MAX_MODULE_HOURS
from app.syllabus.parser import Module, Syllabus
from app.syllabus.report import CompetencyResult, Finding, ModuleResult, Report
from app.syllabus.suggest import Suggester

SPECIALIZATIONS = ("pcfm", "crisis", "unhoused", "justice")
FRAMEWORK_NAMES = {
    "core": "core",
    "pcfm": "Parent, Caregiver, Family Member",
    "crisis": "Crisis Care",
    "unhoused": "Unhoused",
    "justice": "Justice-Involved",
}
PREREQUISITE = re.compile(
    r"prerequisite|pre-requisite|certified medi-cal peer support specialist|medi-cal peer support specialist certification|"
    r"\bmpss\b|core (?:competency )?(?:training|certification)|must be certified|already certified",
    re.I,
)
CE_LAW_ETHICS_FLAG = ("law_ethics", "law_and_ethics", "law & ethics")


def evaluate(
    syllabus: Syllabus, program_id: str, catalog: Catalog, policy: Policy, suggester: Suggester
) -> Report:
    """Apply every rule of ``program_id`` to ``syllabus``; each finding names its rule and section."""
    program = policy.program(program_id)
    framework_id = program.framework
    framework = catalog.framework(framework_id) if framework_id else None
    scope = (framework_id,) if framework_id else ("core",)
    required = policy.required_hours(program_id)
    hours_rule = policy.rule(program.hours_rule) if program.hours_rule else None
    findings: list[Finding] = []

    # Which tags count: those of the program's framework. Others are reported, never counted.
    in_scope = set(framework.competency_ids()) if framework else set()
    modules: list[ModuleResult] = []
    counted: list[tuple[Module, list[str], dict[str, float], str]] = []
    non_instruction: dict[str, float] = defaultdict(float)
    unclaimed_min = policy.value("suggest.unclaimed_min_score")
    unsupported_max = policy.value("suggest.unsupported_max_score")
    any_tags = syllabus.tagged

    for module in syllabus.modules:
        ranked = (
            suggester.suggest(module.text(), scope, limit=50)
            if module.kind == "instruction"
            else []
        )
        top = [{"id": s.id, "score": s.score, "evidence": list(s.evidence)} for s in ranked[:3]]
        scores = {s.id: s.score for s in ranked}
        own = [t for t in module.tags if t in in_scope]
        for tag in module.tags:
            if tag in in_scope:
                continue
            if not catalog.has(tag):
                findings.append(
                    Finding(
                        "warning",
                        "UNKNOWN_COMPETENCY",
                        "App. A; §212",
                        f"“{module.title}” names {tag}, which is not a competency identifier; it is ignored.",
                        module.line,
                    )
                )
            else:
                other = tag.split("-")[0]
                findings.append(
                    Finding(
                        "warning",
                        "OTHER_FRAMEWORK_TAG",
                        "§212",
                        f"“{module.title}” names {tag}, a {FRAMEWORK_NAMES[other]} competency. "
                        f"It does not count toward this {program.title} training: specialization and core coverage are counted separately.",
                        module.line,
                    )
                )
        if module.kind != "instruction":
            non_instruction[module.kind] += module.hours or 0.0
        elif module.hours is None:
            findings.append(
                Finding(
                    "warning",
                    "HOURS_MISSING",
                    hours_rule.citation if hours_rule else "App. C 4.A",
                    (
                        f"“{module.title}” states no hours that can be counted (a module of 0 h or more than "
                        f"{MAX_MODULE_HOURS:g} h is not read as a duration), so it adds nothing to the total."
                    ),
                    module.line,
                )
            )
        else:
            if module.hours_max is not None and module.hours_max != module.hours:
                findings.append(
                    Finding(
                        "warning",
                        "HOURS_RANGE",
                        "App. C 4.A",
                        f"“{module.title}” gives a range ({module.hours_text}); the minimum, {module.hours:g} h, is counted.",
                        module.line,
                    )
                )
            if module.approximate:
                findings.append(
                    Finding(
                        "warning",
                        "HOURS_APPROXIMATE",
                        "App. C 4.A",
                        f"“{module.title}” gives approximate hours ({module.hours_text}); state exact direct-instruction hours.",
                        module.line,
                    )
                )
        source = "declared"
        effective = own
        if not any_tags and module.kind == "instruction" and framework is not None:
            effective = [
                s.id for s in ranked[:1] if s.score >= policy.value("suggest.infer_min_score")
            ]
            source = "inferred"
        split = _split_hours(module, effective, findings)
        if module.kind == "instruction":
            counted.append((module, effective, split, source))
            for tag in own:
                if scores.get(tag, 0.0) < unsupported_max:
                    findings.append(
                        Finding(
                            "warning",
                            "UNSUPPORTED_CLAIM",
                            policy.cite("suggest.unsupported_max_score"),
                            f"“{module.title}” claims {tag} ({catalog.competency(tag).title}) but its text shows little of it; describe how the module covers it.",
                            module.line,
                        )
                    )
            if any_tags and framework is not None:
                for suggestion in ranked[:2]:
                    if suggestion.id not in own and suggestion.score >= unclaimed_min:
                        findings.append(
                            Finding(
                                "info",
                                "UNCLAIMED_COVERAGE",
                                policy.cite("suggest.unclaimed_min_score"),
                                f"“{module.title}” also reads like {suggestion.id} ({catalog.competency(suggestion.id).title}); matched {', '.join(suggestion.evidence[:4])}. Tag it if it is taught.",
                                module.line,
                            )
                        )
        modules.append(
            ModuleResult(
                title=module.title,
                hours=module.hours,
                line=module.line,
                kind=module.kind,
                counted_hours=module.counted_hours,
                competencies=list(effective) if module.kind == "instruction" else [],
                suggested=top,
                hours_text=module.hours_text,
                assessment=module.assessment,
                day=module.day,
            )
        )

    total = sum(m.counted_hours for m in syllabus.modules)
    if not syllabus.modules:
        findings.append(
            Finding(
                "error",
                "NO_MODULES",
                program.coverage_citation,
                "No modules were found. Give each module a heading or list line with its hours (see the syllabus format).",
            )
        )
    _hours_findings(findings, program, required, hours_rule, total, syllabus, non_instruction)

    competencies: list[CompetencyResult] = []
    if framework is not None:
        competencies = _coverage(framework, counted, syllabus)
        _coverage_findings(findings, program, policy, competencies, any_tags)
    if program.requires_core_certification:
        stated = " ".join(str(v) for v in syllabus.meta.values()) + "\n" + syllabus.text[:20000]
        if not PREREQUISITE.search(stated):
            findings.append(
                Finding(
                    "error",
                    "PREREQUISITE_NOT_STATED",
                    policy.cite("specialization.prerequisite"),
                    "The syllabus does not state that participants must already hold the Medi-Cal Peer Support "
                    "Specialist certification; specialization training builds on the core and is not endorsed as "
                    "stand-alone training. Add a 'prerequisite:' line to the front matter.",
                )
            )
    topics = _law_ethics_topics(syllabus, catalog)
    if program_id == "ce":
        _ce_findings(findings, syllabus, topics, total)

    order = {"error": 0, "warning": 1, "info": 2}
    findings.sort(key=lambda f: (order[f.severity], f.line or 0, f.code))
    return Report(
        program=program.id,
        program_title=program.title,
        framework=framework_id,
        total_hours=total,
        required_hours=required,
        declared_total_hours=syllabus.declared_total,
        modules=modules,
        competencies=competencies,
        findings=findings,
        meta=dict(syllabus.meta),
        non_instruction_hours=dict(non_instruction),
        inferred=not any_tags and framework is not None,
        law_ethics_topics=topics,
        required_hours_stated=hours_rule.stated if hours_rule else True,
    )


def _split_hours(module: Module, tags: list[str], findings: list[Finding]) -> dict[str, float]:
    """Hours per competency: the syllabus's own split when given, else an even split."""
    hours = module.counted_hours
    if not tags or hours <= 0:
        return {}
    given = {t: h for t, h in module.tag_hours.items() if t in tags}
    if given:
        if sum(given.values()) > hours + 1e-6:
            findings.append(
                Finding(
                    "warning",
                    "SPLIT_EXCEEDS_MODULE",
                    "App. C 4.A",
                    f"“{module.title}” splits {sum(given.values()):g} h over its competencies but lasts {hours:g} h; the split is scaled down.",
                    module.line,
                )
            )
            scale = hours / sum(given.values())
            given = {t: h * scale for t, h in given.items()}
        rest = [t for t in tags if t not in given]
        remaining = max(hours - sum(given.values()), 0.0)
        for tag in rest:
            given[tag] = remaining / len(rest)
        return given
    return {t: hours / len(tags) for t in tags}


def _coverage(framework, counted, syllabus: Syllabus) -> list[CompetencyResult]:
    results = {
        c.id: CompetencyResult(c.id, c.title, False, 0.0, "none") for c in framework.competencies
    }
    for module, tags, split, source in counted:
        for tag in tags:
            result = results[tag]
            result.covered = True
            result.hours += split.get(tag, 0.0)
            if result.source != "declared":
                result.source = source
            result.modules.append(
                {"title": module.title, "line": module.line, "hours": round(split.get(tag, 0.0), 2)}
            )
            if module.assessment:
                result.assessments.append(module.assessment)
    return list(results.values())


def _hours_findings(
    findings, program, required, hours_rule, total, syllabus, non_instruction
) -> None:
    if non_instruction.get("break"):
        findings.append(
            Finding(
                "info",
                "BREAKS_EXCLUDED",
                "App. C 4.C",
                f"Breaks and meals ({non_instruction['break']:g} h) are not direct instruction and are not counted.",
            )
        )
    separate = {
        k: v for k, v in non_instruction.items() if k in ("practicum", "homework", "exam", "admin")
    }
    if separate:
        listed = ", ".join(f"{kind} {hours:g} h" for kind, hours in separate.items())
        findings.append(
            Finding(
                "info",
                "NON_INSTRUCTION_REPORTED",
                "App. C 4.A",
                f"Reported separately and not counted as direct instruction: {listed}.",
            )
        )
    if required is not None and total + 1e-6 < required:
        basis = (
            hours_rule.text
            if hours_rule.stated
            else f"The Guidelines say specialization hours vary (§212); {required:g} hours is the program setting ({hours_rule.citation})."
        )
        findings.append(
            Finding(
                "error",
                "HOURS_SHORT",
                hours_rule.citation,
                f"Direct instruction adds up to {total:g} h; {program.title} requires {required:g} h. {basis}",
            )
        )
    if syllabus.declared_total is not None and abs(syllabus.declared_total - total) > 0.01:
        findings.append(
            Finding(
                "warning",
                "DECLARED_TOTAL_MISMATCH",
                hours_rule.citation if hours_rule else "App. C 4.A",
                f"The syllabus declares {syllabus.declared_total:g} h but its modules add up to {total:g} h of direct instruction.",
                syllabus.declared_total_line,
            )
        )


def _coverage_findings(findings, program, policy: Policy, competencies, any_tags) -> None:
    citation = program.coverage_citation
    threshold = float(policy.value("hours.per_competency_warning"))
    covered = [c for c in competencies if c.covered]
    any_assessment = any(c.assessments for c in competencies)
    if covered and not any_assessment and policy.value("rubric.assessment"):
        findings.append(
            Finding(
                "warning",
                "ASSESSMENT_MISSING",
                policy.cite("rubric.assessment"),
                "No module states how learning is assessed; add an 'Assessment:' line to each module so the rubric shows how every competency is assessed.",
            )
        )
    if not any_tags and competencies:
        findings.append(
            Finding(
                "warning",
                "COVERAGE_INFERRED",
                citation,
                "No module names the competencies it covers, so coverage below is inferred from the module text "
                "and must be confirmed. Tag each module with identifiers such as core-6.",
            )
        )
    for competency in competencies:
        if not competency.covered:
            if program.id == "refresher":
                continue
            findings.append(
                Finding(
                    "error",
                    "COMPETENCY_MISSING",
                    citation,
                    f"No module covers {competency.id} ({competency.title}); {program.title} must cover every competency of its framework.",
                )
            )
        elif competency.hours + 1e-6 < threshold:
            findings.append(
                Finding(
                    "warning",
                    "COMPETENCY_THIN",
                    policy.cite("hours.per_competency_warning"),
                    f"{competency.id} ({competency.title}) gets {competency.hours:g} h. The Guidelines set no minimum hours per "
                    f"competency; this warning uses the program setting of {threshold:g} h.",
                )
            )
        if (
            competency.covered
            and not competency.assessments
            and policy.value("rubric.assessment")
            and any_assessment
        ):
            where = competency.modules[0]["line"] if competency.modules else None
            findings.append(
                Finding(
                    "warning",
                    "ASSESSMENT_MISSING",
                    policy.cite("rubric.assessment"),
                    f"No assessment method is stated for {competency.id} ({competency.title}); add an 'Assessment:' line to its module.",
                    where,
                )
            )
    if program.id == "refresher":
        missing = [c.id for c in competencies if not c.covered]
        if not covered:
            findings.append(
                Finding(
                    "error",
                    "COMPETENCY_MISSING",
                    citation,
                    "A refresher must cover areas of the core competencies; no module covers any.",
                )
            )
        elif missing:
            findings.append(
                Finding(
                    "info",
                    "REFRESHER_AREAS",
                    citation,
                    f"The refresher covers {len(covered)} of 17 core competencies; not covered: {', '.join(missing)}. "
                    "The Guidelines ask for areas of the core competencies, not all of them.",
                )
            )


def _law_ethics_topics(syllabus: Syllabus, catalog: Catalog) -> list[dict]:
    """Law-and-ethics topics (App. C 3.C) the syllabus text names, with the modules that name them."""
    found = []
    texts = [(m, " " + m.text().lower() + " ") for m in syllabus.modules if m.kind == "instruction"]
    title = " " + str(syllabus.meta.get("title", "")).lower() + " "
    for topic in catalog.law_ethics_topics:
        patterns = [
            re.compile(r"\b" + re.escape(k.lower()) + r"\b") for k in (topic.title, *topic.keywords)
        ]
        modules = [m for m, text in texts if any(p.search(text) for p in patterns)]
        in_title = any(p.search(title) for p in patterns)
        if modules or in_title:
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


def _ce_findings(findings, syllabus: Syllabus, topics, total) -> None:
    if syllabus.modules and total <= 0:
        findings.append(
            Finding(
                "error",
                "NO_INSTRUCTION_HOURS",
                "App. C 4.A",
                "The course states no direct-instruction hours; CE hours are counted one per hour of direct instruction.",
            )
        )
    flag = next((syllabus.meta[k] for k in CE_LAW_ETHICS_FLAG if k in syllabus.meta), None)
    claims = str(flag).strip().lower() in ("true", "yes", "y", "1") if flag is not None else False
    if topics:
        names = "; ".join(t["title"] for t in topics)
        findings.append(
            Finding(
                "info",
                "LAW_ETHICS_TOPICS",
                "App. C 3.C",
                f"The course covers these law and ethics topics: {names}.",
            )
        )
    elif claims:
        findings.append(
            Finding(
                "warning",
                "LAW_ETHICS_NO_TOPICS",
                "App. C 3.C",
                "The course is offered as law and ethics but names none of the topics of App. C 3.C.",
            )
        )
