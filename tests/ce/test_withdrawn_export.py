"""A withdrawn CE entry (its provider's report fell after the peer's dispute) is marked as such in
the JSON API and in the CSV export, in either language, and a file carrying the mark imports
back without it: the marked row is reported and left out, the others are imported."""

from __future__ import annotations

import csv
import io

import pytest

from app.auth.models import Role
from app.ce import rosters
from app.ce.csvio import read_record
from app.ce.disputes import DisputeState, change_state
from tests.ce.factories import (
    claimed_peer_client,
    make_ce_course,
    make_entry,
    make_profile,
    post_roster,
)
from tests.factories import login, make_user

REASON = "The roster named the wrong day; =SUM(A1) is not a formula here."
ES = {"Accept-Language": "es"}
EN = {"Accept-Language": "en"}


@pytest.fixture
def peer(app, db):
    """A signed-in peer with one entry of their own and one reported by a provider and then
    withdrawn after their dispute was upheld."""
    course = make_ce_course()
    profile = make_profile(legal_name="Robin Park")
    make_entry(profile, title="Own course", hours=2.0)
    (reported,) = post_roster(app, db, course, profile)
    rosters.dispute(db.session, profile, reported.entry_id, "I was not there.")
    change_state(db.session, make_user(Role.REVIEWER), reported, DisputeState.UPHELD, REASON)
    db.session.commit()
    client = app.test_client()
    login(client, profile.user)
    client.withdrawn_on = reported.entry.withdrawn_at.date().isoformat()
    return client


def _rows(response) -> list[list[str]]:
    assert response.status_code == 200
    return list(csv.reader(io.StringIO(response.get_data(as_text=True))))


def test_the_api_marks_the_withdrawn_entry_with_its_day_and_reason(peer):
    entries = {e["title"]: e for e in peer.get("/api/v1/ce/entries").get_json()["entries"]}
    assert entries["Own course"]["withdrawn_on"] is None
    assert entries["Own course"]["withdrawn_reason"] is None
    withdrawn = entries["Boundaries CE"]
    assert withdrawn["withdrawn_on"] == peer.withdrawn_on
    assert withdrawn["withdrawn_reason"] == REASON


@pytest.mark.parametrize(
    ("language", "columns"),
    [(EN, ["withdrawn_on", "withdrawn_reason"]), (ES, ["Retirada el", "Motivo del retiro"])],
)
def test_the_csv_export_ends_with_the_withdrawn_columns(peer, language, columns):
    header, *rows = _rows(peer.get("/ce/export.csv", headers=language))
    assert header[-2:] == columns and len(header) == 13
    by_title = {row[0]: row for row in rows}
    assert by_title["Own course"][-2:] == ["", ""]
    day, reason = by_title["Boundaries CE"][-2:]
    assert day == peer.withdrawn_on
    assert reason == REASON  # user text, not starting with = + - @: kept as typed


def test_a_reason_that_looks_like_a_formula_is_kept_as_text(app, db, peer):
    from app.ce.models import CEEntryRecord

    entry = db.session.query(CEEntryRecord).filter_by(title="Boundaries CE").one()
    entry.withdrawn_reason = "=HYPERLINK(1)"
    db.session.commit()
    rows = _rows(peer.get("/ce/export.csv"))
    assert [r[-1] for r in rows if r[0] == "Boundaries CE"] == ["'=HYPERLINK(1)"]


def test_the_file_read_back_marks_the_row_withdrawn(peer):
    for language in (EN, ES):
        text = peer.get("/ce/export.csv", headers=language).get_data(as_text=True)
        reading = read_record(text)
        assert reading.layout.native and reading.ready
        marks = {e.title: e.withdrawn for e in reading.entries}
        assert marks == {"Own course": None, "Boundaries CE": REASON}


@pytest.mark.parametrize("language", [ES, EN])
def test_a_spanish_record_with_a_withdrawn_entry_imports_without_it(app, peer, language):
    exported = peer.get("/ce/export.csv", headers=ES).data
    other = claimed_peer_client(app)
    response = other.post(
        "/ce/import",
        data={"file": (io.BytesIO(exported), "registro.csv")},
        content_type="multipart/form-data",
        headers=language,
        follow_redirects=True,
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    told = (
        "1 marcadas como retiradas, no se importaron"
        if language == ES
        else "1 marked withdrawn, not imported"
    )
    assert told in page
    entries = other.get("/api/v1/ce/entries").get_json()["entries"]
    assert [(e["title"], e["withdrawn_on"]) for e in entries] == [("Own course", None)]


def test_importing_the_record_into_itself_changes_nothing(peer):
    before = peer.get("/api/v1/ce/entries").get_json()["entries"]
    exported = peer.get("/ce/export.csv", headers=ES).data
    response = peer.post(
        "/ce/import",
        data={"file": (io.BytesIO(exported), "registro.csv")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 302
    assert peer.get("/api/v1/ce/entries").get_json()["entries"] == before


def test_the_spanish_record_saved_as_a_workbook_keeps_the_mark(app, peer):
    from tests.workbooks import make_xlsx

    rows = _rows(peer.get("/ce/export.csv", headers=ES))
    other = claimed_peer_client(app)
    response = other.post(
        "/ce/import",
        data={"file": (io.BytesIO(make_xlsx(rows)), "registro.xlsx")},
        content_type="multipart/form-data",
        headers=ES,
    )
    assert response.status_code == 302, response.get_data(as_text=True)
    titles = [e["title"] for e in other.get("/api/v1/ce/entries").get_json()["entries"]]
    assert titles == ["Own course"]
