"""The application as the bench drives it with gunicorn: DATABASE_URL and SECRET_KEY from the
environment; no second factor (the bench signs in with a password only) and, for the run, no
rate limits (every request of the load tool comes from one address)."""

from app import create_app

app = create_app({"MFA_REQUIRED_ROLES": (), "RATE_LIMITS": {}, "RATE_LIMITS_GET": {}})
