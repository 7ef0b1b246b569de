"""`flask --app wsgi curriculum check|check-all`: the checker on the command line."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click
from flask.cli import AppGroup

from app import context
from app.policy import DEFAULT_POLICY
from app.syllabus.doubts import Correction
from app.syllabus.errors import CorrectionError, SyllabusReadError
from app.syllabus.readers import TEXT_TYPES
from app.syllabus.reading import corrections_from_file
from app.syllabus.report import Report
from app.syllabus.services import check_syllabus

curriculum_cli = AppGroup(
    "curriculum", help="Check syllabi against the competencies and hour rules."
)
PROGRAMS = click.Choice(list(DEFAULT_POLICY.programs))
CHECKABLE = (*TEXT_TYPES, ".docx", ".pdf")


@curriculum_cli.command("check")
@click.argument("path", type=click.Path(path_type=Path))
@click.option(
    "--program",
    type=PROGRAMS,
    help="Program to check against (default: the syllabus's front matter).",
)
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@click.option(
    "--reading",
    "reading_path",
    type=click.Path(path_type=Path),
    help="Apply a corrected reading: the reading JSON as printed (edited), or a list of corrections.",
)
def check(path: Path, program: str | None, as_json: bool, reading_path: Path | None) -> None:
    """Check one syllabus. Exit 0 when it passes; 1 when it fails or needs confirmation (the
    verdict says which); 2 when the syllabus or the reading cannot be read."""
    catalog, policy = context.catalog(), context.policy_or_configured()
    try:
        corrections = (
            _corrections(reading_path, path, program, catalog, policy) if reading_path else []
        )
        report = check_syllabus(
            path, program, catalog=catalog, policy=policy, corrections=corrections
        )
    except SyllabusReadError as error:
        if as_json:
            click.echo(json.dumps({"error": str(error), "line": error.line, "part": error.part}))
        else:
            click.echo(f"Cannot read {path}: {error}", err=True)
        sys.exit(2)
    if as_json:
        click.echo(json.dumps(report.to_dict(), indent=2, ensure_ascii=False))
    else:
        click.echo(format_report(report, str(path)))
    sys.exit(0 if report.passed else 1)


@curriculum_cli.command("check-all")
@click.argument("directory", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--program", type=PROGRAMS, help="Program for files whose front matter names none.")
def check_all(directory: Path, program: str | None) -> None:
    """Check every syllabus in DIRECTORY with a progress bar, then print a summary table."""
    files = sorted(p for p in directory.rglob("*") if p.is_file() and p.suffix.lower() in CHECKABLE)
    if not files:
        click.echo(f"No syllabi (.md, .txt, .docx, .pdf) in {directory}.", err=True)
        sys.exit(2)
    catalog = context.catalog()
    policy = context.policy_or_configured()
    rows = []
    with click.progressbar(
        files,
        label="Checking syllabi",
        file=sys.stderr,
        item_show_func=lambda p: p.name if p else "",
    ) as bar:
        for path in bar:
            try:
                report = check_syllabus(path, program, catalog=catalog, policy=policy)
            except SyllabusReadError as error:
                rows.append((path.name, "-", "unreadable", "", "", str(error)[:60]))
                continue
            counts = report.counts()
            rows.append(
                (
                    path.name,
                    report.program,
                    {"pass": "PASS", "fail": "FAIL"}.get(report.decision, "CONFIRM"),
                    f"{report.total_hours:g}/{report.required_hours:g}"
                    if report.required_hours
                    else f"{report.total_hours:g}",
                    f"{sum(c.covered for c in report.competencies)}/{len(report.competencies)}"
                    if report.competencies
                    else "-",
                    f"{counts['error']} errors, {counts['warning']} warnings",
                )
            )
    headers = ("file", "program", "verdict", "hours", "covered", "findings")
    widths = [max(len(str(row[i])) for row in [headers, *rows]) for i in range(len(headers))]
    click.echo("  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)))
    click.echo("  ".join("-" * w for w in widths))
    for row in rows:
        click.echo("  ".join(str(v).ljust(w) for v, w in zip(row, widths, strict=True)))
    failed = sum(1 for r in rows if r[2] != "PASS")
    click.echo(f"\n{len(rows) - failed} of {len(rows)} passed.")
    sys.exit(0 if failed == 0 else 1)


def _corrections(reading_path: Path, path: Path, program, catalog, policy) -> list[Correction]:
    """The corrections of a reading file (CorrectionError when it cannot be used)."""
    try:
        data = json.loads(reading_path.read_text(encoding="utf-8"))
    except OSError as error:
        raise CorrectionError(f"Cannot open {reading_path}: {error.strerror}.") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise CorrectionError(f"{reading_path} is not JSON: {error}.") from None

    def reading_of(corrections: list[Correction]) -> dict:
        report = check_syllabus(
            path, program, catalog=catalog, policy=policy, corrections=corrections
        )
        return report.reading

    return corrections_from_file(data, reading_of)


VERDICT_WORDS = {
    "pass": "PASSED",
    "fail": "NOT PASSED",
    "needs confirmation": "NOT DECIDED: needs your confirmation",
}


def format_report(report: Report, name: str) -> str:
    """A readable plain-text report."""
    lines = [
        f"{name}: {report.program_title} ({report.program})",
        f"Verdict: {VERDICT_WORDS[report.decision]}",
        f"Direct instruction: {report.total_hours:g} h"
        + (f" of {report.required_hours:g} h required" if report.required_hours else ""),
    ]
    for total in report.declared_totals:
        where = f"line {total['line']}" if total.get("line") else "front matter"
        lines.append(f"Declared total ({where}): {total['hours']:g} h  “{total.get('text', '')}”")
    if report.non_instruction_hours:
        lines.append(
            "Not counted: "
            + ", ".join(f"{k} {v:g} h" for k, v in report.non_instruction_hours.items())
        )
    if report.inferred:
        lines.append(
            "Coverage of some sessions is INFERRED from their text (they name no competencies)."
        )
    if report.modules:
        lines.append("")
        lines.append("Sessions as read:")
        for m in report.modules:
            hours = f"{m.hours:g} h" if m.hours is not None else "-"
            ids = ", ".join(m.competencies)
            lines.append(
                f"  line {m.line:<5} {hours:>7}  {m.title[:60]}" + (f"  [{ids}]" if ids else "")
            )
            lines.append(f"               {m.reason}")
            for doubt in report.open_doubts:
                if doubt["line"] == m.line:
                    lines.append(f"               NEEDS YOUR CONFIRMATION: {doubt['question']}")
    lines += _doubt_lines(report)
    if report.competencies:
        lines.append("")
        lines.append("Competency coverage:")
        for c in report.competencies:
            mark = "x" if c.covered else " "
            where = ", ".join(f"line {m['line']}" for m in c.modules)
            lines.append(
                f"  [{mark}] {c.id:<12} {c.hours:>5.1f} h  {c.source:<8} {c.title[:60]}"
                + (f"  ({where})" if where else "")
            )
    if report.law_ethics_topics:
        lines.append("")
        lines.append(
            f"Law and ethics topics ({DEFAULT_POLICY.cite('ce.law_ethics_topics')}): "
            + "; ".join(t["title"] for t in report.law_ethics_topics)
        )
    lines.append("")
    lines.append(
        f"Findings ({report.counts()['error']} errors, {report.counts()['warning']} warnings):"
    )
    for f in report.findings:
        where = f" line {f.line}" if f.line else ""
        lines.append(f"  {f.severity.upper():<7} {f.code} [{f.citation}]{where}: {f.message}")
    return "\n".join(lines)


def _doubt_lines(report: Report) -> list[str]:
    lines = []
    if report.corrections:
        lines += ["", f"Corrections applied ({len(report.corrections)}):"]
        for c in report.corrections:
            lines.append(f"  line {c['line']:<5} {c['field']}: {json.dumps(c['value'])}")
    if report.open_doubts:
        lines += ["", "Needs your confirmation:"]
        for d in report.open_doubts:
            effect = " (could change the verdict)" if d["could_change_verdict"] else ""
            lines.append(f"  line {d['line']:<5} {d['question']}{effect}")
            lines.append(f"               {d['grounds']}")
    return lines
