"""Absolute addresses for emails: every email links to the page where its reader acts.

The address is built from the route's endpoint, so a renamed path never leaves a dead link. Its
base is ``PUBLIC_BASE_URL`` when set (what the worker, which serves no request, must use), else
the address of the request being served, else ``http://localhost/``.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import current_app, has_request_context, request

FALLBACK_BASE = "http://localhost/"


def base_url() -> str:
    """The configured public address, else the current request's, ending in a slash."""
    configured = current_app.config.get("PUBLIC_BASE_URL")
    if configured:
        return configured.rstrip("/") + "/"
    if has_request_context():
        return request.url_root
    return FALLBACK_BASE


def url(endpoint: str, **values) -> str:
    """The absolute URL of ``endpoint`` with ``values``, under ``base_url()``."""
    parts = urlsplit(base_url())
    adapter = current_app.url_map.bind(
        parts.netloc, script_name=parts.path or "/", url_scheme=parts.scheme or "http"
    )
    return adapter.build(endpoint, values, force_external=True)


def is_absolute(link: str) -> bool:
    parts = urlsplit(link or "")
    return parts.scheme in ("http", "https") and bool(parts.netloc)
