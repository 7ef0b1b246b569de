"""Templates translate through the translations cached beside the locale in force."""

from __future__ import annotations

from flask import render_template_string
from flask_babel import force_locale

from app.i18n import template_gettext

TEXT = '{{ _("Waiting for you") }}|{{ _("Hello %(name)s", name="<b>") }}'


def test_a_page_an_email_in_another_language_and_the_page_again(app):
    with app.test_request_context("/", headers={"Accept-Language": "es"}):
        spanish = render_template_string(TEXT)
        with force_locale("en"):
            english = render_template_string(TEXT)
        again = render_template_string(TEXT)
    assert spanish.split("|")[0] != "Waiting for you"
    assert english.split("|")[0] == "Waiting for you"
    assert again == spanish
    assert "&lt;b&gt;" in spanish and "<b>" not in spanish  # values still escaped


def test_the_translations_are_looked_up_once_per_locale(app, monkeypatch):
    looked_up = []
    real = template_gettext.get_translations

    def counting():
        looked_up.append(1)
        return real()

    monkeypatch.setattr(template_gettext, "get_translations", counting)
    with app.test_request_context("/", headers={"Accept-Language": "es"}):
        render_template_string(TEXT * 50)
        assert len(looked_up) == 1
        with force_locale("en"):
            render_template_string(TEXT * 50)
        render_template_string(TEXT * 50)
    assert len(looked_up) == 3


def test_each_request_chooses_its_language_afresh(client):
    spanish = client.get("/frameworks", headers={"Accept-Language": "es"}).get_data(as_text=True)
    english = client.get("/frameworks", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert spanish != english and 'lang="es"' in spanish and 'lang="en"' in english
