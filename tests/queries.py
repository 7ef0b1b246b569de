"""Counting the SQL statements a block of code sends, for tests that hold a page or a service to
a fixed number of queries however many rows it shows."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import event


@contextmanager
def counting(engine) -> Iterator[list[str]]:
    """The statements ``engine`` executes inside the block, in order."""
    statements: list[str] = []

    def count(conn, cursor, statement, *args):
        statements.append(statement)

    event.listen(engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", count)


def statements_of(engine, client, url: str) -> tuple[int, str]:
    """How many statements a GET of ``url`` costs, and the page it answers (which must be 200)."""
    with counting(engine) as statements:
        response = client.get(url)
    assert response.status_code == 200, response.status_code
    return len(statements), response.get_data(as_text=True)
