"""Command-line interface: `flask --app wsgi <group> <command>`."""

from __future__ import annotations

from flask import Flask

from app.audit.cli import audit_cli
from app.auth.cli import users_cli
from app.backup.cli import backup_cli
from app.ce.cli import ce_cli
from app.demo import demo_cli
from app.judgements.cli import frameworks_cli
from app.limits.cli import limits_cli
from app.notifications.cli import notifications_cli, worker_command
from app.storage.cli import storage_cli
from app.submissions.cli import submissions_cli
from app.syllabus.cli import curriculum_cli
from app.uploads_sweep import uploads_cli


def register_cli(app: Flask) -> None:
    """Attach every command group to the app."""

    for group in (
        demo_cli,
        curriculum_cli,
        ce_cli,
        users_cli,
        notifications_cli,
        submissions_cli,
        limits_cli,
        audit_cli,
        uploads_cli,
        backup_cli,
        storage_cli,
        frameworks_cli,
    ):
        app.cli.add_command(group)
    app.cli.add_command(worker_command)
