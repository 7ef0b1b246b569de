"""Files through the browser: a provider uploads a syllabus and a supporting file and downloads
both. scripts/test.sh runs this on a local folder and again with the files in SeaweedFS."""

from __future__ import annotations

import pytest

from app.auth.models import Role
from tests.browser.axe import assert_accessible
from tests.factories import DEFAULT_PASSWORD, make_user

pytestmark = pytest.mark.browser

PDF = b"%PDF-1.4\n% supporting letter\n" + b"1" * 5000 + b"\n%%EOF\n"


def _download(page, link_text: str, tmp_path) -> tuple[str, bytes]:
    with page.expect_download() as download:
        page.click(f"main a:has-text('{link_text}')")
    target = tmp_path / download.value.suggested_filename
    download.value.save_as(target)
    return download.value.suggested_filename, target.read_bytes()


def test_provider_uploads_and_downloads_a_syllabus_and_a_supporting_file(
    live_server, page, tmp_path
):
    from tests.browser.test_pages import CURRICULA

    url = live_server.url
    with live_server.app.app_context():
        email = make_user(Role.PROVIDER).email
    page.goto(url + "/login")
    page.fill("#email", email)
    page.fill("#password", DEFAULT_PASSWORD)
    with page.expect_navigation():
        page.click("main button[type=submit]")

    syllabus = CURRICULA / "core_80_hour_syllabus.docx"
    page.goto(url + "/provider/curricula/new")
    page.select_option("#program", "core")
    page.fill("#title", "Stored syllabus")
    page.set_input_files("#upload", str(syllabus))
    with page.expect_navigation():
        page.click("main button[type=submit]")
    assert "saved as a draft" in page.inner_text("main")
    name, content = _download(page, "core_80_hour_syllabus.docx", tmp_path)
    assert name == "core_80_hour_syllabus.docx" and content == syllabus.read_bytes()

    page.set_input_files(
        "#file", {"name": "letter.pdf", "mimeType": "application/pdf", "buffer": PDF}
    )
    with page.expect_navigation():
        page.click("form[action$='/files'] button[type=submit]")
    assert "letter.pdf is attached" in page.inner_text("main")
    assert_accessible(page)
    name, content = _download(page, "letter.pdf", tmp_path)
    assert name == "letter.pdf" and content == PDF
