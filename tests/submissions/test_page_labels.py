"""Pages name programs in words, not by their codes."""

from __future__ import annotations

from app.auth.models import Role
from tests.factories import login, make_user
from tests.submissions.factories import make_curriculum


def test_the_queue_names_the_program_it_filters_by(app, db):
    make_curriculum(state="submitted", program="pcfm", title="Family peers")
    client = app.test_client()
    login(client, make_user(Role.REVIEWER))
    page = client.get("/review?program=pcfm").get_data(as_text=True)
    caption = page.split("<caption>", 1)[1].split("</caption>", 1)[0]
    assert "Parent, Caregiver, Family Member" in caption and "pcfm" not in caption


def test_the_rosters_page_names_each_course_program(app, db):
    provider = make_user(Role.PROVIDER)
    make_curriculum(provider, state="approved", program="core", title="Core course")
    client = app.test_client()
    login(client, provider)
    page = client.get("/provider/rosters").get_data(as_text=True)
    assert "Core course" in page
    assert "(core)" not in page
