"""Security headers, set for every response in one place."""

from __future__ import annotations

from flask import Flask, Response, request

from app.http_cache import answer_unmodified, set_cache_headers

# Strict policy: only same-origin resources, no inline scripts or styles, no framing.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)

SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
}


def init_security(app: Flask) -> None:
    """Register the hooks: 304 for an unchanged file-backed public page, and the security headers
    on every response."""
    app.before_request(answer_unmodified)

    @app.after_request
    def _set_security_headers(response: Response) -> Response:
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        # Pages, JSON, CSV and files may hold personal data: no cache keeps a copy. Only the
        # static assets (style sheets) and the public pages a visitor sees signed out may be
        # cached (app/http_cache.py).
        if request.endpoint != "static":
            set_cache_headers(response)
        return response
