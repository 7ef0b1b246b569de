"""Messages of the pure cores and services in the page's language (app.i18n.messages), and the
pages that show them: a Spanish peer reads a CE rule's reason and a refused form in Spanish."""

from __future__ import annotations

import html
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from flask_babel import refresh

from app.auth.models import Role
from app.dates import add_years
from app.i18n.messages import all_translated, translated
from app.messages import LongDate, Message, joined, sentence, term
from tests.ce.factories import post_entry
from tests.factories import login, make_user
from tests.forms import post_file

CURRICULA = Path(__file__).resolve().parents[2] / "curricula"
ISSUED = add_years(datetime.now(UTC).date(), -1)
COURSE_DAY = (ISSUED + timedelta(days=30)).isoformat()


def _completed_outside() -> Message:
    return Message(
        "Completed on %(date)s, outside the period %(start)s to %(end)s (%(citation)s).",
        date=date(2027, 1, 5),
        start=date(2025, 3, 1),
        end=date(2027, 2, 28),
        citation="§207.3",
    )


def test_english_pages_show_the_english_text(app):
    message = _completed_outside()
    with app.test_request_context(headers={"Accept-Language": "en"}):
        assert translated(message) == str(message)


def test_spanish_pages_translate_the_template_and_write_dates_and_numbers_in_spanish(app):
    with app.test_request_context(headers={"Accept-Language": "es"}):
        completed = _completed_outside()
        assert translated(completed) == (
            "Se completó el 5 de enero de 2027, fuera del período del 1 de marzo de 2025 al "
            "28 de febrero de 2027 (§207.3)."
        )
        short = Message(
            "%(counted)s of %(required)s law-and-ethics hours counted; %(more)s more needed.",
            counted=4.5,
            required=6.0,
            more=1.5,
        )
        assert translated(short) == "Se cuentan 4.5 de 6 horas de ley y ética; faltan 1.5."
        kept = Message(
            "Keep the records of “%(title)s” until %(date)s: two years after the renewal "
            "application it counted for (%(citation)s).",
            title="Ética",
            date=LongDate(date(2027, 12, 7)),
            citation="§207.13.A",
        )
        assert "hasta el 7 de diciembre de 2027" in translated(kept)


def test_values_that_are_messages_or_lists_are_translated_too(app):
    with app.test_request_context(headers={"Accept-Language": "es"}):
        cannot = Message("A %(status)s certification cannot be renewed.", status=term("suspended"))
        assert translated(cannot) == "Una certificación suspendida no se puede renovar."
        missing = Message(
            "Missing %(fields)s, which the evidence must show (%(citation)s).",
            fields=joined([Message("title"), Message("hours or units")]),
            citation="§207.13.B",
        )
        assert translated(missing) == (
            "Falta título, horas o unidades, que la prueba debe mostrar (§207.13.B)."
        )
        problems = sentence(
            [
                Message("the legal name is required"),
                Message("the active date cannot be in the future"),
            ]
        )
        assert translated(problems) == (
            "El nombre legal es obligatorio; la fecha de activación no puede estar en el futuro."
        )


def test_plain_text_and_untranslated_templates_pass_through(app):
    with app.test_request_context(headers={"Accept-Language": "es"}):
        assert translated("Accept or reject the proof.") == "Acepte o rechace el comprobante."
        assert translated("Not in the catalogue at all.") == "Not in the catalogue at all."
        assert translated(Message("Not in the catalogue %(n)s.", n=2)) == "Not in the catalogue 2."
        assert translated("") == ""
        assert all_translated([Message("title"), "As it is"]) == ["título", "As it is"]
        assert all_translated(None) == []


@pytest.fixture
def spanish_peer(app, db):
    """A signed-in peer who reads Spanish, with a claimed certification issued a year ago."""
    from app.extensions import db as database
    from app.registry import services as registry

    client = app.test_client()
    client.user = make_user(Role.PEER)
    login(client, client.user)
    client.post("/language", data={"locale": "es"})
    record = registry.create_record(
        database.session,
        None,
        legal_name="Jo Peer",
        certification_number=f"MPSS{200000 + client.user.id}",
        issued_on=ISSUED,
        expires_on=add_years(ISSUED, 2),
        email=client.user.email,
        today=max(ISSUED, date.today()),
    )
    code = registry.send_claim_code(database.session, None, record)
    database.session.commit()
    assert client.post("/ce/profile", data={"code": code}).status_code == 302
    return client


def _add(client, **overrides):
    """A course with a Spanish title in the current period, unless ``overrides`` say."""
    return post_entry(client, COURSE_DAY, **{"title": "Ética entre pares", **overrides})


def test_a_spanish_peer_reads_why_an_entry_does_not_count_in_spanish(spanish_peer):
    assert _add(spanish_peer, source="other").status_code == 302
    page = spanish_peer.get("/ce").get_data(as_text=True)
    assert "No proviene de una fuente aceptada para la renovación (App. C 5.B)." in page
    assert "Not from a source accepted" not in page
    # The JSON API keeps the English wording.
    summary = spanish_peer.get("/api/v1/ce/summary").get_json()
    reasons = [r for e in summary["entries"] for r in e["reasons"]]
    assert reasons == ["Not from a source accepted for renewal (App. C 5.B)."]


def test_a_spanish_peer_sees_a_refused_form_in_spanish(spanish_peer):
    refused = _add(spanish_peer, hours="30")
    assert refused.status_code == 422
    page = refused.get_data(as_text=True)
    assert "30 horas en un día es más de lo que cabe en un día (como máximo 24 al día" in page
    assert "is more than the days hold" not in page
    assert "Ética entre pares" in page  # what was typed comes back


def test_a_service_refusal_of_a_form_is_in_spanish(app, db):
    client = app.test_client()
    client.user = make_user(Role.PEER)
    login(client, client.user)
    client.post("/language", data={"locale": "es"})
    refused = client.post("/ce/profile", data={"code": "ABCDE-FGHIJ"})
    page = refused.get_data(as_text=True)
    assert "Este código no es válido o ya venció." in page
    assert "This code is not valid" not in page


def test_a_spanish_provider_reads_the_checker_findings_in_spanish_with_their_citations(app, db):
    client = app.test_client()
    client.user = make_user(Role.PROVIDER)
    login(client, client.user)
    client.post("/language", data={"locale": "es"})
    text = (CURRICULA / "core_incomplete_short.md").read_text()
    page = client.post("/check", data={"program": "", "text": text}).get_data(as_text=True)
    assert "Ninguna sesión cubre core-3 (" in page
    assert "La instrucción directa suma 33 h;" in page
    assert "Línea 7: el programa de estudios declara 80 h" in page
    assert "“Session 7: Crisis de-escalation in the field” nombra crisis-2" in page
    assert "§202.1.G" in page and "§212" in page and "§301.2" in page
    for english in ("No session covers", "Direct instruction adds up to", "the syllabus declares"):
        assert english not in page


def test_a_spanish_peer_reads_import_errors_by_row_in_spanish(spanish_peer):
    from app.ce.csvio import COLUMNS

    text = (
        ",".join(COLUMNS)
        + "\nLaw,P,2026-01-01,2025-12-01,in_person,6,,calmhsa_ce_provider,yes,le-99,\n"
    )
    response = post_file(spanish_peer, "/ce/import", text.encode(), "x.csv")
    page = html.unescape(response.get_data(as_text=True))
    assert response.status_code == 422
    assert "Línea 2, el último día: cae antes que el primer día" in page
    assert (
        "Línea 2, los temas de ley y ética: tema(s) desconocido(s): le-99; use los títulos o los "
        "identificadores de App. C 3.C (le-1, le-2, …)"
    ) in page
    assert "is before" not in page and "unknown topic" not in page


def test_registry_csv_errors_read_in_spanish_and_stay_english_for_the_cli(app):
    from app.registry.rules import COLUMNS, read_registry_csv

    text = ",".join(COLUMNS) + "\n,MPSS12,45/12/2024,2026-01-01,gone,none,,\n"
    rows, errors = read_registry_csv(text, date(2026, 1, 1))
    assert rows == []
    assert errors[0] == (
        "line 2, issued_on: '45/12/2024' reads as day/month; write dates as MM/DD/YYYY or "
        "YYYY-MM-DD"
    )
    with app.test_request_context(headers={"Accept-Language": "es"}):
        spanish = all_translated(errors)
    assert spanish[0] == (
        "línea 2, issued_on: '45/12/2024' se lee como día/mes; escriba las fechas como "
        "MM/DD/AAAA o AAAA-MM-DD"
    )
    assert "línea 2: el nombre legal es obligatorio" in spanish
    assert "línea 2, status: uno de active, suspended, revoked, expired" in spanish


def test_a_findings_competency_title_is_in_the_pages_language(app):
    message = Message(
        "No session covers %(id)s (%(competency)s); %(program)s must cover every competency of "
        "its framework.",
        id="core-2",
        competency="The role of advocacy",
        program=term("Refresher Training"),
    )
    with app.test_request_context(headers={"Accept-Language": "es"}):
        refresh()
        spanish = translated(message)
    assert "The role of advocacy" not in spanish and "core-2 (" in spanish
    unknown = Message(
        "%(id)s (%(competency)s) gets %(hours)s h.", id="x-9", competency="Kept", hours=1
    )
    with app.test_request_context(headers={"Accept-Language": "es"}):
        refresh()
        assert "(Kept)" in translated(unknown)  # an id the terms do not know keeps its title
