"""Ordinary but odd input answers 4xx with a clear message, never 500."""

from __future__ import annotations

import pytest

from app.auth.models import Role
from app.ce.models import CEEntryRecord
from tests.ce.test_views import COURSE_DAY, _add, _profile
from tests.factories import DEFAULT_PASSWORD, client_in, login, make_user

HUGE = "99999999999999999999"


@pytest.fixture
def no_propagation(app):
    app.config["PROPAGATE_EXCEPTIONS"] = False  # a 500 shows as a 500 instead of raising
    return app


@pytest.mark.parametrize(
    ("role", "path"),
    [
        (Role.PROVIDER, f"/curricula/{HUGE}"),
        (Role.REVIEWER, f"/review/{HUGE}"),
        (Role.REVIEWER, f"/ce/audits/{HUGE}"),
        (Role.REVIEWER, f"/api/v1/submissions/{HUGE}"),
        (Role.REVIEWER, "/review/2147483648"),
        (Role.PEER, f"/ce/entries/new?curriculum={HUGE}"),
        (Role.ADMIN, f"/admin/audit?page={HUGE}"),
    ],
)
def test_very_large_ids_are_not_found(client, db, no_propagation, role, path):
    login(client, make_user(role))
    if role == Role.PEER:
        _profile(client)
    assert client.get(path).status_code in (200, 404), path


def test_deeply_nested_front_matter_is_a_clear_422(client, no_propagation):
    nested = "---\nprogram: core\ntitle: " + "[" * 5000 + "]" * 5000 + "\n---\n## A (1 hour)\n"
    response = client.post("/check", data={"program": "", "text": nested})
    assert response.status_code == 422
    assert "nested too deeply" in response.get_data(as_text=True)


@pytest.mark.parametrize("target", ["%0D%0A", "/%0D%0Ax", "/a%00b", "/%09x"])
def test_control_characters_in_next_fall_back_to_home(client, db, no_propagation, target):
    user = make_user(Role.PEER)
    response = client.post(
        f"/login?next={target}", data={"email": user.email, "password": DEFAULT_PASSWORD}
    )
    assert response.status_code == 302 and response.headers["Location"] == "/"  # the inbox


@pytest.mark.parametrize("value", ["sNaN", "NaN", "-Infinity", "inf"])
def test_non_numbers_in_number_fields_are_form_errors(client, db, no_propagation, value):
    login(client, make_user(Role.PEER))
    _profile(client)
    response = _add(client, hours=value)
    assert response.status_code == 422  # a refused new entry comes back with the form
    assert "Not a valid decimal value" in response.get_data(as_text=True)
    reviewer_client = client_in(client.application, make_user(Role.REVIEWER))
    drawn = reviewer_client.post(
        "/ce/audits",
        data={
            "window_start": COURSE_DAY,
            "window_end": COURSE_DAY,
            "method": "count",
            "amount": value,
        },
    )
    assert drawn.status_code == 200 and "Not a valid decimal value" in drawn.get_data(as_text=True)


def test_settings_refuse_non_numbers(client, db, no_propagation):
    login(client, make_user(Role.ADMIN))
    response = client.post("/admin/settings", data={"hours__specialization": "sNaN"})
    assert response.status_code in (200, 422)
    assert "Not a valid decimal value" in response.get_data(as_text=True)


def test_editing_an_entry_without_the_evidence_field_keeps_the_evidence(client, db, no_propagation):
    login(client, make_user(Role.PEER))
    _profile(client)
    _add(client)
    entry = db.session.scalars(db.select(CEEntryRecord)).one()
    response = client.post(
        f"/ce/entries/{entry.id}",
        data={
            "title": "Law and ethics 2",
            "provider": "Golden State",
            "start_date": COURSE_DAY,
            "format": "online_live",
            "hours": "6",
            "source": "calmhsa_ce_provider",
        },
    )
    assert response.status_code == 302
    db.session.refresh(entry)
    assert entry.title == "Law and ethics 2" and entry.evidence == ["cert.pdf"]
