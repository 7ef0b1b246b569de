"""The checker's reasons, grounds and errors on a Spanish check page are in Spanish."""

from __future__ import annotations

import io
import json

from app.messages import Message
from app.syllabus.services import check_syllabus
from app.syllabus.stored_text import for_storage, restored_report
from tests.syllabus.test_views import RESTATED

SPANISH = {"Accept-Language": "es"}
RECHECK = {"program": "", "text": RESTATED, "corrections": "[]", "recheck": "1"}


def test_the_reading_tables_grounds_read_in_spanish(client):
    english = client.post("/check", data={"program": "", "text": RESTATED}).get_data(as_text=True)
    assert "equal the hours of the sessions read elsewhere" in english
    assert "a labelled part with its duration" in english and "read from the header" in english
    page = client.post("/check", data={"program": "", "text": RESTATED}, headers=SPANISH).get_data(
        as_text=True
    )
    assert "son iguales a las horas de las sesiones leídas en otra parte" in page
    assert "se leyó como: enseñanza propia; sus filas se cuentan." in page
    assert "una parte con nombre y su duración" in page and "leído del encabezado" in page
    assert "Revisar de nuevo con mis correcciones" in page
    for english_text in (
        "read elsewhere",
        "labelled part",
        "read from the",
        "read as:",
        "Check again with my corrections",
    ):
        assert english_text not in page


def test_a_refused_reading_form_says_what_to_fix_in_spanish(client):
    response = client.post("/check", data={**RECHECK, "hours-8": "cinco"}, headers=SPANISH)
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Línea 8: las horas deben ser un número, no “cinco”." in page
    assert "must be a number" not in page


def test_a_correction_that_cannot_apply_is_named_in_spanish(client):
    carried = json.dumps([{"line": 3, "field": "colour", "value": 1}])
    response = client.post("/check", data={**RECHECK, "corrections": carried}, headers=SPANISH)
    page = response.get_data(as_text=True)
    assert "Corrección 1 (línea 3): campo desconocido" in page
    assert "unknown field" not in page


def test_an_unreadable_file_type_is_explained_in_spanish(client):
    data = {"program": "core", "text": "", "upload": (io.BytesIO(b"x"), "plan.odt")}
    page = client.post(
        "/check", data=data, content_type="multipart/form-data", headers=SPANISH
    ).get_data(as_text=True)
    assert "No se pueden leer archivos de tipo .odt" in page
    assert "cannot be read" not in page


def test_a_stored_reading_keeps_the_templates_of_its_grounds(catalog):
    report = check_syllabus(RESTATED, catalog=catalog)
    stored = json.loads(json.dumps(for_storage(report)))
    reading = restored_report(stored).reading
    grounds = [row["grounds"] for part in ("sessions", "doubts", "totals") for row in reading[part]]
    assert grounds and all(isinstance(g, Message) for g in grounds)
    assert grounds == [
        row["grounds"] for part in ("sessions", "doubts", "totals") for row in report.reading[part]
    ]
