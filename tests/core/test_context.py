"""The request-scoped accessors: policy, catalog, graph and a date tests can pin."""

from __future__ import annotations

from datetime import UTC, date, datetime

from app import context
from app.settings.services import change_setting


def test_today_is_the_utc_date_unless_pinned(app):
    assert context.today() == datetime.now(UTC).date()
    app.config["TODAY"] = date(2030, 2, 28)
    assert context.today() == date(2030, 2, 28)


def test_policy_applies_configuration_then_settings(app, db):
    app.config["POLICY_OVERRIDES"] = {"hours.specialization": 32}
    assert context.policy().value("hours.specialization") == 32
    assert context.configured_policy().value("hours.specialization") == 32
    change_setting(db.session, actor_id=None, key="hours.specialization", value=36)
    assert context.policy().value("hours.specialization") == 36
    assert context.configured_policy().value("hours.specialization") == 32


def test_policy_without_a_database_falls_back_to_the_configuration(app, db):
    app.config["POLICY_OVERRIDES"] = {"hours.specialization": 30}
    db.drop_all()
    assert context.policy_or_configured().value("hours.specialization") == 30
    db.create_all()


def test_catalog_and_graph_are_loaded_once_per_process(app):
    assert context.catalog() is context.catalog()
    assert context.graph() is context.graph()
    assert list(context.catalog().frameworks) == [
        "core",
        "pcfm",
        "crisis",
        "unhoused",
        "justice",
        "exam",
    ]
    assert "core-6" in context.graph()
