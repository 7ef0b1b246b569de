"""`flask --app wsgi frameworks stale`: the decisions made under frameworks or a policy that
have changed since, with what changed."""

from __future__ import annotations

import sys

import click
from flask import current_app
from flask.cli import AppGroup

from app import context
from app.extensions import db
from app.judgements.basis import describe, short
from app.judgements.services import current_snapshots, stale_decisions

frameworks_cli = AppGroup("frameworks", help="Framework and policy versions.")

_KINDS = {"curriculum": "curriculum", "ce_audit_selection": "CE records review"}


@frameworks_cli.command("versions")
def versions() -> None:
    """Print the version (label and SHA-256) of each framework file and of the policy in force."""
    for snapshot in current_snapshots(current_app.config["FRAMEWORK_DIR"], context.policy()):
        label = snapshot.label or "-"
        click.echo(f"{snapshot.name:24} {label:10} {snapshot.digest}")
    db.session.rollback()


@frameworks_cli.command("stale")
@click.option("--page", default=1, show_default=True, help="Page of 100 decisions.")
@click.option("--fail", is_flag=True, help="Exit 1 when any decision is listed (for cron).")
def stale(page: int, fail: bool) -> None:
    """List the curricula and CE decisions made under versions that have changed, with the
    statements or rule values that changed (old and new)."""
    current = current_snapshots(current_app.config["FRAMEWORK_DIR"], context.policy())
    report = stale_decisions(db.session, current, page=page)
    db.session.rollback()
    if not report.total:
        click.echo("Every decision was made under the frameworks and policy in force.")
        return
    click.echo(
        f"{report.total} decision(s) made under versions that changed (page {report.page} of {report.pages})."
    )
    for group in report.groups:
        click.echo("")
        click.echo(f"== Made under versions {short(group.basis_key)}; since then:")
        for difference in group.differences:
            old = (
                f"{difference.old_label} ({short(difference.old_digest)})"
                if difference.old_digest
                else "absent"
            )
            new = (
                f"{difference.new_label} ({short(difference.new_digest)})"
                if difference.new_digest
                else "removed"
            )
            click.echo(f"  {difference.name}: {old.strip()} -> {new.strip()}")
            if difference.changes is None:
                click.echo("    (the old texts were not kept)")
                continue
            for change in difference.changes:
                click.echo(f"    {change.kind} {change.key}")
                if change.old is not None:
                    click.echo(f"      old: {change.old}")
                if change.new is not None:
                    click.echo(f"      new: {change.new}")
        click.echo("  Decisions:")
        for decision in group.decisions:
            kind = _KINDS.get(decision.subject_type, decision.subject_type)
            click.echo(
                f"    {decision.decided_at:%Y-%m-%d} {kind} #{decision.subject_id}: "
                f"{decision.title} ({decision.detail})"
            )
    click.echo("")
    click.echo("In force now: " + ", ".join(describe(s) for s in current))
    if fail:
        sys.exit(1)
