"""Every label the program's data shows on pages is marked for translation in app/i18n/data.py."""

from __future__ import annotations

from app.ce.rules import ACCEPTED_SOURCES, CertificationStatus
from app.framework.loader import load_catalog
from app.i18n import data


def test_sources_topics_and_statuses_are_all_marked():
    assert set(ACCEPTED_SOURCES.values()) == set(data.SOURCES)
    assert {t.title for t in load_catalog().law_ethics_topics} == set(data.LAW_ETHICS_TOPICS)
    assert {s.value for s in CertificationStatus} == set(data.STATUSES)


def test_sanction_texts_and_their_parts_are_all_marked():
    from app.policy import SANCTION_CE

    assert {s.text for s in SANCTION_CE} == set(data.SANCTIONS)
    assert {p.label for s in SANCTION_CE for p in s.parts} == set(data.SANCTION_PARTS)


def test_the_texts_of_the_settable_rules_are_all_marked():
    from app.policy import DEFAULT_POLICY

    settable = {r.text for r in DEFAULT_POLICY.rules.values() if not r.stated}
    assert settable == set(data.SETTING_TEXTS)


def test_the_stated_hours_rules_findings_cite_are_marked():
    from app.policy import DEFAULT_POLICY

    cited = {
        DEFAULT_POLICY.rule(p.hours_rule) for p in DEFAULT_POLICY.programs.values() if p.hours_rule
    }
    assert {r.text for r in cited if r.stated} == set(data.HOURS_RULE_TEXTS)


def test_the_dhcs_report_elements_are_all_marked():
    from app.reports.dhcs import SPECIALIZATION_ITEMS, Tallies, report

    rows = report(2026, Tallies(), small_cell=11).rows
    assert {r.element for r in rows} <= set(data.DHCS_ELEMENTS)
    assert {label for _, label in SPECIALIZATION_ITEMS.values()} <= set(data.DHCS_CATEGORIES)


def test_service_messages_shown_to_people_are_marked(app):
    from app.auth import services as auth

    assert {auth.EMAIL_NOT_CONFIRMED, auth.SIGN_IN_FAILED} <= set(data.MESSAGES)
    from app.extensions import login_manager

    assert login_manager.login_message in data.MESSAGES


def test_a_refused_sign_in_says_why_in_spanish(client):
    page = client.post(
        "/login",
        data={"email": "nobody@example.org", "password": "wrong password"},
        headers={"Accept-Language": "es"},
    ).get_data(as_text=True)
    assert "El correo electrónico o la contraseña no son correctos" in page


def test_translated_uses_the_catalogue_and_keeps_unknown_text(app):
    with app.test_request_context(headers={"Accept-Language": "es"}):
        assert data.translated("Telehealth services") == "Servicios de telesalud"
        assert data.translated("A course title") == "A course title"
        assert data.translated("") == ""
