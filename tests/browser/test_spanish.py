"""A peer switches to Spanish and logs a CE course: every page of the journey is in Spanish.

Each page's text is checked against the English of the catalogue (no English phrase that has a
Spanish translation is visible) and with axe-core at 1280 and 390 px, in English and Spanish.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest

from app.auth.demo import DEMO_PASSWORD
from tests.browser.axe import assert_accessible
from tests.browser.language import ENGLISH

pytestmark = pytest.mark.browser

WIDTHS = (1280, 390)


def _untranslated(page) -> list[str]:
    text = " ".join(page.inner_text("body").split())
    return sorted(p for p in ENGLISH if re.search(rf"(?<!\w){re.escape(p)}(?!\w)", text))


def _check(page, label):
    assert page.get_attribute("html", "lang") == "es", label
    assert _untranslated(page) == [], label
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        assert_accessible(page)
        # The longer Spanish words still fit the width: nothing scrolls sideways.
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{label} at {width} px is {overflow} px too wide"
    page.set_viewport_size({"width": 1280, "height": 900})


def test_a_peer_logs_a_course_in_spanish(live_server, page):
    url = live_server.url
    result = live_server.app.test_cli_runner().invoke(args=["demo", "load", "--demo"])
    assert result.exit_code == 0, result.output

    page.goto(url + "/login")
    assert page.get_attribute("html", "lang") == "en"
    for width in WIDTHS:  # the same pages in English pass axe too
        page.set_viewport_size({"width": width, "height": 900})
        assert_accessible(page)
    page.set_viewport_size({"width": 1280, "height": 900})
    with page.expect_navigation():
        page.click(".language-switch a[lang=es]")
    assert page.url.endswith("/login")
    _check(page, "sign-in page")
    assert "Iniciar sesión" in page.inner_text("main")

    page.fill("#email", "peer@curriculum.example")
    page.fill("#password", DEMO_PASSWORD)
    with page.expect_navigation():
        page.click("main button[type=submit]")
    page.goto(url + "/ce")
    _check(page, "CE record")
    main = page.inner_text("main")
    # The demo peer's hours depend on what earlier tests posted to the record: only the words
    # and the number's form are checked.
    assert "Mi educación continua" in main
    assert re.search(r"Horas de EC \(§207\.3\): \d+(\.\d+)? de 20", main)

    page.click("text=Agregar una entrada")
    page.wait_for_url("**/ce/entries/new")
    _check(page, "new entry form")
    # A refused form comes back in Spanish, with what to fix.
    with page.expect_navigation():
        page.click("main button[type=submit]")
    _check(page, "refused entry form")
    assert "Hay un problema" in page.inner_text("main")

    day = (datetime.now(UTC).date() - timedelta(days=12)).isoformat()
    page.fill("#title", "Ética en el apoyo entre pares")
    page.fill("#provider", "Golden State Peer Training")
    page.fill("#start_date", day)
    page.fill("#hours", "2.5")
    page.select_option("#source", "calmhsa_ce_provider")
    page.fill("#evidence", "certificado.pdf")
    with page.expect_navigation():
        page.click("main button[type=submit]")
    _check(page, "CE record after saving")
    main = page.inner_text("main")
    assert "La entrada se agregó." in page.inner_text("body")
    assert (
        "Ética en el apoyo entre pares" in main and "Horas de EC (§207.3): 20,5 de 20" not in main
    )

    # The choice is remembered on the next visit and saved with the account.
    page.goto(url + "/frameworks")
    assert page.get_attribute("html", "lang") == "es"
