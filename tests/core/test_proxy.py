"""Behind a trusted reverse proxy the client's address and HTTPS come from X-Forwarded-*."""

from __future__ import annotations

from app import create_app


def test_trusted_proxy_headers_give_the_address_and_scheme():
    app = create_app({"TESTING": True, "SECRET_KEY": "x", "TRUSTED_PROXIES": 1})
    response = app.test_client().get(
        "/frameworks",
        base_url="http://mapper.example.org",
        headers={"X-Forwarded-Proto": "https", "X-Forwarded-For": "198.51.100.8"},
    )
    assert response.status_code == 200  # already HTTPS: no redirect
    assert response.headers["Strict-Transport-Security"].startswith("max-age=")


def test_without_trusted_proxies_forwarded_headers_are_ignored():
    app = create_app({"TESTING": True, "SECRET_KEY": "x"})
    response = app.test_client().get(
        "/frameworks",
        base_url="http://mapper.example.org",
        headers={"X-Forwarded-Proto": "https"},
    )
    assert response.status_code == 308


def test_a_trusted_proxy_may_serve_the_app_under_a_path_and_port():
    app = create_app({"TESTING": True, "SECRET_KEY": "x", "TRUSTED_PROXIES": 1})
    response = app.test_client().get(
        "/account",
        base_url="http://10.0.0.5:8000",
        headers={
            "X-Forwarded-Proto": "https",
            "X-Forwarded-Host": "mapper.example.org",
            "X-Forwarded-Port": "8443",
            "X-Forwarded-Prefix": "/mapper",
        },
    )
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/mapper/login")
