"""`flask --app wsgi ce check FILE.csv --issued YYYY-MM-DD`: evaluate a CE record without the database."""

from __future__ import annotations

import json
import sys
from datetime import date, datetime
from pathlib import Path

import click
from flask.cli import AppGroup

from app import context
from app.ce.csvio import decode, layout_error, read_record
from app.ce.rules import (
    FORMATS,
    SOURCES,
    STATUSES,
    CertificationStatus,
    reciprocity,
    sanction_progress,
    summarize,
)
from app.ce.spreadsheet import TopicIndex
from app.policy import SANCTIONS

ce_cli = AppGroup("ce", help="Continuing education of certified peers.")
DAY = click.DateTime(formats=["%Y-%m-%d"])  # a date option, typed YYYY-MM-DD


def _topics() -> TopicIndex | None:
    """Topics by id and name from the framework data files (no database); None when unreadable."""
    try:
        catalog = context.catalog()
    except Exception:  # a broken data file must not stop checking hours
        return None
    return TopicIndex.from_catalog(catalog.law_ethics_topics) if catalog.law_ethics_topics else None


def _text_or_exit(path: Path) -> str:
    """The text of the CE file at ``path``; says why and exits 2 when it cannot be read or
    decoded (the exit code both commands give for unreadable input)."""
    try:
        text, problem = decode(path.read_bytes())
    except OSError as error:
        text, problem = None, str(error)
    if text is None:
        click.echo(f"Cannot read {path}: {problem}", err=True)
        sys.exit(2)
    return text


@ce_cli.command("check")
@click.argument("path", type=click.Path(path_type=Path))
@click.option("--issued", required=True, type=DAY, help="Date the certification was issued.")
@click.option("--today", type=DAY, help="Evaluate as of this date (default: today, UTC).")
@click.option(
    "--status",
    type=click.Choice(STATUSES),
    default=CertificationStatus.ACTIVE.value,
    show_default=True,
)
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
@click.option(
    "--confirm-columns",
    is_flag=True,
    help="Accept the column mapping printed for a layout other than the exchange format.",
)
@click.option(
    "--source",
    type=click.Choice(SOURCES),
    help="Source of every course, when the file has no source column.",
)
@click.option(
    "--format",
    "entry_format",
    type=click.Choice(FORMATS),
    help="Format of every course, when the file has no format column (not used by the totals).",
)
@click.option(
    "--sanction",
    "sanctions",
    multiple=True,
    metavar="CODE:YYYY-MM-DD",
    help="CE a sanction requires (App. F), counted from the day imposed; codes: "
    + ", ".join(SANCTIONS),
)
def check(
    path: Path,
    issued: datetime,
    today: datetime | None,
    status: str,
    as_json: bool,
    confirm_columns: bool,
    source: str | None,
    entry_format: str | None,
    sanctions: tuple[str, ...],
) -> None:
    """Exit 0 when the record meets the CE requirement, 1 when not, 2 on unreadable input.

    Reads topic names or ids, MM/DD/YYYY or ISO dates, Yes/Y/TRUE, "1.5 hrs"; a layout other
    than the exchange format is printed and read only with --confirm-columns.
    """
    imposed = _sanctions(sanctions)
    text = _text_or_exit(path)
    answers = {"source": source or "", "format": entry_format or "in_person"}
    reading = read_record(text, topics=_topics(), confirmed=confirm_columns, answers=answers)
    errors = [str(e) for e in reading.errors]
    if not errors and reading.needs_confirmation:
        errors.append(str(layout_error(reading.layout)) + " (run again with --confirm-columns)")
    if not errors and reading.asked:
        errors.append(
            f"line {reading.layout.header_line}, header: no column for "
            + ", ".join(reading.asked)
            + "; give it with "
            + ", ".join(f"--{a}" for a in reading.asked)
        )
    if errors:
        if as_json:
            click.echo(json.dumps({"errors": errors}, indent=2))
        else:
            for error in errors:
                click.echo(error, err=True)
        sys.exit(2)
    entries = reading.entries
    policy = context.configured_policy()
    day = today.date() if today else context.today()
    summary = summarize(entries, issued_on=issued.date(), today=day, policy=policy, status=status)
    summary["sanctions"] = sanction_progress(entries, imposed, policy)
    if as_json:
        click.echo(json.dumps(summary, indent=2, ensure_ascii=False))
    else:
        click.echo(
            f"Period {summary['period']['start']} to {summary['period']['end']}; renewal window {summary['renewal_window']['opens']} to {summary['renewal_window']['closes']}"
        )
        click.echo(
            f"CE hours: {summary['total_hours']:g} of {summary['required_hours']:g}; law and ethics: {summary['law_ethics_hours']:g} of {summary['required_law_ethics_hours']:g}"
        )
        click.echo("Compliant" if summary["compliant"] else "Not compliant")
        for entry in summary["entries"]:
            mark = "counted" if entry["counted"] else "NOT counted"
            click.echo(
                f"  line {entry['line']}: {entry['title']} — {entry['hours']:g} h, {mark}"
                + "".join(f"\n      {r}" for r in entry["reasons"])
                + (
                    f"\n      (compare line {entry['compared_with_line']})"
                    if entry.get("compared_with_line")
                    else ""
                )
            )
        for finding in summary["findings"]:
            click.echo(
                f"  {finding['severity'].upper()} {finding['code']} [{finding['citation']}]: {finding['message']}"
            )
        for item in summary["sanctions"]:
            parts = "; ".join(
                f"{p['label']} {p['counted']:g} of {p['required']:g} h" for p in item["parts"]
            )
            state = "met" if item["met"] else "NOT met"
            click.echo(
                f"  Sanction {item['code']} [{item['citation']}] since {item['since']}: {parts} — {state}"
            )
    met = summary["compliant"] and all(item["met"] for item in summary["sanctions"])
    sys.exit(0 if met else 1)


def _sanctions(values: tuple[str, ...]) -> list:
    """``CODE:YYYY-MM-DD`` options as (sanction, day imposed); a bad one stops with exit 2."""
    imposed = []
    for value in values:
        code, _, day = value.partition(":")
        try:
            imposed.append((SANCTIONS[code.strip().upper()], date.fromisoformat(day.strip())))
        except (KeyError, ValueError):
            click.echo(
                f"--sanction {value!r}: use CODE:YYYY-MM-DD with a code of {', '.join(SANCTIONS)}",
                err=True,
            )
            sys.exit(2)
    return imposed


@ce_cli.command("reciprocity")
@click.argument("path", type=click.Path(path_type=Path))
@click.option("--applied", required=True, type=DAY, help="Date of the reciprocity application.")
@click.option("--confirm-columns", is_flag=True, help="Accept the column mapping printed.")
@click.option("--source", type=click.Choice(SOURCES), help="Source of every course, if no column.")
def reciprocity_check(path: Path, applied: datetime, confirm_columns: bool, source: str | None):
    """A reciprocity applicant's CE: 20 hours, 6 of law and ethics, in the two years before
    applying (§204.1.E). Exit 0 when met, 1 when not, 2 on unreadable input."""
    text = _text_or_exit(path)
    answers = {"source": source or "", "format": "in_person"}
    reading = read_record(text, topics=_topics(), confirmed=confirm_columns, answers=answers)
    if not reading.ready:
        for error in reading.errors:
            click.echo(str(error), err=True)
        if not reading.errors and reading.needs_confirmation:
            click.echo(str(layout_error(reading.layout)) + " (--confirm-columns)", err=True)
        elif not reading.errors:
            click.echo("no column for " + ", ".join(reading.asked) + "; give --source", err=True)
        sys.exit(2)
    result = reciprocity(reading.entries, applied.date(), context.configured_policy())
    click.echo(json.dumps(result, indent=2))
    sys.exit(0 if result["met"] else 1)
