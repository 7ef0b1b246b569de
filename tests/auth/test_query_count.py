"""The signed-in user is looked up with one query per request."""

from __future__ import annotations

from sqlalchemy import event

from app.auth.models import Role
from app.auth.services import load_user_from_session
from tests.factories import login, make_user


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


def _statements_of(app, db, client, url: str) -> tuple[int, str]:
    statements: list[str] = []

    def count(conn, cursor, statement, *args):
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        response = client.get(url)
    finally:
        event.remove(db.engine, "before_cursor_execute", count)
    assert response.status_code == 200
    return len(statements), response.get_data(as_text=True)


def test_the_admin_page_shows_a_page_of_people_in_as_many_queries_for_many(app, db):
    admin = make_user(Role.ADMIN)
    make_user(Role.PROVIDER)
    client = app.test_client()
    login(client, admin)
    few, page = _statements_of(app, db, client, "/admin")
    assert "page=2" not in page
    for _ in range(60):
        make_user(Role.PROVIDER)  # each with an organization of its own
    many, page = _statements_of(app, db, client, "/admin")
    assert many == few
    assert page.count("out everywhere</button>") == 49  # 50 people, the admin among them
    assert "page=2" in page and "org_page=2" in page
    second, page = _statements_of(app, db, client, "/admin?page=2&org_page=2")
    assert second == few and "Previous" in page
