"""``flask pages forget`` ends every cached page after a change made outside the app."""

from __future__ import annotations

from sqlalchemy import text

from app.auth.models import Role
from app.extensions import db as _db
from app.pagecache.web import HEADER
from tests.factories import login, make_user
from tests.submissions.factories import make_curriculum


def test_forget_renders_pages_again_after_a_hand_edit(app, runner):
    provider = make_user(Role.PROVIDER)
    curriculum = make_curriculum(provider, state="submitted", title="Old title")
    client = app.test_client()
    login(client, provider)
    client.get("/provider")
    assert client.get("/provider").headers[HEADER] == "hit"
    # An edit straight on the database connection, as a person at a SQL prompt would make it.
    with _db.engine.begin() as connection:
        connection.execute(
            text("UPDATE curriculum SET title = 'New title' WHERE id = :id"), {"id": curriculum.id}
        )
    assert client.get("/provider").headers[HEADER] == "hit"
    result = runner.invoke(args=["pages", "forget"])
    assert result.exit_code == 0 and "forgotten" in result.output
    response = client.get("/provider")
    assert response.headers[HEADER] == "miss" and "New title" in response.get_data(as_text=True)
