"""Passwords built on published or very common phrases are refused, although zxcvbn scores
them as strong; a password of one's own that merely contains such a word is not."""

from __future__ import annotations

import pytest

from app.auth.demo import DEMO_PASSWORD
from app.auth.models import User
from app.auth.passwords import password_problem
from tests.factories import DEFAULT_PASSWORD


@pytest.mark.parametrize(
    "password",
    [
        DEMO_PASSWORD,
        DEMO_PASSWORD.title() + "!",
        DEFAULT_PASSWORD,  # the best-known "strong" example passphrase
        "C0rrect-H0rse-Battery-Staple",
        "curriculum-mapper-2026",
        "Peer Support Specialist",
        "P@ssw0rd-2026!!",
        "changeme-changeme",
        "qwerty-uiop-asdf",
        "welcome to calmhsa",
        "administrator-2026",
    ],
)
def test_published_and_common_phrases_are_refused(password):
    assert "published or very common phrase" in (password_problem(password) or "")


@pytest.mark.parametrize(
    "password",
    ["tangerine kettle 84 orbit", "peer support specialist training on fridays"],
)
def test_a_password_of_ones_own_with_such_a_word_is_accepted(password):
    assert password_problem(password) is None


def test_the_demo_password_is_refused_at_registration(client, db):
    page = client.post(
        "/register/peer",
        data={
            "name": "Sam",
            "email": "sam@example.org",
            "password": DEMO_PASSWORD,
            "confirm": DEMO_PASSWORD,
        },
    ).get_data(as_text=True)
    assert "published or very common phrase" in page
    assert db.session.scalar(db.select(User).where(User.email == "sam@example.org")) is None
