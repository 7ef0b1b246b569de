"""TODAY may pin the date from the environment on a local installation, never in production."""

from __future__ import annotations

import logging
from datetime import date

import pytest

from app.config import load_config, local_configuration


def test_today_from_the_environment_on_a_local_installation(monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.setenv("TODAY", "2027-03-01")
    assert load_config({"SECRET_KEY": "k"})["TODAY"] == date(2027, 3, 1)
    # A test's own pin wins.
    assert load_config({"SECRET_KEY": "k", "TODAY": date(2030, 1, 1)})["TODAY"] == date(2030, 1, 1)


def test_today_is_ignored_with_a_warning_in_production(monkeypatch, caplog):
    monkeypatch.setenv("SECRET_KEY", "a production secret")
    monkeypatch.setenv("TODAY", "2027-03-01")
    with caplog.at_level(logging.WARNING, logger="app.config"):
        assert load_config()["TODAY"] is None
    assert "TODAY is ignored" in caplog.text and "SECRET_KEY" in caplog.text
    monkeypatch.delenv("SECRET_KEY")
    remote = {"SECRET_KEY": "k", "SQLALCHEMY_DATABASE_URI": "postgresql://db.internal/c"}
    assert load_config(remote)["TODAY"] is None


def test_a_malformed_date_stops_the_app(monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.setenv("TODAY", "next tuesday")
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        load_config({"SECRET_KEY": "k"})


def test_what_counts_as_local(monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    sqlite = {"SQLALCHEMY_DATABASE_URI": "sqlite://"}
    assert local_configuration(sqlite) == (True, "")
    assert not local_configuration({**sqlite, "SECURE_COOKIES": "always"})[0]
    assert local_configuration({"SQLALCHEMY_DATABASE_URI": "postgresql://localhost/c"})[0]
