"""Small factories for test data."""

from __future__ import annotations

import html
import itertools
import re

from app.auth.models import Organization, Role, User
from app.auth.services import verified_user
from app.extensions import db

DEFAULT_PASSWORD = "correct horse battery staple"
_counter = itertools.count(1)


def make_organization(name: str | None = None, *, approved: bool = True) -> Organization:
    n = next(_counter)
    organization = Organization(
        name=name or f"Provider Org {n}", contact_email=f"org{n}@example.org", approved=approved
    )
    db.session.add(organization)
    db.session.commit()
    return organization


def make_user(
    role: Role | str = Role.PROVIDER,
    *,
    organization: Organization | None = None,
    email: str | None = None,
    name: str | None = None,
    password: str = DEFAULT_PASSWORD,
) -> User:
    n = next(_counter)
    role = Role(role)
    if role == Role.PROVIDER and organization is None:
        organization = make_organization()
    user = verified_user(
        email or f"{role.value}{n}@example.org",
        name or f"{role.value.title()} {n}",
        role,
        password,
        organization,
    )
    db.session.add(user)
    db.session.commit()
    return user


def login(client, user: User, password: str = DEFAULT_PASSWORD):
    """Sign ``user`` in through the login form (the client remembers whom); returns the response."""
    client.user = user
    return client.post(
        "/login", data={"email": user.email, "password": password}, follow_redirects=False
    )


def client_in(app, user: User, locale: str | None = None):
    """A test client signed in as ``user``; with ``locale``, chosen with the language switch."""
    client = app.test_client()
    login(client, user)
    if locale is not None:
        client.post("/language", data={"locale": locale})
    return client


def page_text(response) -> str:
    """A response's page as text, its HTML entities unescaped."""
    return html.unescape(response.get_data(as_text=True))


# A signed token (payload.timestamp.signature): the CSRF tokens in forms and meta tags.
_SIGNED_TOKEN = re.compile(r"[\w-]{16,}\.[\w-]{6}\.[\w-]{16,}")


def without_tokens(page: str) -> str:
    """The page with its signed tokens blanked: a token carries the second it was signed in,
    and on a busy machine two pages compared for equality are rendered seconds apart."""
    return _SIGNED_TOKEN.sub("TOKEN", page)
