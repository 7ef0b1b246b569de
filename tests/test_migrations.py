"""The Alembic migrations build exactly the schema the models describe."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade
from sqlalchemy import inspect

from app import create_app
from app.extensions import db
from app.registry.models import is_model_object
from tests.conftest import TEST_DATABASE_URL


def _empty_database() -> None:
    """Drop every table, alembic's own included, so migrations start from nothing (inside the
    app context of ``_migrated_app``)."""
    db.drop_all()
    with db.engine.begin() as connection:
        connection.exec_driver_sql("DROP TABLE IF EXISTS alembic_version")


def _migrated_app(tmp_path):
    url = (
        TEST_DATABASE_URL
        if TEST_DATABASE_URL.startswith("postgresql")
        else f"sqlite:///{tmp_path / 'm.sqlite3'}"
    )
    return create_app({"TESTING": True, "SECRET_KEY": "x", "SQLALCHEMY_DATABASE_URI": url})


@contextmanager
def migrated_to(tmp_path, revision: str) -> Iterator[None]:
    """Inside an app context, a database migrated from nothing to ``revision``, for a test to
    write rows the way that revision stored them and then upgrade; downgraded to nothing after."""
    app = _migrated_app(tmp_path)
    with app.app_context():
        _empty_database()
        upgrade(revision=revision)
        yield
        db.session.remove()
        downgrade(revision="base")
        db.engine.dispose()


def test_upgrade_matches_models_and_downgrade_empties(tmp_path):
    app = _migrated_app(tmp_path)
    with app.app_context():
        _empty_database()
        upgrade()
        with db.engine.connect() as connection:
            context = MigrationContext.configure(
                connection, opts={"compare_type": True, "include_object": is_model_object}
            )
            differences = compare_metadata(context, db.metadata)
        assert differences == [], f"models and migrations differ: {differences}"

        downgrade(revision="base")
        with db.engine.connect() as connection:
            remaining = set(inspect(connection).get_table_names())
        assert remaining <= {"alembic_version"}
        db.session.remove()
        db.engine.dispose()
