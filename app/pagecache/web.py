"""The view decorator that serves a page from the cache, and the app hook that sets it up.

A page is kept only when it answered 200 with HTML and showed no flashed message; it is
served only to the same signed-in session (its forms carry that session's CSRF token), for the
same address and query, on the same day, within ``PAGE_CACHE_SECONDS``, while the generation
is unchanged. The decorator goes under the route's role check, which still runs on every
request; a page that passed its object checks for this user stays valid until the data
(ownership included) changes, which bumps the generation.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from functools import cache, wraps
from typing import Any

from flask import Flask, current_app, g, make_response, request, session
from flask.globals import request_ctx
from flask_login import current_user
from sqlalchemy import select

from app import context
from app.extensions import db
from app.pagecache.models import GENERATION_ROW, PageGeneration
from app.pagecache.store import CachedPage, PageStore

EXTENSION = "page_cache"
HEADER = "X-Page-Cache"


_SEEN = "_page_generation"


@cache
def _generation_query():
    return select(PageGeneration.value).where(PageGeneration.id == GENERATION_ROW)


@cache
def generation_column():
    """The generation as a column, for a query the request makes anyway (the signed-in user's).

    Built once: constructing the expression costs more than running it."""
    return _generation_query().scalar_subquery()


def remember_generation(value: int | None) -> None:
    """Keep the generation read with the signed-in user for this request's page cache."""
    g.setdefault(_SEEN, value or 0)


def generation() -> int:
    """The committed generation as this request first saw it (with its user), else read now."""
    seen = g.get(_SEEN)
    if seen is not None:
        return seen
    return db.session.scalar(_generation_query()) or 0


def page_store() -> PageStore | None:
    """This process's store, or None when the cache is switched off (``PAGE_CACHE_BYTES = 0``)."""
    return current_app.extensions.get(EXTENSION)


def _key(seen_generation: int) -> tuple:
    slice_seconds = max(1, int(current_app.config["PAGE_CACHE_SECONDS"]))
    return (
        seen_generation,
        current_user.get_id(),  # the user and their sign-in (rotated at each sign-in)
        session.get("csrf_token"),  # the session whose token the page's forms carry
        request.full_path,
        context.today(),
        int(time.time() // slice_seconds),
    )


def cached_page(view: Callable) -> Callable:
    """Decorator: serve the view's page from the cache while nothing it shows has changed."""

    @wraps(view)
    def wrapped(*args: Any, **kwargs: Any):
        store = page_store()
        if store is None or request.method != "GET" or "_flashes" in session:
            return view(*args, **kwargs)
        seen = generation()
        page = store.get(_key(seen))
        if page is not None:
            response = current_app.response_class(page.body, mimetype=page.mimetype)
            response.headers[HEADER] = "hit"
            return response
        response = make_response(view(*args, **kwargs))
        flashed = getattr(request_ctx, "flashes", None)
        if response.status_code == 200 and response.mimetype == "text/html" and not flashed:
            # Keyed by the generation read before the view read its data: a write committed
            # meanwhile has bumped it, so this page is never served as newer than it is.
            store.put(_key(seen), CachedPage(response.get_data(), response.mimetype))
        response.headers[HEADER] = "miss"
        return response

    return wrapped


def init_page_cache(app: Flask) -> None:
    """Watch the database session for writes; give this process a store unless switched off."""
    from app.pagecache.hooks import install

    install(db.session.session_factory.class_)

    @app.teardown_request
    def _forget_generation(_error=None):
        # An application context can outlive one request (tests, CLI): its generation must not.
        g.pop(_SEEN, None)

    if int(app.config["PAGE_CACHE_BYTES"]) > 0:
        app.extensions[EXTENSION] = PageStore(int(app.config["PAGE_CACHE_BYTES"]))
