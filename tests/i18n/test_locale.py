"""Which language a page is in: the switch, a saved preference, Accept-Language, else English."""

from __future__ import annotations

from sqlalchemy import select
from werkzeug.datastructures import LanguageAccept

from app.audit.models import AuditEvent
from app.auth.models import Role
from app.i18n.locale import choose
from tests.factories import login, make_user


def _accept(*pairs):
    return LanguageAccept(list(pairs))


def test_choose_prefers_saved_then_cookie_then_browser_then_english():
    browser_es = _accept(("es-MX", 1), ("en", 0.5))
    assert choose("en", "es", browser_es) == "en"
    assert choose(None, "en", browser_es) == "en"
    assert choose(None, None, browser_es) == "es"
    assert choose(None, None, _accept(("fr", 1))) == "en"
    assert choose(None, None, None) == "en"
    # An unknown value in the cookie or the account is ignored, not trusted.
    assert choose("xx", "<script>", browser_es) == "es"


def test_accept_language_spanish_sets_the_page_language(client):
    page = client.get("/login", headers={"Accept-Language": "es-US,es;q=0.9,en;q=0.5"})
    html = page.get_data(as_text=True)
    assert '<html lang="es">' in html
    assert "Iniciar sesión" in html and "Sign in" not in html.replace("lang=", "")
    assert "Accept-Language" in page.headers.get("Vary", "")
    english = client.get("/login", headers={"Accept-Language": "en-US"}).get_data(as_text=True)
    assert '<html lang="en">' in english and "Forgot your password?" in english


def test_switch_sets_a_lasting_cookie_and_goes_back(client):
    answer = client.post("/language", data={"locale": "es", "next": "/frameworks?x=1"})
    assert answer.status_code == 302 and answer.headers["Location"] == "/frameworks?x=1"
    cookie = answer.headers["Set-Cookie"]
    assert "locale=es" in cookie and "Max-Age=31536000" in cookie and "HttpOnly" in cookie
    # Remembered: later pages are in Spanish even when the browser asks for English.
    page = client.get("/frameworks", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert '<html lang="es">' in page and "Marcos de competencias" in page
    client.post("/language", data={"locale": "en", "next": "/"})
    assert '<html lang="en">' in client.get("/", headers={"Accept-Language": "es"}).get_data(
        as_text=True
    )


def test_switch_refuses_other_sites_and_unknown_languages(client):
    answer = client.post("/language", data={"locale": "es", "next": "https://evil.example/"})
    assert answer.headers["Location"] == "/"
    answer = client.post("/language", data={"locale": "fr", "next": "/frameworks"})
    assert answer.status_code == 302 and "Set-Cookie" not in answer.headers


def test_switch_needs_the_csrf_token(csrf_app):
    client = csrf_app.test_client()
    assert client.post("/language", data={"locale": "es"}).status_code == 400


def test_signed_in_choice_is_saved_audited_and_follows_the_person(app, client, db):
    peer = make_user(Role.PEER, email="peer@example.org")
    login(client, peer)
    client.post("/language", data={"locale": "es", "next": "/"})
    db.session.refresh(peer)
    assert peer.locale == "es"
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "language_changed"))
    assert (event.actor_id, event.from_state, event.to_state) == (peer.id, None, "es")
    # Another browser, no cookie, asking for English: the saved choice wins once signed in.
    other = app.test_client()
    login(other, peer)
    page = other.get("/account", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert '<html lang="es">' in page


def test_visitors_switch_with_a_link_that_needs_no_session(client):
    page = client.get("/frameworks")
    html = page.get_data(as_text=True)
    assert '<strong lang="en" aria-current="true">English</strong>' in html
    assert 'href="/language/es?next=/frameworks" lang="es"' in html and "Español" in html
    # No session (and no CSRF token) is made for a visitor: public pages stay cacheable.
    assert "Set-Cookie" not in page.headers and "csrf_token" not in html
    answer = client.get("/language/es?next=/frameworks")
    assert answer.status_code == 302 and answer.headers["Location"] == "/frameworks"
    assert "locale=es" in answer.headers["Set-Cookie"]
    assert '<html lang="es">' in client.get("/frameworks").get_data(as_text=True)
    assert client.get("/language/xx?next=//evil.example").headers["Location"] == "/"


def test_signed_in_people_switch_with_a_form(client):
    login(client, make_user(Role.PEER, email="peer@example.org"))
    html = client.get("/account").get_data(as_text=True)
    assert 'action="/language"' in html and 'value="es" lang="es"' in html


def test_flash_and_form_messages_are_translated(client):
    page = client.post(
        "/login", data={"email": "", "password": ""}, headers={"Accept-Language": "es"}
    ).get_data(as_text=True)
    assert "Correo electrónico" in page and "Contraseña" in page
    assert "This field is required." not in page


def test_outside_a_request_text_is_english(app):
    from flask import render_template_string

    with app.app_context():
        assert render_template_string('{{ _("Sign in") }} {{ "2027-04-05"|day }}') == (
            "Sign in 2027-04-05"
        )
