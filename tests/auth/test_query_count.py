"""The signed-in user is looked up with one query per request."""

from __future__ import annotations

from sqlalchemy import event

from app.auth.models import Role
from app.auth.services import load_user_from_session
from tests.factories import make_user


def test_the_session_user_is_one_query(app, db):
    user = make_user(Role.REVIEWER)
    identity = user.get_id()
    db.session.expunge_all()  # as at the start of a request: nothing in the identity map
    statements: list[str] = []

    def count(conn, cursor, statement, *args):
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        with app.test_request_context("/"):
            loaded = load_user_from_session(identity)
            assert load_user_from_session(identity.split(":")[0] + ":wrong") is None
    finally:
        event.remove(db.engine, "before_cursor_execute", count)
    assert loaded is not None and loaded.id == user.id
    assert len(statements) == 1, statements
