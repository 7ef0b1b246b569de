"""The public check page."""

from __future__ import annotations

import io
import re


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
