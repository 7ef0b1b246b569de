"""The signed-in user is looked up with one query per request."""

from __future__ import annotations

from app.auth.models import Role
from app.auth.services import load_user_from_session
from tests.factories import login, make_user
from tests.queries import counting, statements_of


def test_the_session_user_is_one_query(app, db):
    user = make_user(Role.REVIEWER)
    identity = user.get_id()
    db.session.expunge_all()  # as at the start of a request: nothing in the identity map
    with counting(db.engine) as statements, app.test_request_context("/"):
        loaded = load_user_from_session(identity)
        assert load_user_from_session(identity.split(":")[0] + ":wrong") is None
    assert loaded is not None and loaded.id == user.id
    assert len(statements) == 1, statements


def test_the_admin_page_shows_a_page_of_people_in_as_many_queries_for_many(app, db):
    admin = make_user(Role.ADMIN)
    make_user(Role.PROVIDER)
    client = app.test_client()
    login(client, admin)
    few, page = statements_of(db.engine, client, "/admin")
    assert "page=2" not in page
    for _ in range(60):
        make_user(Role.PROVIDER)  # each with an organization of its own
    many, page = statements_of(db.engine, client, "/admin")
    assert many == few
    assert page.count("out everywhere</button>") == 49  # 50 people, the admin among them
    assert "page=2" in page and "org_page=2" in page
    second, page = statements_of(db.engine, client, "/admin?page=2&org_page=2")
    assert second == few and "Previous" in page
