"""Security headers from one place, CSRF on forms, safe rendering of user Markdown."""

from __future__ import annotations

import re

import pytest

from app.rendering import render_markdown
from app.security import CONTENT_SECURITY_POLICY

EXPECTED_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)


def test_csp_is_pinned():
    assert CONTENT_SECURITY_POLICY == EXPECTED_CSP
    assert "unsafe-inline" not in CONTENT_SECURITY_POLICY


@pytest.mark.parametrize("path", ["/", "/frameworks", "/api/v1/frameworks", "/no-such-page"])
def test_headers_on_every_response(client, path):
    response = client.get(path)
    assert response.headers["Content-Security-Policy"] == EXPECTED_CSP
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["X-Frame-Options"] == "DENY"


# Each POST with a body that the view would accept or answer otherwise than 400 without CSRF.
CSRF_POSTS = {
    "/login": ({"email": "nobody@example.org", "password": "x" * 12}, 401),
    "/logout": ({}, 302),
    "/register": ({"email": "a@b.c", "password": "x" * 12}, 200),
    "/register/peer": ({"email": "a@b.c", "password": "x" * 12}, 200),
    "/check": ({"program": "core", "text": "## Ethics (4 hours) [core-11]"}, 200),
    "/complaints/new": ({"respondent_type": "peer", "respondent_name": "Sam", "nature": "x"}, 200),
}


def _csrf_token(client) -> str:
    html = client.get("/login").get_data(as_text=True)
    return re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html).group(1)


@pytest.mark.parametrize("path", sorted(CSRF_POSTS))
def test_posts_without_csrf_token_are_refused(csrf_app, path):
    data, _ = CSRF_POSTS[path]
    response = csrf_app.test_client().post(path, data=data)
    assert response.status_code == 400
    assert "The CSRF token is missing." in response.get_data(as_text=True)


@pytest.mark.parametrize("path", sorted(CSRF_POSTS))
def test_the_same_posts_with_the_token_reach_the_view(csrf_app, path):
    data, status = CSRF_POSTS[path]
    client = csrf_app.test_client()
    response = client.post(path, data={**data, "csrf_token": _csrf_token(client)})
    assert response.status_code == status
    assert "CSRF" not in response.get_data(as_text=True)


def test_markdown_drops_raw_html_and_dangerous_links():
    html = str(
        render_markdown(
            "<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n[x](javascript:alert(1)) **ok**"
        )
    )
    assert "<script" not in html and "<img" not in html and 'href="javascript:' not in html
    assert "<strong>ok</strong>" in html
