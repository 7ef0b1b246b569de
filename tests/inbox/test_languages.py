"""The inbox's section headings and empty-section notes in the page's language."""

from __future__ import annotations

from app.auth.models import Role
from tests.factories import login, make_user

SPANISH = {"Accept-Language": "es"}


def test_a_reviewer_reads_the_inbox_headings_in_spanish(client):
    login(client, make_user(Role.REVIEWER))
    english = client.get("/").get_data(as_text=True)
    spanish = client.get("/", headers=SPANISH).get_data(as_text=True)
    assert "Waiting for a reviewer" in english and "No open disputes." in english
    assert "En espera de un revisor" in spanish and "Apelaciones por decidir" in spanish
    assert "Waiting for a reviewer" not in spanish and "Appeals to decide" not in spanish


def test_a_peer_reads_the_empty_sections_in_spanish(client):
    login(client, make_user(Role.PEER))
    spanish = client.get("/", headers=SPANISH).get_data(as_text=True)
    assert "Sanciones" in spanish and "No se aplica ninguna sanción." in spanish
    assert "No sanction applies." not in spanish
    assert "No sanction applies." in client.get("/").get_data(as_text=True)


def test_the_header_names_the_role_in_the_pages_language(client):
    login(client, make_user(Role.REVIEWER))
    assert '<span class="role">(revisor)</span>' in client.get("/", headers=SPANISH).get_data(
        as_text=True
    )
    assert '<span class="role">(reviewer)</span>' in client.get("/").get_data(as_text=True)
