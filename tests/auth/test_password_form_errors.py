"""Password forms: the new password comes before its repetition, and an error about the new
password sits under the new password."""

from __future__ import annotations

import re

import pytest

from app.auth.models import Role
from tests.errors_under import errors_under
from tests.factories import DEFAULT_PASSWORD, client_in, login, make_user


def test_keeping_the_same_password_is_refused_under_the_new_password(app, db):
    client = client_in(app, make_user(Role.PEER))
    page = client.post(
        "/account/password",
        data={
            "current": DEFAULT_PASSWORD,
            "password": DEFAULT_PASSWORD,
            "confirm": DEFAULT_PASSWORD,
        },
    ).get_data(as_text=True)
    errors = errors_under(page)
    assert "different from the current one" in errors.get("password", "")
    assert "current" not in errors


@pytest.mark.parametrize(
    ("url", "order"),
    [
        ("/account/password", ["current", "password", "confirm"]),
        ("/register", ["password", "confirm"]),
        ("/register/peer", ["password", "confirm"]),
    ],
)
def test_the_new_password_is_asked_before_its_repetition(app, db, url, order):
    client = app.test_client()
    if url.startswith("/account"):
        login(client, make_user(Role.PEER))
    page = client.get(url).get_data(as_text=True)
    ids = re.findall(r'<input[^>]* id="([\w-]+)"', page)
    shown = [i for i in ids if i in order]
    assert shown == order
    if url.startswith("/register"):
        assert ids.index("email") < ids.index("password")  # who you are, then the password
