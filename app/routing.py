"""URL converters: ``<int:…>`` accepts only ids a database integer column can hold, so an
oversized id in a URL is a 404 rather than a database error."""

from __future__ import annotations

from flask import Flask
from werkzeug.routing import IntegerConverter

MAX_ID = 2**31 - 1  # PostgreSQL INTEGER; SQLite's is larger


class DatabaseIdConverter(IntegerConverter):
    def __init__(self, map, *args, **kwargs):
        kwargs.setdefault("max", MAX_ID)
        super().__init__(map, *args, **kwargs)


def init_routing(app: Flask) -> None:
    """Call before any blueprint is registered (rules bind their converters then)."""
    app.url_map.converters["int"] = DatabaseIdConverter


def parse_id(text: str | None) -> int | None:
    """An id from a query string, or None when it is not one a column can hold."""
    if not text or not text.isdigit() or len(text) > 10:
        return None
    value = int(text)
    return value if 0 < value <= MAX_ID else None
