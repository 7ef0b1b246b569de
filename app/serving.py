"""How the app is served: gunicorn's time limit, the time limits of the calls a request makes
(each ends well before gunicorn would kill the worker, so a hung dependency ends in the 503
page, not a killed worker), and an access log that never writes a secret link.

Read by ``gunicorn.conf.py`` (gunicorn loads it from the working directory) and by the app's
configuration (``app/config.py``) and file store (``app/storage/s3.py``).
"""

from __future__ import annotations

import re

from gunicorn.glogging import Logger

# gunicorn kills a worker whose request runs longer than this.
SERVER_TIMEOUT_SECONDS = 30

# One call to the database: PostgreSQL's statement_timeout (DATABASE_STATEMENT_TIMEOUT, 0
# turns it off for a long maintenance command), SQLite's busy timeout (waiting for another
# writer), the wait for a free pooled connection, and for a new connection.
DATABASE_STATEMENT_TIMEOUT_SECONDS = 10
SQLITE_BUSY_TIMEOUT_SECONDS = 10
DATABASE_POOL_TIMEOUT_SECONDS = 5
DATABASE_CONNECT_TIMEOUT_SECONDS = 3

# One call to the object store (boto3): connecting, each read, and the attempts in all.
STORAGE_CONNECT_TIMEOUT_SECONDS = 2
STORAGE_READ_TIMEOUT_SECONDS = 4
STORAGE_ATTEMPTS = 2
# The readiness probe asks the database and the store at once and answers within this budget,
# whatever they do; each probe of the store has one attempt with these limits.
READY_BUDGET_SECONDS = 0.8
STORAGE_PROBE_TIMEOUT_SECONDS = 0.5


def storage_call_limit() -> float:
    """The longest one store call can take before it fails (boto3 backs off under a second
    between attempts)."""
    per_attempt = STORAGE_CONNECT_TIMEOUT_SECONDS + STORAGE_READ_TIMEOUT_SECONDS + 1
    return STORAGE_ATTEMPTS * per_attempt


# Links that carry a secret in their path (password reset, email confirmation, invitation)
# and query parameters that might.
_SECRET_PATH = re.compile(r"(/(?:password/reset|verify|invitations)/)[^/?#\s\"]+")
_SECRET_QUERY = re.compile(r"((?:^|[?&])(?:token|code|key)=)[^&#\s\"]*", re.IGNORECASE)
REDACTED = "[redacted]"


def redact(text: str | None) -> str | None:
    """``text`` (a request line, path, query or referrer) with the secrets replaced."""
    if not text:
        return text
    return _SECRET_QUERY.sub(r"\1" + REDACTED, _SECRET_PATH.sub(r"\1" + REDACTED, text))


class RedactingLogger(Logger):
    """gunicorn's logger with the secret parts of URLs blanked in every access-log field that
    can carry one: the request line, path, query string, referrer and the raw environ values."""

    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        for key, value in atoms.items():
            if isinstance(value, str) and key not in ("t", "h", "s", "m", "H", "p"):
                atoms[key] = redact(value)
        return atoms
