"""The public directory of approved courses: filters, pages, each course, the provider's details."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from app.audit.models import AuditEvent
from app.auth.models import Role
from app.directory import services
from app.directory.models import CourseListing
from app.errors import DomainError
from app.extensions import db as _db
from app.providers.models import ProviderStanding
from app.providers.standing import Standing
from tests.directory.factories import make_listed_course
from tests.factories import login, make_user
from tests.queries import statements_of
from tests.submissions.factories import make_curriculum

TODAY = date(2026, 6, 1)


@pytest.fixture
def pinned(app):
    app.config["TODAY"] = TODAY
    return app


def _titles(filters=None, page=1):
    filters = filters or services.Filters()
    result = services.directory_page(_db.session, filters, today=TODAY, page=page)
    return [c.curriculum.title for c in result.courses], result


def test_only_approved_courses_in_force_aremake_listed_course(pinned, db):
    make_listed_course("Approved core")
    make_curriculum(state="draft", title="A draft")
    make_curriculum(state="submitted", title="Under review")
    titles, result = _titles()
    assert titles == ["Approved core"] and result.total == 1
    assert (
        services.directory_page(db.session, services.Filters(), today=date(2029, 1, 1)).total == 0
    )


def test_a_provider_not_in_good_standing_is_notmake_listed_course(pinned, db):
    course = make_listed_course("Suspended provider's course")
    db.session.add(
        ProviderStanding(
            organization_id=course.organization_id, standing=Standing.SUSPENDED, since=TODAY
        )
    )
    db.session.commit()
    assert _titles()[1].total == 0
    assert services.listed_course(db.session, course.id, today=TODAY) is None


def test_filters_by_type_place_language_and_format(pinned, db):
    make_listed_course("Sacramento core", fmt="in_person", county="Sacramento")
    make_listed_course("Online Spanish core", language="Spanish", fmt="online")
    make_listed_course("Hybrid Fresno core", fmt="hybrid", county="Fresno")
    make_listed_course("Crisis course", program="crisis", fmt="in_person", county="Fresno")
    make_listed_course("Unstated core")
    assert _titles(services.Filters(program="crisis"))[0] == ["Crisis course"]
    assert _titles(services.Filters(place="Fresno"))[0] == ["Crisis course", "Hybrid Fresno core"]
    assert _titles(services.Filters(place=services.ONLINE))[0] == [
        "Hybrid Fresno core",
        "Online Spanish core",
    ]
    assert _titles(services.Filters(language="Spanish"))[0] == ["Online Spanish core"]
    assert _titles(services.Filters(delivery_format="in_person"))[0] == [
        "Crisis course",
        "Sacramento core",
    ]
    _, result = _titles()
    assert result.counties == ["Fresno", "Sacramento"]
    assert result.languages == ["English", "Spanish"]


def test_the_page_is_public_paged_cached_and_costs_the_same_for_many(pinned, db, client):
    make_listed_course("Course 00", fmt="in_person", county="Alameda")
    few, page = statements_of(_db.engine, client, "/courses")
    assert "Course 00" in page and "Alameda" in page
    for number in range(1, 45):
        make_listed_course(
            f"Course {number:02}", fmt="online" if number % 2 else "in_person", county="Kern"
        )
    many, page = statements_of(_db.engine, client, "/courses")
    assert many == few
    assert "Course 19" in page and "Course 20" not in page and "page=2" in page
    _, third = statements_of(_db.engine, client, "/courses?page=3&place=Kern")
    assert "Page 2 of 2" in third  # 22 in Kern: the last page is shown
    response = client.get("/courses")
    assert response.headers["Cache-Control"].startswith("public, max-age=")
    assert "Cookie" in response.headers["Vary"]


def test_a_course_page_shows_its_details(pinned, db, client):
    provider = make_user(Role.PROVIDER)
    course = make_listed_course("Detailed core", provider=provider, fmt="hybrid", county="Yolo")
    services.save_listing(
        db.session,
        provider,
        course,
        delivery_format="hybrid",
        county="  Yolo ",
        place="Davis",
        contact="enrol@academy.example",
    )
    db.session.commit()
    page = client.get(f"/courses/{course.id}").get_data(as_text=True)
    for text in ("Detailed core", "Hybrid", "Davis, Yolo", "enrol@academy.example", "2026-01-01"):
        assert text in page
    assert course.organization.name in page
    assert client.get(f"/courses/{course.id}").headers["Cache-Control"].startswith("public")
    draft = make_curriculum(state="draft", title="Not yet")
    assert client.get(f"/courses/{draft.id}").status_code == 404


def test_the_provider_fills_the_details_and_each_change_is_audited(app, db, client):
    provider = make_user(Role.PROVIDER)
    course = make_curriculum(provider, title="Own course")
    login(client, provider)
    assert "Directory details" in client.get(f"/curricula/{course.id}").get_data(as_text=True)
    response = client.post(
        f"/curricula/{course.id}/listing",
        data={"delivery_format": "online", "county": "", "place": "", "contact": "x@y.example"},
    )
    assert response.status_code == 302
    listing = db.session.get(CourseListing, course.id)
    assert (listing.delivery_format, listing.contact) == ("online", "x@y.example")
    event_ = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "directory_listing"))
    assert event_.subject_id == course.id and event_.actor_id == provider.id
    refused = client.post(
        f"/curricula/{course.id}/listing",
        data={"delivery_format": "by pigeon", "county": "Kern", "place": "", "contact": ""},
    )
    assert refused.status_code == 400
    assert 'value="Kern"' in refused.get_data(as_text=True)  # what was typed comes back
    with pytest.raises(DomainError):
        services.save_listing(
            db.session, provider, course, delivery_format="x", county="", place="", contact=""
        )
