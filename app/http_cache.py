"""Caching as HTTP does it: validators for pages whose data has a version, and shared caching
for the public pages an anonymous visitor sees.

- A page whose data has a version calls :func:`not_modified` with that version after its
  authorization checks. Its ETag is a keyed hash of the version, the database's audit chain
  head (every change a person makes is audited, so it moves with any change the page can show),
  the signed-in user and session (the page's forms carry the session's CSRF token), today's
  date and the hour; a request whose ``If-None-Match`` names it gets 304 without rendering.
  Such pages stay ``no-store`` (``app/security.py``): they may hold personal data, so no cache
  keeps a copy; a client that keeps the validator itself revalidates instead of downloading.
- The public pages in :data:`PUBLIC_PAGES`, answered 200 to a visitor who is not signed in,
  without a flashed message, a CSRF token or a new cookie, are ``public, max-age`` (the
  configured ``HTTP_PUBLIC_MAX_AGE``) with ``Vary: Cookie``, so a proxy or browser may reuse
  them; everything else stays ``no-store``.
- Of those, the pages drawn only from the framework files (:data:`FILE_PAGES`) also carry
  ``Last-Modified``: the newer of the files' modification time and the process's start (a new
  release may change how a page looks). A visitor signed out whose ``If-Modified-Since`` is not
  older gets 304 before anything is rendered.
"""

from __future__ import annotations

import hashlib
import hmac
import time
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path

from flask import Response, current_app, g, request, session
from flask_login import current_user
from sqlalchemy import select

from app import context
from app.audit.models import AuditChainHead
from app.extensions import db

# Endpoints that show the same thing to every anonymous visitor (frameworks, competencies, the
# graph, help, the registry's public search, the list of approved providers, the directory of
# approved courses).
PUBLIC_PAGES = frozenset(
    {
        "framework.index",
        "framework.detail",
        "framework.competency",
        "framework.search",
        "framework.graph",
        "framework.path",
        "main.syllabus_format",
        "registry.search",
        "providers.index",
        "directory.index",
        "directory.course",
    }
)

# Public pages whose content comes from the framework files and the templates alone.
FILE_PAGES = frozenset(
    {
        "framework.index",
        "framework.detail",
        "framework.competency",
        "framework.graph",
        "main.syllabus_format",
    }
)

_STARTED = int(time.time())
_ETAG = "curriculum_mapper.page_etag"  # in the request's environ: g can outlive a request


def _audit_head() -> int:
    return db.session.scalar(select(AuditChainHead.seq).order_by(AuditChainHead.id).limit(1)) or 0


def page_etag(*version: object) -> str:
    """The ETag of this request's page for ``version`` (one query: the audit chain head)."""
    parts = (
        request.endpoint,
        *version,
        _audit_head(),
        current_user.get_id() if current_user.is_authenticated else "",
        session.get("csrf_token", ""),
        context.today().isoformat(),
        int(time.time() // 3600),  # the forms' CSRF tokens are renewed at least hourly
    )
    key = current_app.secret_key
    key = key.encode() if isinstance(key, str) else key
    digest = hmac.new(key, repr(parts).encode(), hashlib.sha256).hexdigest()
    return digest[:32]


def not_modified(*version: object) -> Response | None:
    """A 304 answer when the client already holds this page for ``version``, else None (the
    page is rendered and carries the ETag)."""
    if request.method not in ("GET", "HEAD") or "_flashes" in session:
        return None
    etag = page_etag(*version)
    request.environ[_ETAG] = etag
    if etag in request.if_none_match:
        response = current_app.response_class(status=304)
        response.set_etag(etag)
        return response
    return None


@lru_cache(maxsize=4)
def files_last_modified(directory: str) -> datetime:
    """When the files below ``directory`` (or this process's code) last changed, to the second.

    Read once per process, like the catalog itself (``cached_catalog``): a file edited while the
    process runs is not shown before a restart either.
    """
    stamps = [path.stat().st_mtime for path in Path(directory).rglob("*") if path.is_file()]
    return datetime.fromtimestamp(int(max([_STARTED, *stamps])), UTC)


def _file_page_last_modified() -> datetime | None:
    if request.endpoint not in FILE_PAGES or request.method not in ("GET", "HEAD"):
        return None
    return files_last_modified(str(current_app.config["FRAMEWORK_DIR"]))


def answer_unmodified() -> Response | None:
    """Before a file-backed public page is rendered: 304 when the signed-out visitor's copy is
    current, else None."""
    last_modified = _file_page_last_modified()
    since = request.if_modified_since
    if last_modified is None or since is None or current_user.is_authenticated:
        return None
    if since < last_modified:
        return None
    response = current_app.response_class(status=304)
    response.last_modified = last_modified
    return response


def public_max_age(response: Response) -> int | None:
    """Seconds a shared cache may keep ``response``, or None when it must keep no copy."""
    if (
        request.endpoint not in PUBLIC_PAGES
        or request.method not in ("GET", "HEAD")
        or response.status_code not in (200, 304)
        or "Set-Cookie" in response.headers
        or session.modified  # the answer will set a cookie
        or "_flashes" in session
        or "csrf_token" in g  # the page carries this session's CSRF token
        or current_user.is_authenticated
    ):
        return None
    return int(current_app.config["HTTP_PUBLIC_MAX_AGE"])


def set_cache_headers(response: Response) -> None:
    """Cache-Control (and the ETag a page asked for); called by the security headers hook."""
    etag = request.environ.get(_ETAG)
    if etag and response.status_code == 200:
        response.set_etag(etag)
    max_age = public_max_age(response)
    if max_age:
        response.headers["Cache-Control"] = f"public, max-age={max_age}"
        response.vary.add("Cookie")
        last_modified = _file_page_last_modified()
        if last_modified is not None:
            response.last_modified = last_modified
    else:
        response.headers["Cache-Control"] = "no-store"
