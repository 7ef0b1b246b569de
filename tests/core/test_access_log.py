"""The access log gunicorn writes (with gunicorn.conf.py's logger) never holds a password-reset,
confirmation or invitation link in full, in the request line, the path, the query or the
referrer."""

from __future__ import annotations

import datetime
import logging
import runpy
from pathlib import Path
from types import SimpleNamespace

from gunicorn.config import Config

from app.serving import REDACTED, RedactingLogger

ROOT = Path(__file__).resolve().parents[2]
SECRET = "Zq3xY7pL-s3cr3t.t0ken"


def _logged(path: str, query: str = "", referrer: str = "") -> str:
    settings = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    assert settings["logger_class"] is RedactingLogger
    config = Config()
    config.set("accesslog", "-")
    config.set(
        "access_log_format",
        '%(h)s "%(r)s" %(U)s %(q)s "%(f)s" %({raw_uri}e)s %({referer}i)s %(s)s',
    )
    logger = settings["logger_class"](config)
    lines: list[str] = []

    class Keep(logging.Handler):
        def emit(self, record):
            lines.append(record.getMessage())

    logger.access_log.handlers = [Keep()]
    raw = path + (f"?{query}" if query else "")
    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": raw,
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "127.0.0.1",
        "HTTP_REFERER": referrer,
    }
    response = SimpleNamespace(status="200 OK", sent=10, headers=[])
    request = SimpleNamespace(headers=[("REFERER", referrer)])
    logger.access(response, request, environ, datetime.timedelta(seconds=0))
    assert len(lines) == 1
    return lines[0]


def test_reset_confirmation_and_invitation_tokens_are_redacted():
    for path in (f"/password/reset/{SECRET}", f"/verify/{SECRET}", f"/invitations/{SECRET}"):
        line = _logged(path, referrer=f"https://example.org{path}")
        assert SECRET not in line and REDACTED in line
        assert path.rsplit("/", 1)[0] in line  # which page it was stays readable


def test_tokens_in_query_strings_are_redacted_and_other_urls_are_kept():
    line = _logged("/login", query=f"next=/review&token={SECRET}")
    assert SECRET not in line and "next=/review" in line
    assert "/curricula/12?version=2" in _logged("/curricula/12", query="version=2")
