"""Shared fixtures: an app on a fresh database per test, a client, a CLI runner, user factories."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from flask import Flask
from flask.testing import FlaskClient

from app import create_app
from app.extensions import db as _db
from app.framework.loader import cached_catalog

TEST_DATABASE_URL = os.environ.get("TEST_DATABASE_URL", "sqlite://")


def server_config(url: str, **extra) -> dict:
    """Settings for an app a test builds itself on ``url`` (several apps on one database)."""
    return {
        "TESTING": True,
        "SECRET_KEY": "shared-secret",
        "SQLALCHEMY_DATABASE_URI": url,
        "WTF_CSRF_ENABLED": False,
        "ARGON2_TIME_COST": 1,
        "ARGON2_MEMORY_COST": 1024,
        "MFA_REQUIRED_ROLES": (),
        **extra,
    }


@pytest.fixture
def app(tmp_path) -> Iterator[Flask]:
    """An app bound to an empty database with every table created."""
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "test-secret",
            "SQLALCHEMY_DATABASE_URI": TEST_DATABASE_URL,
            "UPLOAD_DIR": str(tmp_path / "uploads"),
            "WTF_CSRF_ENABLED": False,
            "MAIL_SERVER": None,
            # Cheap argon2 parameters keep the suite fast; the algorithm stays argon2id.
            "ARGON2_TIME_COST": 1,
            "ARGON2_MEMORY_COST": 1024,
            # Most tests sign reviewers and admins in with a password alone; tests/auth/test_mfa.py
            # and the browser test turn the requirement on.
            "MFA_REQUIRED_ROLES": (),
        }
    )
    with app.app_context():
        _db.drop_all()
        _db.create_all()
        yield app
        _db.session.remove()
        _db.drop_all()
        _db.engine.dispose()


@pytest.fixture
def csrf_app(app: Flask) -> Flask:
    """The same app with CSRF protection switched on, as in production."""
    app.config["WTF_CSRF_ENABLED"] = True
    return app


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def runner(app: Flask):
    return app.test_cli_runner()


@pytest.fixture
def db(app: Flask):
    return _db


@pytest.fixture
def people(db) -> dict:
    """The cast of a review: a provider, a member of another provider, two reviewers (one to
    deny, another to decide the appeal) and a peer."""
    from app.auth.models import Role
    from tests.factories import make_user

    return {
        "provider": make_user(Role.PROVIDER),
        "other": make_user(Role.PROVIDER),
        "reviewer": make_user(Role.REVIEWER),
        "reviewer2": make_user(Role.REVIEWER),
        "peer": make_user(Role.PEER),
    }


@pytest.fixture(scope="session")
def catalog():
    """The real competency catalog from competencies/."""
    return cached_catalog()


# An S3-compatible store for the storage tests: scripts/test.sh starts SeaweedFS and sets
# TEST_S3_ENDPOINT. Without it the tests that need one are skipped on a developer machine and
# fail under CI, like the PostgreSQL-only tests.
TEST_S3_ENDPOINT = os.environ.get("TEST_S3_ENDPOINT", "")
TEST_S3_BUCKET = os.environ.get("TEST_S3_BUCKET", "curriculum-test")


def s3_environment(endpoint: str = TEST_S3_ENDPOINT) -> dict[str, str]:
    """What an app process needs in its environment to reach the test store."""
    return {
        "STORAGE_ENDPOINT_URL": endpoint,
        "AWS_ACCESS_KEY_ID": "curriculum-test",
        "AWS_SECRET_ACCESS_KEY": "curriculum-test-secret",
    }


@pytest.fixture
def s3_location(monkeypatch) -> Iterator[str]:
    """``s3://bucket/prefix`` with a prefix of its own, in the store scripts/test.sh started."""
    import secrets

    from app.storage import forget_clients, storage_for

    if not TEST_S3_ENDPOINT:
        if os.environ.get("CI"):
            pytest.fail("TEST_S3_ENDPOINT is not set; scripts/test.sh starts SeaweedFS and sets it")
        pytest.skip("no S3-compatible store (scripts/test.sh starts SeaweedFS)")
    for name, value in s3_environment().items():
        monkeypatch.setenv(name, value)
    location = f"s3://{TEST_S3_BUCKET}/{secrets.token_hex(6)}"
    storage_for(location).create_bucket()
    yield location
    storage = storage_for(location)
    for item in list(storage.list()):
        storage.delete(item.name)
    forget_clients()


@pytest.fixture(params=["local", "s3"])
def storage_location(request, tmp_path) -> str:
    """Each storage test runs on a local directory and on the S3-compatible store."""
    if request.param == "local":
        return str(tmp_path / "store")
    return request.getfixturevalue("s3_location")


@pytest.fixture
def postgres_url() -> str:
    """TEST_DATABASE_URL when it is PostgreSQL (the PostgreSQL pass of scripts/test.sh): the
    tests of several servers and workers need row locks and a database other processes share."""
    if not TEST_DATABASE_URL.startswith("postgresql"):
        if os.environ.get("CI"):
            pytest.fail("this test needs TEST_DATABASE_URL on PostgreSQL (scripts/test.sh)")
        pytest.skip(
            "needs PostgreSQL (TEST_DATABASE_URL); the PostgreSQL pass of scripts/test.sh runs it"
        )
    return TEST_DATABASE_URL


@pytest.fixture
def two_servers(tmp_path) -> Iterator[tuple[Flask, Flask]]:
    """Two apps (two processes' worth of engines) on one database with every table created:
    a file SQLite database, or TEST_DATABASE_URL when it is PostgreSQL."""
    url = (
        TEST_DATABASE_URL
        if TEST_DATABASE_URL.startswith("postgresql")
        else f"sqlite:///{tmp_path / 'shared.sqlite3'}"
    )
    settings = server_config(url, UPLOAD_DIR=str(tmp_path / "uploads"), RATE_LIMITS={})
    one, two = create_app(settings), create_app(settings)
    with one.app_context():
        _db.drop_all()
        _db.create_all()
    yield one, two
    for app in (two, one):
        with app.app_context():
            _db.session.remove()
            _db.engine.dispose()
    with one.app_context():
        _db.drop_all()
        _db.engine.dispose()
