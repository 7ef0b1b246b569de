"""The queue says what its filters combine with: the tab they apply within."""

from __future__ import annotations

from app.auth.models import Role
from tests.factories import login, make_user
from tests.submissions.factories import make_curriculum


def test_the_state_filter_says_it_applies_within_the_tab(app, db):
    reviewer = make_user(Role.REVIEWER)
    make_curriculum(state="approved", reviewer=reviewer, title="Approved course")
    client = app.test_client()
    login(client, reviewer)
    page = client.get("/review?view=open&state=approved").get_data(as_text=True)
    assert "The filters apply within the tab “Open items”" in page
    assert "view=all&amp;state=approved" in page and "Approved course" not in page
    every = client.get("/review?view=all&state=approved").get_data(as_text=True)
    assert "Approved course" in every and "state approved" in every
