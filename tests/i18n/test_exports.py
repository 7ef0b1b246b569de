"""Downloaded files are headed in the page's language, and a Spanish CE record comes back in."""

from __future__ import annotations

import csv
import io
import zipfile
from datetime import date
from pathlib import Path

import pytest
from flask_babel import refresh

from app.auth.models import Role
from app.ce.spreadsheet import NATIVE, SPANISH_EXCHANGE, WITHDRAWN_COLUMNS
from app.i18n.exports import ce_record_header
from tests.ce.factories import claimed_peer_client
from tests.ce.test_views import _add, _profile
from tests.factories import login, make_user
from tests.forms import post_file

ES = {"Accept-Language": "es"}
EN = {"Accept-Language": "en"}


@pytest.fixture
def reviewer(app, db):
    client = app.test_client()
    login(client, make_user(Role.REVIEWER))
    return client


def _signed_in_peer(app):
    client = app.test_client()
    client.user = make_user(Role.PEER)
    login(client, client.user)
    return client


@pytest.fixture
def peer(app, db):
    return _signed_in_peer(app)


def _header(response) -> list[str]:
    assert response.status_code == 200 and response.mimetype == "text/csv"
    return next(csv.reader(io.StringIO(response.get_data(as_text=True))))


def _xlsx_text(data: bytes) -> str:
    archive = zipfile.ZipFile(io.BytesIO(data))
    return archive.read("xl/worksheets/sheet1.xml").decode() + archive.read(
        "xl/workbook.xml"
    ).decode("utf-8")


def test_dhcs_report_csv_and_xlsx_are_headed_in_spanish(reviewer):
    spanish = _header(reviewer.get("/reports/dhcs.csv?fy=2025", headers=ES))
    assert spanish == ["Punto del Apéndice E", "Dato", "Categoría", "Cantidad"]
    english = _header(reviewer.get("/reports/dhcs.csv?fy=2025", headers=EN))
    assert english == ["App. E item", "Data element", "Category", "Count"]

    sheet = _xlsx_text(reviewer.get("/reports/dhcs.xlsx?fy=2025", headers=ES).data)
    assert "Punto del Apéndice E" in sheet and 'name="AF 2025-26"' in sheet
    assert "App. E item" not in sheet
    sheet = _xlsx_text(reviewer.get("/reports/dhcs.xlsx?fy=2025", headers=EN).data)
    assert "App. E item" in sheet and 'name="FY 2025-26"' in sheet


@pytest.mark.parametrize(
    ("path", "english", "spanish"),
    [
        ("/review/queue.csv", "Days left (§803.3)", "Días restantes (§803.3)"),
        ("/registry.csv", "Certification number", "Número de certificación"),
        ("/review/appeals.csv", "1. Date of request", "1. Fecha de la solicitud"),
        ("/complaints.csv", "J. Letter of disposition sent", None),
    ],
)
def test_logs_and_lists_are_headed_in_the_page_language(reviewer, path, english, spanish):
    en = _header(reviewer.get(path, headers=EN))
    es = _header(reviewer.get(path, headers=ES))
    assert english in en and english not in es
    assert len(en) == len(es)
    if spanish is not None:
        assert spanish in es


def test_complaints_log_headers_follow_its_columns(reviewer, app):
    from app.complaints.log import LOG_COLUMNS
    from app.i18n.exports import COMPLAINTS

    # Every column of the log has a label here, so no Spanish file has an English column.
    assert [key for key, _label in LOG_COLUMNS] == list(COMPLAINTS)
    with app.test_request_context(headers=EN):
        refresh()
        assert [str(COMPLAINTS[k]) for k, _label in LOG_COLUMNS] == [
            label for _k, label in LOG_COLUMNS
        ]


def test_syllabus_report_csv_takes_its_header_as_data():
    from app.syllabus.report import CSV_COLUMNS, Report

    report = Report(
        program="core",
        program_title="Core",
        framework="core",
        total_hours=0.0,
        required_hours=80.0,
        declared_total_hours=None,
        modules=[],
        competencies=[],
        findings=[],
    )
    assert report.to_csv().splitlines()[0] == ",".join(CSV_COLUMNS)
    labels = {key: key.upper() for key in CSV_COLUMNS}
    assert report.to_csv(labels).splitlines()[0] == ",".join(k.upper() for k in CSV_COLUMNS)


def test_the_syllabus_report_downloads_headed_in_spanish(client):
    syllabus = Path(__file__).resolve().parents[2] / "curricula" / "core_incomplete_short.md"
    form = {"program": "", "text": syllabus.read_text()}
    spanish = _header(client.post("/check/download/csv", data=form, headers=ES))
    english = _header(client.post("/check/download/csv", data=form, headers=EN))
    assert english[:3] == ["section", "id", "title"]
    assert spanish[:3] == ["Sección", "Identificador de la competencia", "Título"]
    assert spanish[-2:] == ["Mensaje", "Línea"] and len(spanish) == len(english)


def test_the_catalogue_heads_the_ce_record_with_the_words_the_import_reads(app):
    with app.test_request_context(headers=ES):
        assert ce_record_header() == [
            SPANISH_EXCHANGE[name] for name in (*NATIVE, *WITHDRAWN_COLUMNS)
        ]
    with app.test_request_context(headers=EN):
        refresh()  # the locale is cached in the app context the Spanish request opened
        assert ce_record_header() == [*NATIVE, *WITHDRAWN_COLUMNS]


def test_a_spanish_ce_record_downloads_in_spanish_and_imports_again(app, peer):
    _profile(peer)
    _add(peer, title="Ética y ley", hours="6")
    exported = peer.get("/ce/export.csv", headers=ES)
    rows = list(csv.reader(io.StringIO(exported.get_data(as_text=True))))
    assert rows[0][:3] == ["Título", "Proveedor", "Fecha de inicio"] and len(rows) == 2
    assert (
        peer.get("/ce/export.csv", headers=EN).get_data(as_text=True).startswith(",".join(NATIVE))
    )

    # Imported by another peer, in either language: read as the exchange format, no preview.
    for language in (ES, EN):
        other = claimed_peer_client(app)
        response = post_file(other, "/ce/import", exported.data, "registro.csv", headers=language)
        assert response.status_code == 302, response.get_data(as_text=True)
        entries = other.get("/api/v1/ce/entries").get_json()["entries"]
        assert [(e["title"], e["hours"]) for e in entries] == [("Ética y ley", 6.0)]


def test_a_spanish_ce_record_saved_as_a_workbook_imports_too(app, peer):
    from tests.workbooks import make_xlsx

    _profile(peer)
    _add(peer, title="Confidencialidad", hours="3")
    rows = list(csv.reader(io.StringIO(peer.get("/ce/export.csv", headers=ES).get_data(True))))
    other = claimed_peer_client(app)
    response = post_file(other, "/ce/import", make_xlsx(rows), "registro.xlsx", headers=ES)
    assert response.status_code == 302, response.get_data(as_text=True)
    titles = [e["title"] for e in other.get("/api/v1/ce/entries").get_json()["entries"]]
    assert titles == ["Confidencialidad"]


def test_confirmations_show_in_spanish_and_english_is_unchanged(app, db):
    app.config["TODAY"] = date(2026, 6, 1)
    staff = app.test_client()
    login(staff, make_user(Role.REVIEWER))
    record = {
        "legal_name": "Ana Ruiz",
        "issued_on": "2026-01-01",
        "expires_on": "2028-01-01",
    }

    def add(number: str, headers: dict) -> str:
        data = {**record, "certification_number": number}
        response = staff.post(
            "/registry/records/new", data=data, headers=headers, follow_redirects=True
        )
        return response.get_data(as_text=True)

    page = add("MPSS654321", ES)
    assert "El registro fue agregado." in page and "The record is added." not in page
    assert "The record is added." in add("MPSS654322", EN)

    admin = app.test_client()
    login(admin, make_user(Role.ADMIN))
    peer = make_user(Role.PEER, email="par@example.org")
    page = admin.post(
        f"/admin/users/{peer.id}/disable", headers=ES, follow_redirects=True
    ).get_data(as_text=True)
    assert "La cuenta par@example.org está desactivada" in page
    page = admin.post(f"/admin/users/{peer.id}/enable", headers=EN, follow_redirects=True).get_data(
        as_text=True
    )
    assert "par@example.org can sign in again." in page


def test_a_confirmation_in_the_address_is_not_shown(peer):
    """Confirmations are flashed by the server: text put in the address shows no message (it
    appears only escaped, in the language switch's return address)."""
    _profile(peer)
    peer.get("/ce")  # the claim's own confirmation is shown and gone
    crafted = "Your certification is revoked: call 555-0100"
    for key in ("success", "message", "notice", "flash"):
        page = peer.get(f"/ce?{key}={crafted}", headers=ES).get_data(as_text=True)
        assert 'class="flashes"' not in page
        assert ">" + crafted not in page and crafted + "<" not in page


def test_every_confirmation_in_the_views_is_translated():
    """A ``success=`` given to a form helper is a call (``_(...)``, ``ngettext(...)``) or a name
    holding one, never a plain or f-string literal, which would stay English on a Spanish page."""
    import ast
    from pathlib import Path

    import app as package

    def literal(value) -> bool:
        return isinstance(value, ast.JoinedStr) or (
            isinstance(value, ast.Constant) and isinstance(value.value, str) and value.value != ""
        )

    literals = []
    for path in Path(package.__file__).parent.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if isinstance(node, ast.keyword) and node.arg == "success":
                value = node.value
                values = [value.body, value.orelse] if isinstance(value, ast.IfExp) else [value]
                literals += [f"{path.name}:{value.lineno}" for v in values if literal(v)]
    assert literals == []
