"""Configuration: safe local defaults, then environment variables, then explicit overrides."""

from __future__ import annotations

import logging
import os
import secrets
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy.engine import make_url

from app import serving

PROJECT_ROOT = Path(__file__).resolve().parent.parent
INSTANCE_DIR = PROJECT_ROOT / "instance"


def _bool(value: str) -> bool:
    return value.strip().lower() in {"1", "true", "yes", "on"}


def default_config() -> dict[str, Any]:
    """Defaults suitable for a developer's machine: SQLite under instance/, no mail sent."""
    return {
        "SECRET_KEY": None,  # filled from the environment or a generated per-instance key
        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{INSTANCE_DIR / 'curriculum.sqlite3'}",
        "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True},
        # Seconds one SQL statement may run on PostgreSQL before it is cancelled (0: no limit,
        # for a long maintenance command); app/serving.py has the other limits.
        "DATABASE_STATEMENT_TIMEOUT": serving.DATABASE_STATEMENT_TIMEOUT_SECONDS,
        # Where uploaded files are kept: a directory, or s3://bucket[/prefix] (STORAGE_URL).
        "UPLOAD_DIR": str(INSTANCE_DIR / "uploads"),
        "MAX_CONTENT_LENGTH": 10 * 1024 * 1024,
        "MAX_SYLLABUS_BYTES": 5 * 1024 * 1024,
        "FRAMEWORK_DIR": str(PROJECT_ROOT / "competencies"),
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": False,
        "REMEMBER_COOKIE_HTTPONLY": True,
        # Sessions end after this long without a request, and this long after sign-in.
        "SESSION_IDLE_MINUTES": 30,
        "SESSION_ABSOLUTE_HOURS": 12,
        # "auto": Secure, __Host- cookies, HSTS and HTTPS redirects unless served on localhost.
        "SECURE_COOKIES": "auto",
        # Roles that must sign in with a second factor (others may choose one), and how
        # recently a password must have been confirmed before a sensitive action.
        "MFA_REQUIRED_ROLES": ("reviewer", "admin"),
        "REAUTH_MINUTES": 10,
        "HSTS_SECONDS": 365 * 24 * 3600,
        "WTF_CSRF_TIME_LIMIT": 3600 * 8,
        # Sign-in limits (app/limits/login.py): failures per account and address before that
        # address is locked out of the account (the lock doubles each time, up to the maximum);
        # password checks per account from all addresses; attempts per address for any accounts.
        "LOGIN_MAX_ATTEMPTS": 5,
        "LOGIN_LOCK_MINUTES": 15,
        "LOGIN_LOCK_MAX_MINUTES": 24 * 60,
        "LOGIN_ACCOUNT_MAX_ATTEMPTS": 20,
        "LOGIN_ADDRESS_MAX_ATTEMPTS": 50,
        # Password hashes computed at once per process (each needs argon2's 64 MiB), and how
        # long a request waits for a free slot before answering 503.
        "ARGON2_MAX_CONCURRENT": 2,
        "ARGON2_WAIT_SECONDS": 10,
        # POSTs per address: endpoint -> (limit, window in seconds), counted in the database.
        "RATE_LIMITS": {
            "auth.login": (30, 60),
            "auth.register": (10, 3600),
            "auth.register_peer": (10, 3600),
            "account.reset_request": (5, 3600),
            "syllabus.check": (30, 60),
            "syllabus.download": (30, 60),
            "ce.profile": (10, 3600),  # claim codes: no guessing
            "complaints.public_new": (5, 3600),
        },
        # GET endpoints counted the same way (public look-ups).
        "RATE_LIMITS_GET": {"registry.search": (60, 60)},
        # Behind a reverse proxy that terminates HTTPS: how many proxies to trust for the
        # client's address, scheme and host (X-Forwarded-For/-Proto/-Host); 0 trusts none.
        "TRUSTED_PROXIES": 0,
        "MAIL_SERVER": None,
        "MAIL_PORT": 25,
        "MAIL_SENDER": "no-reply@curriculum-mapper.local",
        # The address people open the app at, e.g. https://curriculum.example.org: the links
        # in emails start with it. Unset, a request's own address is used (the worker, which
        # serves no request, then writes http://localhost/).
        "PUBLIC_BASE_URL": None,
        # Seconds a worker keeps an email it claimed before another worker may retry it (only
        # a dead worker's email waits that long): longer than one delivery can take.
        "OUTBOX_LEASE_SECONDS": 300,
        "POLICY_OVERRIDES": {},
        # Seconds a browser or proxy may keep a public page answered to a signed-out visitor
        # (app/http_cache.py); pages for a signed-in user are never kept.
        "HTTP_PUBLIC_MAX_AGE": 300,
        # A date pins "today" for the whole app (tests, or TODAY=2027-03-01 in the environment
        # of a local installation to try renewals and deadlines); None: the UTC date.
        "TODAY": None,
    }


# Environment variable -> (config key, converter)
_ENV = {
    "SECRET_KEY": ("SECRET_KEY", str),
    "DATABASE_URL": ("SQLALCHEMY_DATABASE_URI", str),
    "DATABASE_STATEMENT_TIMEOUT": ("DATABASE_STATEMENT_TIMEOUT", float),
    "UPLOAD_DIR": ("UPLOAD_DIR", str),
    # s3://bucket[/prefix]: files go to an S3-compatible store instead (app/storage/s3.py).
    "STORAGE_URL": ("UPLOAD_DIR", str),
    "MAIL_SERVER": ("MAIL_SERVER", str),
    "MAIL_PORT": ("MAIL_PORT", int),
    "MAIL_SENDER": ("MAIL_SENDER", str),
    "PUBLIC_BASE_URL": ("PUBLIC_BASE_URL", str),
    "OUTBOX_LEASE_SECONDS": ("OUTBOX_LEASE_SECONDS", float),
    "SESSION_COOKIE_SECURE": ("SESSION_COOKIE_SECURE", _bool),
    "SECURE_COOKIES": ("SECURE_COOKIES", str),
    "SESSION_IDLE_MINUTES": ("SESSION_IDLE_MINUTES", int),
    "SESSION_ABSOLUTE_HOURS": ("SESSION_ABSOLUTE_HOURS", int),
    "TRUSTED_PROXIES": ("TRUSTED_PROXIES", int),
}


def load_config(overrides: dict[str, Any] | None = None) -> dict[str, Any]:
    """Merge defaults, environment variables and ``overrides``, in that order."""
    config = default_config()
    for env_name, (key, convert) in _ENV.items():
        if env_name in os.environ and os.environ[env_name] != "":
            config[key] = convert(os.environ[env_name])
    config.update(overrides or {})
    _pin_dates(config, overrides or {})
    uri = config["SQLALCHEMY_DATABASE_URI"]
    if uri.startswith("postgres://"):  # Heroku-style URLs name the driver explicitly for psycopg 3
        uri = "postgresql+psycopg://" + uri.removeprefix("postgres://")
    elif uri.startswith("postgresql://"):
        uri = "postgresql+psycopg://" + uri.removeprefix("postgresql://")
    config["SQLALCHEMY_DATABASE_URI"] = uri
    config["SQLALCHEMY_ENGINE_OPTIONS"] = _engine_options(
        uri, config["SQLALCHEMY_ENGINE_OPTIONS"], config["DATABASE_STATEMENT_TIMEOUT"]
    )
    if not config["SECRET_KEY"]:
        config["SECRET_KEY"] = _instance_secret()
    return config


LOCAL_HOSTS = frozenset({"localhost", "127.0.0.1", "::1"})

# Environment variables that pin a date, and the setting each fills (local installations only).
DATE_PINS = {"TODAY": "TODAY"}


def local_configuration(config: dict[str, Any]) -> tuple[bool, str]:
    """Whether this is a developer's installation; the reason when it is not."""
    if os.environ.get("SECRET_KEY"):
        return False, "SECRET_KEY is set in the environment, as in production"
    if str(config.get("SECURE_COOKIES", "auto")).lower() in ("always", "true", "1"):
        return False, "SECURE_COOKIES is always, as in production"
    url = make_url(config["SQLALCHEMY_DATABASE_URI"])
    if url.get_backend_name() != "sqlite" and (url.host or "localhost") not in LOCAL_HOSTS:
        return False, f"the database is on {url.host}, not on this machine"
    return True, ""


def _pin_dates(config: dict[str, Any], overrides: dict[str, Any]) -> None:
    """Fill the date pins from the environment on a local installation; elsewhere ignore them
    with a warning, so a production server never runs on a pretend date. A value that is not a
    date (YYYY-MM-DD) stops the app from starting. Explicit overrides (tests) win."""
    for env_name, key in DATE_PINS.items():
        raw = os.environ.get(env_name, "").strip()
        if not raw or key in overrides:
            continue
        try:
            pinned = date.fromisoformat(raw)
        except ValueError:
            raise ValueError(f"{env_name}={raw!r} is not a date written as YYYY-MM-DD") from None
        local, reason = local_configuration(config)
        if not local:
            logging.getLogger(__name__).warning(
                "%s is ignored: this is not a local installation (%s).", env_name, reason
            )
            continue
        config[key] = pinned


def _engine_options(uri: str, given: dict[str, Any], statement_seconds: float) -> dict[str, Any]:
    """Time limits on every database call, all well inside gunicorn's (app/serving.py): a stuck
    database ends a request in the 503 page instead of getting the worker killed."""
    options = dict(given)
    connect_args = dict(options.get("connect_args") or {})
    if uri.startswith("sqlite"):
        options.pop("pool_pre_ping", None)
        connect_args.setdefault("timeout", serving.SQLITE_BUSY_TIMEOUT_SECONDS)
    elif uri.startswith("postgresql"):
        options.setdefault("pool_timeout", serving.DATABASE_POOL_TIMEOUT_SECONDS)
        connect_args.setdefault("connect_timeout", serving.DATABASE_CONNECT_TIMEOUT_SECONDS)
        if statement_seconds:
            limit = f"-c statement_timeout={int(statement_seconds * 1000)}"
            connect_args["options"] = f"{connect_args.get('options', '')} {limit}".strip()
    options["connect_args"] = connect_args
    return options


def _instance_secret() -> str:
    """A random key kept under instance/ so sessions survive restarts on a developer machine."""
    INSTANCE_DIR.mkdir(parents=True, exist_ok=True)
    path = INSTANCE_DIR / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_hex(32))
        path.chmod(0o600)
    return path.read_text().strip()
