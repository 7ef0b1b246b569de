"""A renewal attestation checked against the peer's own CE record: the shortfall is shown before
attesting, flagged to reviewers, and drawn first in the next records review (§207.3, §207.9–12);
CE entries need a source, a topic for law and ethics, and hours their days can hold."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select

from app.ce import services as ce
from app.ce.models import CEEntryRecord
from app.ce.rules import CEEntry, summarize
from app.policy import DEFAULT_POLICY
from app.registry import services
from tests.ce.factories import draw, make_entry, make_profile
from tests.factories import login, make_user
from tests.registry.test_renewal import TODAY, _holder


def test_a_shortfall_is_shown_flagged_and_drawn_first(app, db):
    user, record = _holder(db, 40)
    profile = ce.profile_of(db.session, user)
    day = TODAY - timedelta(days=20)
    make_entry(profile, title="Law and ethics", start_date=day, hours=6.0)
    make_entry(profile, title="Recovery skills", start_date=day, hours=12.0, law_ethics=False)
    peer = app.test_client()
    login(peer, user)
    page = peer.get("/registry/renewal").get_data(as_text=True)
    assert 'id="ce-shortfall"' in page and "the record counts 18 of 20 CE hours" in page
    done = peer.post("/registry/renewal", data={"attest": "y", "signature": "Robin Diaz"})
    assert done.status_code == 302
    db.session.refresh(record)
    # One source for the expiry: the CE page shows the registry's new date after the renewal.
    assert f"expires {record.expires_on.isoformat()}" in peer.get("/ce").get_data(as_text=True)
    flag = next(c for c in record.changes if c.kind == "attestation_shortfall")
    assert "18 of 20 CE hours" in flag.reason
    (renewal,) = services.renewals_of(db.session, record)
    assert services.shortfall_of(renewal) == "the record counts 18 of 20 CE hours"

    reviewer = make_user("reviewer")
    staff = app.test_client()
    login(staff, reviewer)
    assert "attested more CE than" in staff.get("/ce/audits").get_data(as_text=True)
    assert "attested with a shortfall" in staff.get(f"/registry/records/{record.id}").get_data(
        as_text=True
    )
    # Others renew in the window drawn; the flagged peer (renewed, so outside it) comes first.
    others = [make_profile(issued_on=date(TODAY.year - 2, 1, 1)) for _ in range(3)]
    window = ce.expiration(others[0], DEFAULT_POLICY, TODAY)
    audit = draw(reviewer, window, window, today=TODAY, seed=7)
    assert audit.selected == [profile.id]
    (selection,) = audit.selections
    assert selection.period_end == renewal.previous_expires_on  # the period attested
    assert ce.attested_with_shortfall(db.session, DEFAULT_POLICY) == {}


def test_the_entry_form_needs_a_source_a_topic_and_plausible_hours(app, db):
    profile = make_profile()
    peer = app.test_client()
    login(peer, profile.user)
    data = {
        "title": "Ethics marathon",
        "provider": "GS",
        "start_date": "2025-06-01",
        "format": "in_person",
        "hours": "25",
        "law_ethics": "y",
    }
    refused = peer.post("/ce/entries/new", data=data)
    page = refused.get_data(as_text=True)
    assert refused.status_code == 422
    assert "Choose where the course came from" in page
    assert "Name the law and ethics topics" in page
    data.update(source="calmhsa_ce_provider", law_ethics_topics="le-13")
    page = peer.post("/ce/entries/new", data=data).get_data(as_text=True)
    assert "more than the days hold" in page and "Ethics marathon" in page  # kept as typed
    assert db.session.scalar(select(CEEntryRecord)) is None
    data.update(end_date="2025-06-02")
    assert peer.post("/ce/entries/new", data=data).status_code == 302


def test_hours_beyond_the_days_and_untopical_law_ethics_do_not_count():
    entries = [
        CEEntry("Marathon", "GS", date(2025, 6, 1), hours=25, source="county_behavioral_health"),
        CEEntry(
            "Ethics weekend",
            "GS",
            date(2025, 7, 5),
            end_date=date(2025, 7, 6),
            hours=20,
            source="county_behavioral_health",
            law_ethics=True,
        ),
    ]
    summary = summarize(
        entries, issued_on=date(2025, 1, 1), today=date(2025, 12, 1), policy=DEFAULT_POLICY
    )
    assert summary["total_hours"] == 20 and summary["law_ethics_hours"] == 0
    assert "more than the days hold" in str(summary) and "not toward law and ethics" in str(summary)
