"""The inbox's section headings and empty-section notes in the page's language."""

from __future__ import annotations

from app.auth.models import Role
from app.submissions import services
from app.submissions.states import queue_key_of
from tests.factories import login, make_user
from tests.submissions.factories import make_curriculum

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


def test_an_items_detail_and_title_read_in_spanish(client, db):
    reviewer, provider = make_user(Role.REVIEWER), make_user(Role.PROVIDER)
    course = make_curriculum(provider, state="submitted", title="Course A")
    services.assign(db.session, course, reviewer, reviewer)
    course.queue_key = queue_key_of(course.state, True, course.due_on)
    db.session.commit()
    login(client, reviewer)
    english = client.get("/").get_data(as_text=True)
    spanish = client.get("/", headers=SPANISH).get_data(as_text=True)
    assert "days left" in english
    assert "days left" not in spanish and "días" in spanish and "quedan" in spanish
    assert "Course A" in spanish


def test_a_peers_renewal_and_records_review_items_read_in_spanish(client, peer_due_to_renew):
    user, _, _ = peer_due_to_renew
    login(client, user)
    english = client.get("/").get_data(as_text=True)
    assert "Renew certification" in english and "20 days left" in english
    spanish = client.get("/", headers=SPANISH).get_data(as_text=True)
    assert "Renueve la certificación" in spanish and "quedan 20 días" in spanish
    assert "el periodo está abierto: vence el" in spanish and "Revisión de registros" in spanish
    for words in ("Renew certification", "days left", "window is open", "Records review"):
        assert words not in spanish
