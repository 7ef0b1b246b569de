"""The public directory of approved courses in a real browser: a future peer filters by type,
place and language, opens a course; axe at 1280 and 390 px."""

from __future__ import annotations

import pytest

from tests.browser.axe import assert_accessible
from tests.browser.steps import submit
from tests.directory.factories import make_listed_course

pytestmark = pytest.mark.browser


def test_a_future_peer_filters_the_directory_and_opens_a_course(live_server, page):
    url, app = live_server.url, live_server.app
    with app.app_context():
        make_listed_course("Directorio core en español", language="Spanish", fmt="online")
        make_listed_course(
            "Humboldt core in person",
            fmt="in_person",
            county="Humboldt",
            place="Eureka",
            contact="enrol@humboldt.example",
        )
        make_listed_course(
            "Humboldt crisis care", program="crisis", fmt="in_person", county="Humboldt"
        )
    page.goto(url + "/")
    page.click("nav >> text=Courses")
    assert_accessible(page)
    page.select_option("#program", "core")
    page.select_option("#place", "Humboldt")
    main = submit(page, "text=Show courses")
    assert "Humboldt core in person" in main
    assert "Humboldt crisis care" not in main and "Directorio core" not in main
    assert page.input_value("#place") == "Humboldt"  # the filters stay as chosen

    page.select_option("#place", "online")
    page.select_option("#language", "Spanish")
    main = submit(page, "text=Show courses")
    assert "Directorio core en español" in main and "Humboldt" not in main.split("found.")[1]
    page.set_viewport_size({"width": 390, "height": 844})
    assert_accessible(page)
    page.set_viewport_size({"width": 1280, "height": 900})

    page.goto(url + "/courses?place=Humboldt&program=core")
    page.click("text=Humboldt core in person")
    main = page.inner_text("main")
    assert "Eureka, Humboldt" in main and "enrol@humboldt.example" in main
    assert "In person" in main
    assert_accessible(page)
    page.set_viewport_size({"width": 390, "height": 844})
    assert_accessible(page)
