"""Command-line interface: `flask --app wsgi <group> <command>`."""

from __future__ import annotations

from flask import Flask


def register_cli(app: Flask) -> None:
    """Attach every command group to the app."""
    from app.demo import demo_cli

    app.cli.add_command(demo_cli)
    for module_name, attribute in (
        ("app.syllabus.cli", "curriculum_cli"),
        ("app.ce.cli", "ce_cli"),
        ("app.auth.cli", "users_cli"),
        ("app.notifications.cli", "notifications_cli"),
    ):
        try:
            module = __import__(module_name, fromlist=[attribute])
        except ModuleNotFoundError as error:
            if error.name != module_name:
                raise
            continue
        app.cli.add_command(getattr(module, attribute))
