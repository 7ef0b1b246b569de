"""Records the program can defend, in a real browser: the public registry search finds a name
however it is typed; a name on a complaint's confidentiality list is on no page or export once
listed; a typed name unlike the number's holder blocks the registry until staff confirm."""

from __future__ import annotations

from datetime import date

import pytest

from app.auth.models import Role
from app.extensions import db
from app.registry.models import CertificationRecord
from tests.browser.axe import assert_accessible
from tests.browser.steps import sign_in
from tests.ce.factories import make_profile
from tests.factories import make_user

pytestmark = pytest.mark.browser


def _search(page, url, q):
    page.goto(url + "/registry")
    page.fill("#q", q)
    with page.expect_navigation():
        page.click("main form[role=search] button[type=submit]")
    return page.inner_text("main table")


def test_the_public_registry_finds_names_without_accents_in_any_order(live_server, page):
    url = live_server.url
    with live_server.app.app_context():
        for name, number in (
            ("Xiomara Quiñónez-Belén", "MPSS880001"),
            ("Xiomara Stone", "MPSS880002"),
        ):
            db.session.add(
                CertificationRecord(
                    legal_name=name,
                    certification_number=number,
                    issued_on=date(2025, 1, 1),
                    expires_on=date(2027, 1, 1),
                )
            )
        db.session.commit()
    for typed in ("Quinonez", "xiomara belen", "BELÉN QUIÑÓNEZ", "quinonez-belen"):
        found = _search(page, url, typed)
        assert "Xiomara Quiñónez-Belén" in found and "Xiomara Stone" not in found
    assert "MPSS880002" in _search(page, url, "mpss880002")
    assert "No certification matches" in _search(page, url, "Quinonez Stone")
    assert_accessible(page)


def test_a_listed_name_leaves_every_page_and_a_mismatch_blocks_the_registry(live_server, page):
    url = live_server.url
    listed = "Zelda Ferreira-Núñez"
    with live_server.app.app_context():
        profile = make_profile(legal_name="Quentin Holder")
        number = profile.certification_number
        reviewer = make_user(Role.REVIEWER).email
    page.goto(url + "/complaints/new")
    page.check("input[name=respondent_type][value=peer]")
    page.fill("#respondent_name", "Somebody Else")
    page.fill("#certification_number", number)
    page.fill("#nature", f"The peer told my family about {listed}'s treatment.")
    page.fill("#complainant_contact", "robin@example.org")
    with page.expect_navigation():
        page.click("main button[type=submit]")
    reference = page.inner_text(".reference")

    sign_in(page, url, reviewer)
    page.goto(url + "/complaints")
    with page.expect_navigation():
        page.click(f"text={reference}")
    detail = page.url
    assert listed in page.inner_text("main")  # not yet on the list
    identity = page.inner_text("#identity")
    assert "Somebody Else" in identity and "Quentin Holder" in identity
    assert "The names differ" in page.inner_text("main")
    page.fill("#name-name", "zelda ferreira nunez")
    with page.expect_navigation():
        page.click("text=Add to the list")
    with page.expect_navigation():
        page.click("text=Open the investigation")
    assert "Zelda" not in page.inner_text("main") and "Ferreira" not in page.inner_text("main")
    page.select_option("#decision-outcome", "suspend")
    page.fill("#decision-reason", f"Shared {listed}'s records.")
    with page.expect_navigation():
        page.click("text=Record the disposition and send the letters")
    text = page.inner_text("main")
    assert "confirm who the respondent is" in text and "Ferreira" not in text
    assert_accessible(page)

    page.goto(detail)
    page.fill("#respondent-note", "The complainant used the peer's work name; employer confirmed.")
    with page.expect_navigation():
        page.click("text=Confirm the respondent")
    page.select_option("#decision-outcome", "suspend")
    page.fill("#decision-reason", f"Shared {listed}'s records.")
    with page.expect_navigation():
        page.click("text=Record the disposition and send the letters")
    assert "decided" in page.inner_text("main")
    for path in ("/complaints", detail.removeprefix(url), "/complaints.csv"):
        body = page.request.get(url + path).text()
        assert "Ferreira" not in body and "Zelda" not in body, path
    page.goto(detail)
    with page.expect_navigation():
        page.click("text=show the names (confidential)")
    assert "zelda ferreira nunez" in page.inner_text("main table")
