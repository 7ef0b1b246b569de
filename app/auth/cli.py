"""`flask --app wsgi users create-admin EMAIL`: the first administrator of an installation."""

from __future__ import annotations

import sys

import click
from flask.cli import AppGroup

from app.auth.models import Role, User
from app.auth.passwords import password_problem
from app.auth.services import normalize_email, verified_user
from app.extensions import db

users_cli = AppGroup("users", help="Manage accounts.")


@users_cli.command("create-admin")
@click.argument("email")
@click.option("--name", required=True, help="The administrator's name.")
@click.password_option(help="Prompted when not given.")
def create_admin(email: str, name: str, password: str) -> None:
    """Create an administrator account."""
    email = normalize_email(email)
    problem = password_problem(password, (email, name))
    if problem:
        click.echo(problem, err=True)
        sys.exit(2)
    if db.session.scalar(db.select(User).where(User.email == email)):
        click.echo(f"{email} already has an account.", err=True)
        sys.exit(1)
    db.session.add(verified_user(email, name, Role.ADMIN, password))
    db.session.commit()
    click.echo(f"Administrator {email} created.")
