"""The main navigation: each role sees its pages, and everyone signed in sees the account page."""

from __future__ import annotations

import re

import pytest

from app.auth.models import Role
from tests.factories import login, make_user


def _nav(page: str) -> list[str]:
    nav = page[page.index('<nav aria-label="Main">') : page.index("</nav>")]
    return re.findall(r'href="([^"]+)"', nav)


def test_signed_out_navigation_has_no_account_page(client):
    links = _nav(client.get("/").get_data(as_text=True))
    assert "/graph" in links and "/account" not in links


@pytest.mark.parametrize("role", [Role.PROVIDER, Role.REVIEWER, Role.PEER, Role.ADMIN])
def test_account_page_is_in_the_navigation(client, role):
    login(client, make_user(role))
    links = _nav(client.get("/frameworks").get_data(as_text=True))
    assert links[-1] == "/account"
    page = client.get("/account").get_data(as_text=True)
    assert 'href="/account" aria-current="page"' in page
