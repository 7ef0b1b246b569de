"""Security headers from one place, CSRF on forms, safe rendering of user Markdown."""

from __future__ import annotations

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


@pytest.mark.parametrize("path", ["/login", "/logout", "/register", "/register/peer", "/check"])
def test_posts_without_csrf_token_are_refused(csrf_app, path):
    response = csrf_app.test_client().post(path, data={"email": "a@b.c", "password": "x" * 12})
    assert response.status_code in (302, 400, 422)
    assert b"Report:" not in response.data


def test_markdown_drops_raw_html_and_dangerous_links():
    html = str(
        render_markdown(
            "<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n[x](javascript:alert(1)) **ok**"
        )
    )
    assert "<script" not in html and "<img" not in html and "javascript:" not in html
    assert "<strong>ok</strong>" in html
