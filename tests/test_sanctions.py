"""The dashboards' list of standing sanctions comes from the readers registered at start-up."""

from __future__ import annotations

from app import sanctions
from app.complaints.appeals import status_actions_for


def test_the_complaints_reader_is_registered_once_by_the_app(app):
    from app.wiring import connect

    connect()  # a second start-up in the same process registers nothing twice
    assert sanctions.READERS.count(status_actions_for) == 1


def test_standing_against_joins_the_readers_in_order(monkeypatch):
    monkeypatch.setattr(sanctions, "READERS", [])
    assert sanctions.standing_against("session", "user") == []
    sanctions.sanction_reader(lambda session, user: [f"{user}-a"])
    second = sanctions.sanction_reader(lambda session, user: [f"{user}-b", session])
    sanctions.sanction_reader(second)
    assert sanctions.standing_against("s", "u") == ["u-a", "u-b", "s"]
