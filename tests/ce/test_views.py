"""The peer's pages: profile, entries, counts and reasons, CSV export and import, transcript, JSON."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from app.auth.models import Role
from app.ce.csvio import COLUMNS
from app.dates import add_years
from tests.ce.factories import post_entry
from tests.factories import login, make_user
from tests.forms import post_file
from tests.submissions.factories import make_curriculum

# Dates relative to today, so the record is always in its current period.
ISSUED = add_years(datetime.now(UTC).date(), -1)
ISSUED_ON = ISSUED.isoformat()
COURSE_DAY = (ISSUED + timedelta(days=30)).isoformat()


@pytest.fixture
def peer_client(app, db):
    client = app.test_client()
    client.user = make_user(Role.PEER)
    login(client, client.user)
    return client


def _profile(client, issued=ISSUED_ON):
    """The registry holds the peer's certification; the peer claims it with the emailed code."""
    from app.extensions import db
    from app.registry import services as registry
    from tests.registry.factories import make_record

    user_id, email = client.user.id, client.user.email
    issued_on = date.fromisoformat(issued)
    with client.application.app_context():
        record = make_record(
            certification_number=f"MPSS{100000 + user_id}",
            today=max(issued_on, date.today()),
            legal_name="Jo Peer",
            issued_on=issued_on,
            email=email,
        )
        code = registry.send_claim_code(db.session, None, record)
        db.session.commit()
    return client.post("/ce/profile", data={"code": code})


def _add(client, **overrides):
    """A law and ethics course (topic le-3) in the current period, unless ``overrides`` say."""
    return post_entry(
        client, COURSE_DAY, **{"law_ethics": "y", "law_ethics_topics": ["le-3"], **overrides}
    )


def test_dashboard_asks_for_the_profile_first(peer_client):
    assert peer_client.get("/ce").headers["Location"].endswith("/ce/profile")
    refused = peer_client.post("/ce/profile", data={"code": "MPSS123456"})
    assert refused.status_code == 422 and "not valid or has expired" in refused.get_data(
        as_text=True
    )
    assert _profile(peer_client).status_code == 302
    page = peer_client.get("/ce/profile").get_data(as_text=True)
    assert "come from the certification registry" in page and 'name="status"' not in page


def test_entries_update_counts_and_reasons(peer_client):
    _profile(peer_client)
    _add(peer_client)
    _add(peer_client)  # the same course again
    _add(
        peer_client,
        title="Psychology 101",
        provider="City College",
        hours="",
        units="3",
        source="accredited_school",
        law_ethics="",
        law_ethics_topics=[],
    )
    _add(
        peer_client,
        title="Webinar",
        provider="Someone",
        source="other",
        law_ethics="",
        law_ethics_topics=[],
    )
    page = peer_client.get("/ce").get_data(as_text=True)
    assert "CE hours (§207.3): 18 of 20" in page and "Law and ethics: 6 of 6" in page
    assert "App. C 1.A" in page and "App. C 5.B" in page
    # Peers never saw line numbers: the repeated course is named, not numbered.
    assert "The same course as “" in page and "(line" not in page
    assert "You need 2 more CE hours" in page


def test_validation_messages_next_to_fields(peer_client):
    _profile(peer_client)
    page = _add(peer_client, hours="", units="").get_data(as_text=True)
    assert "hours or academic units" in page


def test_export_import_round_trip_and_all_or_nothing(peer_client):
    _profile(peer_client)
    _add(peer_client)
    exported = peer_client.get("/ce/export.csv")
    assert exported.mimetype == "text/csv" and exported.get_data(as_text=True).startswith(
        ",".join(COLUMNS)
    )
    bad = (
        ",".join(COLUMNS)
        + "\nA,B,2026-01-01,,in_person,2,,other,no,,\nC,D,not-a-date,,in_person,2,,other,no,,\n"
    )
    response = post_file(peer_client, "/ce/import", bad.encode(), "x.csv")
    assert response.status_code == 422 and "Line 3, the first day" in response.get_data(
        as_text=True
    )
    summary = response.get_data(as_text=True).split("Nothing was imported")[1].split("</div>")[0]
    assert "start_date" not in summary
    response = post_file(peer_client, "/ce/import", exported.data, "x.csv")
    assert response.status_code == 302
    assert "1 already recorded" in peer_client.get("/ce").get_data(as_text=True)
    entries = peer_client.get("/api/v1/ce/entries").get_json()["entries"]
    assert len(entries) == 1  # re-importing the export adds nothing


def test_transcript_and_summary_json(peer_client):
    _profile(peer_client)
    _add(peer_client)
    assert "Jo Peer" in peer_client.get("/ce/transcript").get_data(as_text=True)
    summary = peer_client.get("/api/v1/ce/summary").get_json()
    assert summary["law_ethics_hours"] == 6 and summary["required_hours"] == 20


def test_peers_see_only_their_own_entries(app, db, peer_client):
    _profile(peer_client)
    _add(peer_client)
    entry_id = peer_client.get("/api/v1/ce/entries").get_json()["entries"][0]["id"]
    other = app.test_client()
    other.user = make_user(Role.PEER)
    login(other, other.user)
    _profile(other)
    assert other.get(f"/ce/entries/{entry_id}").status_code == 404
    assert other.post(f"/ce/entries/{entry_id}/delete").status_code == 404
    assert peer_client.post(f"/ce/entries/{entry_id}/delete").status_code == 302
    assert peer_client.get("/api/v1/ce/entries").get_json()["entries"] == []


def test_catalogue_fills_the_entry_from_an_approved_ce_course(app, db, peer_client, curricula):

    course = make_curriculum(
        state="approved",
        program="ce",
        title="Law and Ethics (approved)",
        text=(curricula / "ce_law_and_ethics_6_hours.md").read_text(),
    )
    _profile(peer_client)
    assert "Law and Ethics (approved)" in peer_client.get("/ce/catalogue").get_data(as_text=True)
    form = peer_client.get(f"/ce/entries/new?curriculum={course.id}").get_data(as_text=True)
    assert (
        'value="Law and Ethics (approved)"' in form and 'value="6.0"' in form
    ) or 'value="6"' in form
    assert '<option selected value="le-3">' in form


def test_delete_asks_for_confirmation_and_edit_shows_reasons(peer_client):
    _profile(peer_client)
    _add(peer_client, source="other")
    entry_id = peer_client.get("/api/v1/ce/entries").get_json()["entries"][0]["id"]
    edit = peer_client.get(f"/ce/entries/{entry_id}").get_data(as_text=True)
    assert "does not count" in edit and "App. C 5.B" in edit
    confirm = peer_client.get(f"/ce/entries/{entry_id}/delete")
    assert confirm.status_code == 200 and "Yes, delete this entry" in confirm.get_data(as_text=True)
    assert len(peer_client.get("/api/v1/ce/entries").get_json()["entries"]) == 1
    assert peer_client.post(f"/ce/entries/{entry_id}/delete").status_code == 302
    assert peer_client.get("/api/v1/ce/entries").get_json()["entries"] == []


def test_import_refuses_unknown_topics(peer_client):
    _profile(peer_client)
    text = ",".join(COLUMNS) + "\nLaw,P,2026-01-01,,in_person,6,,calmhsa_ce_provider,yes,le-99,\n"
    response = post_file(peer_client, "/ce/import", text.encode(), "x.csv")
    assert response.status_code == 422 and "le-99" in response.get_data(as_text=True)


def test_api_requires_a_signed_in_peer(app, client):
    response = client.get("/api/v1/ce/summary")
    assert response.status_code == 401 and response.get_json()["error"]["status"] == 401
    reviewer = app.test_client()
    login(reviewer, make_user(Role.REVIEWER))
    assert reviewer.get("/api/v1/ce/entries").status_code == 403


def test_demo_peer_has_a_record_that_shows_the_rules(db):
    from app.ce import demo
    from app.ce.services import profile_of, summary_for
    from app.policy import DEFAULT_POLICY

    peer = make_user(Role.PEER)
    demo.seed(db.session, {"users": {"peer": peer}})
    demo.seed(db.session, {"users": {"peer": peer}})  # idempotent
    db.session.commit()
    profile = profile_of(db.session, peer)
    assert profile.certification_number == "MPSS100234" and len(profile.entries) == 3
    summary = summary_for(profile, DEFAULT_POLICY, datetime.now(UTC).date())
    assert (summary["total_hours"], summary["law_ethics_hours"]) == (18, 6)
    assert [e["counted"] for e in summary["entries"]] == [True, True, False]


CORPUS = __import__("pathlib").Path(__file__).parent / "corpus" / "dev"


def _upload(client, name):
    return post_file(client, "/ce/import", (CORPUS / name).read_bytes(), name)


def test_import_reads_us_dates_topic_names_and_yes_spellings(peer_client):
    _profile(peer_client)
    assert _upload(peer_client, "us_dates_topic_names.csv").status_code == 302
    entries = peer_client.get("/api/v1/ce/entries").get_json()["entries"]
    assert len(entries) == 5
    assert {tuple(e["law_ethics_topics"]) for e in entries if e["law_ethics"]} == {
        ("le-9",),
        ("le-3", "le-4"),
        ("le-8",),
    }
    again = _upload(peer_client, "us_dates_topic_names.csv")
    assert again.status_code == 302
    assert "5 already recorded" in peer_client.get("/ce").get_data(as_text=True)
    assert len(peer_client.get("/api/v1/ce/entries").get_json()["entries"]) == 5


def test_another_layout_is_previewed_then_confirmed_with_the_source_asked(peer_client):
    _profile(peer_client)
    preview = _upload(peer_client, "course_name_layout.csv")
    page = preview.get_data(as_text=True)
    assert preview.status_code == 200 and "Check how your columns are read" in page
    assert "Completion Date" in page and "Source of every course" in page
    assert peer_client.get("/api/v1/ce/entries").get_json()["entries"] == []
    text = (CORPUS / "course_name_layout.csv").read_text()
    unanswered = peer_client.post("/ce/import", data={"text": text, "confirm": "y"})
    assert unanswered.status_code == 200
    assert peer_client.get("/api/v1/ce/entries").get_json()["entries"] == []
    unconfirmed = peer_client.post(
        "/ce/import",
        data={"text": text, "source": "calmhsa_ce_provider", "format": "online_live"},
    )
    assert unconfirmed.status_code == 200
    assert peer_client.get("/api/v1/ce/entries").get_json()["entries"] == []
    done = peer_client.post(
        "/ce/import",
        data={
            "text": text,
            "confirm": "y",
            "source": "calmhsa_ce_provider",
            "format": "online_live",
        },
    )
    assert done.status_code == 302
    entries = peer_client.get("/api/v1/ce/entries").get_json()["entries"]
    assert len(entries) == 4 and {e["source"] for e in entries} == {"calmhsa_ce_provider"}


def test_a_layout_without_needed_columns_is_refused_naming_them(peer_client):
    _profile(peer_client)
    response = _upload(peer_client, "transcript_no_provider.csv")
    assert response.status_code == 422
    assert "no column for a provider" in response.get_data(as_text=True)
