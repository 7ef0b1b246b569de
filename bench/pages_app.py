"""The application as bench_pages.py serves it with gunicorn: DATABASE_URL and SECRET_KEY from
the environment; no second factor (the bench signs in with a password only) and no rate limits."""

from app import create_app

app = create_app({"MFA_REQUIRED_ROLES": (), "RATE_LIMITS": {}})
