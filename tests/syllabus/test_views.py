"""The public check page."""

from __future__ import annotations

import html
import io
import re

import pytest
from markupsafe import escape

from app.syllabus.views import PREVIEW_CHARS


def test_form_page(client):
    page = client.get("/check").get_data(as_text=True)
    assert 'name="text"' in page and 'name="upload"' in page and 'label for="program"' in page


def test_paste_shows_report_rubric_and_heatmap(client, curricula):
    response = client.post(
        "/check", data={"program": "", "text": (curricula / "core_incomplete_short.md").read_text()}
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Does not pass" in page and "Competency missing" in page and "§202.1.G" in page
    assert "COMPETENCY_MISSING" not in page
    assert 'class="heatmap"' in page and "heat-4" in page and "<meter" in page


def test_upload_docx(client, curricula):
    data = {
        "program": "",
        "text": "",
        "upload": (io.BytesIO((curricula / "core_80_hour_syllabus.docx").read_bytes()), "s.docx"),
    }
    page = client.post("/check", data=data, content_type="multipart/form-data").get_data(
        as_text=True
    )
    assert "Passes every rule" in page


def test_bad_upload_is_a_clear_error(client):
    data = {"program": "core", "text": "", "upload": (io.BytesIO(b"MZ..."), "virus.exe")}
    response = client.post("/check", data=data, content_type="multipart/form-data")
    assert response.status_code == 422
    assert "cannot be read" in response.get_data(as_text=True)


def test_user_html_is_never_rendered(client):
    text = "---\nprogram: core\n---\n## <script>alert(1)</script> (2 hours) [core-1]\n<img src=x onerror=alert(1)>\n"
    page = client.post("/check", data={"program": "", "text": text}).get_data(as_text=True)
    assert "<script>alert(1)</script>" not in page
    assert "<img src=x" not in page


def test_downloads(client, curricula):
    form = {"program": "", "text": (curricula / "core_incomplete_short.md").read_text()}
    as_json = client.post("/check/download/json", data=form)
    assert as_json.mimetype == "application/json" and as_json.get_json()["passed"] is False
    as_csv = client.post("/check/download/csv", data=form)
    assert as_csv.mimetype == "text/csv" and "COMPETENCY_MISSING" in as_csv.get_data(as_text=True)
    assert client.post("/check/download/xml", data=form).status_code == 404


def test_csrf_is_required(csrf_app, curricula):
    client = csrf_app.test_client()
    form = {"program": "core", "text": "## Ethics (4 hours) [core-11]"}
    response = client.post("/check", data=form)
    assert response.status_code == 400
    assert "The CSRF token is missing." in response.get_data(as_text=True)
    html = client.get("/check").get_data(as_text=True)
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html).group(1)
    assert client.post("/check", data={**form, "csrf_token": token}).status_code == 200


def test_report_says_why_each_session_counts(client):
    text = "# Course (80 hours)\n## Ethics (2 hours)\n## Lunch (30 minutes)\n"
    page = client.post("/check", data={"program": "core", "text": text}).get_data(as_text=True)
    assert "Sessions as read" in page and "Counted: 2 h" in page and "App. C 4.C" in page
    assert "Declared by the syllabus (line 1)" in page


def test_hostile_syllabi_never_answer_500(client):
    from tests.syllabus.test_limits import CATASTROPHIC

    for name, text in CATASTROPHIC.items():
        response = client.post("/check", data={"program": "core", "text": text[:400_000]})
        assert response.status_code in (200, 413, 422, 429), name


RESTATED = (
    "---\nprogram: refresher\n---\n# Peer Refresher\n\nTotal: 40 hours\n\n"
    "## Module 1: Recovery and wellness (5 hours)\nHope.\n"
    "## Module 2: Ethics and boundaries (5 hours)\nEthics.\n"
    "## Module 3: Trauma-informed care (5 hours)\nTrauma.\n"
    "## Module 4: Cultural humility (5 hours)\nCulture.\n"
    "\n## Crosswalk\n\n| Competency area | Hours |\n|---|---|\n"
    "| Recovery and wellness | 5 |\n| Ethics and boundaries | 5 |\n"
    "| Trauma-informed care | 5 |\n| Cultural humility | 5 |\n"
)
TABLE = 21  # the first row of the crosswalk


def _hidden(page: str, name: str) -> str:
    import html

    found = re.search(rf'<input[^>]* type="hidden" name="{name}" value="([^"]*)">', page)
    return html.unescape(found.group(1))


def test_the_reading_is_shown_and_a_doubt_asks_for_confirmation(client):
    response = client.post("/check", data={"program": "", "text": RESTATED})
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Not decided until you confirm" in page and "Needs confirmation" in page
    assert 'id="read-21"' in page and 'name="confirm-21"' in page
    assert 'name="hours-8"' in page and 'name="add-8"' in page


def test_confirming_on_the_check_page_recomputes_the_verdict(client):
    data = {"program": "", "text": RESTATED, "corrections": "[]", "recheck": "1"}
    confirmed = client.post("/check", data={**data, f"confirm-{TABLE}": "1"})
    page = confirmed.get_data(as_text=True)
    assert "Passes every rule" in page and "Your corrections applied (1)" in page
    carried = _hidden(page, "corrections")
    # The corrections travel with the form: a second correction keeps the first.
    again = client.post("/check", data={**data, "corrections": carried, "counted-8": "no"})
    page = again.get_data(as_text=True)
    assert "Does not pass" in page and "Your corrections applied (2)" in page


def test_a_refused_reading_form_keeps_what_was_typed(client):
    data = {"program": "", "text": RESTATED, "corrections": "[]", "recheck": "1"}
    response = client.post("/check", data={**data, "hours-8": "five and a half"})
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Line 8: the hours must be a number" in page and 'value="five and a half"' in page
    bad = client.post("/check", data={**data, "corrections": "[{broken"})
    assert bad.status_code == 422 and "not readable" in bad.get_data(as_text=True)


HOSTILE_PAGES = {
    "8 KB of [": "[" * 8 * 1024,
    "20 KB of [](": "[](" * (20 * 1024 // 3),
    "4,000 [": "## Module (2 hours) [core-1]\n" + "[" * 4000,
    "200 KB of [": "[" * 200 * 1024,
    "a list nested 2,000 deep": "".join("  " * i + "1. x\n" for i in range(2000)),
    "9,000 sessions": "## Module (2 hours) [core-1]\n" * 9000,
}


def _cpu_of(function):
    import time

    start = time.process_time()
    result = function()
    return result, time.process_time() - start


@pytest.mark.parametrize("name", list(HOSTILE_PAGES))
def test_hostile_paste_answers_quickly_with_a_bounded_page(app, client, catalog, name):
    text = "Echoed once in the box\n\n" + HOSTILE_PAGES[name]
    client.post("/check", data={"program": "core", "text": "## Warm (1 hour)"})
    response, seconds = _cpu_of(
        lambda: client.post("/check", data={"program": "core", "text": text})
    )
    assert response.status_code in (200, 422), name
    # One copy of the text in the text box, a bounded preview and a bounded report: the page
    # stays within a small multiple of the escaped text plus a fixed allowance.
    page = response.get_data(as_text=True)
    escaped = len(str(escape(text)))
    assert len(page) < escaped + 2 * PREVIEW_CHARS * 6 + 1_500_000, name
    assert page.count("Echoed once in the box") <= 2  # the text box, and the preview
    # Under coverage's tracer (on in the test scripts) the 9,000-session check, its reading and its
    # doubts take about 10 s of CPU; the margin fails a page whose work grows faster than its
    # input (a quadratic step takes minutes at this size), not a traced or busy run.
    assert seconds < 30.0, f"{name}: {seconds:.2f} s of CPU"


def test_the_page_shows_the_first_rows_of_a_long_report_and_says_so(client):
    text = "## Module (2 hours) [core-1]\n" * 1000
    page = client.post("/check", data={"program": "core", "text": text}).get_data(as_text=True)
    assert "The first 300 of 1000 sessions are shown." in page
    assert "The first 300 of 1000 modules are shown." in page
    assert "and 988 more" in page  # the crosswalk lists twelve places per competency


def test_a_long_syllabus_is_previewed_in_part(client):
    text = "## Module (2 hours) [core-1]\n" * 2000
    page = client.post("/check", data={"program": "core", "text": text}).get_data(as_text=True)
    assert "characters are shown; the other" in page and "are in the text box above" in page


def test_an_uploaded_syllabus_comes_back_in_the_text_box_once(client, curricula):
    text = (curricula / "core_incomplete_short.md").read_text()
    data = {"program": "", "text": "", "upload": (io.BytesIO(text.encode()), "s.md")}
    page = client.post("/check", data=data, content_type="multipart/form-data").get_data(
        as_text=True
    )
    box = re.search(r'<textarea[^>]*name="text"[^>]*>(.*?)</textarea>', page, re.S).group(1)
    assert html.unescape(box).strip() == text.strip()
    assert 'type="hidden" name="text"' not in page
    assert 'form="check-form" formaction="/check/download/json"' in page


def test_a_refused_upload_is_explained_in_the_pages_language(client):
    data = {"program": "core", "text": "", "upload": (io.BytesIO(b"%PDF-no"), "plan.docx")}
    spanish = client.post(
        "/check", data=data, content_type="multipart/form-data", headers={"Accept-Language": "es"}
    )
    assert spanish.status_code == 422
    assert "no es un documento de Word" in spanish.get_data(as_text=True)
    data = {"program": "core", "text": "", "upload": (io.BytesIO(b"%PDF-no"), "plan.docx")}
    english = client.post("/check", data=data, content_type="multipart/form-data")
    assert "is not a Word document" in english.get_data(as_text=True)
