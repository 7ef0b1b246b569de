"""What a request (or a CLI command) works with, in one place: the policy in force, the
competency catalog and graph, today's date, and its one transaction.

Views and commands read these here and pass them to services and pure rules as arguments.
Tests pin the date for the whole app with ``app.config["TODAY"] = date(...)``.

Transactions: services add and flush, never commit; a request commits once, after its view
(``init_transactions``), and the error handlers of ``app.errors`` roll back. A CLI command
commits once at its end.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import networkx as nx
from flask import Flask, Response, current_app
from sqlalchemy.exc import InterfaceError, OperationalError, SQLAlchemyError
from sqlalchemy.exc import TimeoutError as SQLAlchemyTimeoutError
from sqlalchemy.orm.exc import StaleDataError

from app.errors import committed_failure
from app.extensions import db
from app.framework.graph import cached_graph
from app.framework.loader import cached_catalog
from app.framework.models import Catalog
from app.policy import DEFAULT_POLICY, Policy
from app.posted import uploaded as uploaded  # the request's file, read here by views
from app.settings.in_force import policy_in_force


def policy() -> Policy:
    """The defaults, then the configuration's ``POLICY_OVERRIDES``, then an administrator's settings
    (read once in the request's transaction)."""
    return policy_in_force(db.session, current_app.config.get("POLICY_OVERRIDES"))


def configured_policy() -> Policy:
    """The defaults with the configuration's overrides only: for commands that need no database."""
    return DEFAULT_POLICY.with_overrides(current_app.config.get("POLICY_OVERRIDES") or {})


def policy_or_configured() -> Policy:
    """``policy()``, or ``configured_policy()`` when there is no database yet (a fresh checkout)."""
    try:
        return policy()
    except SQLAlchemyError:
        db.session.rollback()
        return configured_policy()


def catalog() -> Catalog:
    """The catalog of the configured data folder, loaded once per process."""
    return cached_catalog(current_app.config.get("FRAMEWORK_DIR"))


def graph() -> nx.MultiDiGraph:
    """The graph of the configured data folder, built once per process."""
    return cached_graph(current_app.config.get("FRAMEWORK_DIR"))


def today() -> date:
    """Today in UTC, or the date pinned in ``app.config["TODAY"]``."""
    pinned = current_app.config.get("TODAY")
    return pinned if pinned is not None else datetime.now(UTC).date()


def init_transactions(app: Flask) -> None:
    """Commit the request's work once its view has answered (error handlers have rolled back)."""

    @app.after_request
    def _commit(response: Response) -> Response:
        """Commit; a commit the database refuses or times out answers like the error handlers
        (409 for a lost race, 503 for a database away), and never skips the hooks that run
        after this one (the security headers)."""
        try:
            db.session.commit()
        except (StaleDataError, OperationalError, InterfaceError, SQLAlchemyTimeoutError) as error:
            return committed_failure(error)
        return response
