"""A new account keeps the language of the page it registered on, so its later emails speak it;
an invitation names the role in the invitee's language."""

from __future__ import annotations

from app.auth.models import Role, User
from app.notifications.models import OutboxEmail
from tests.factories import login, make_user

PASSWORD = "a long enough password"
SPANISH = {"Accept-Language": "es"}


def _user(db, email: str) -> User:
    return db.session.scalar(db.select(User).where(User.email == email))


def _last_mail(db, to: str) -> OutboxEmail:
    return db.session.scalars(
        db.select(OutboxEmail).where(OutboxEmail.recipient == to).order_by(OutboxEmail.id.desc())
    ).first()


def _register_peer(client, email: str, headers: dict) -> None:
    data = {"name": "Ana", "email": email, "password": PASSWORD, "confirm": PASSWORD}
    assert client.post("/register/peer", data=data, headers=headers).status_code == 200


def test_a_peer_registering_on_a_spanish_page_keeps_spanish(client, db):
    _register_peer(client, "ana@example.org", SPANISH)
    _register_peer(client, "bo@example.org", {})
    assert _user(db, "ana@example.org").locale == "es"
    assert _user(db, "bo@example.org").locale == "en"


def test_a_provider_registering_on_a_spanish_page_gets_later_emails_in_spanish(client, db):
    data = {
        "organization_name": "Puente Pares",
        "contact_email": "oficina@puente.example",
        "name": "Luz",
        "email": "luz@puente.example",
        "password": PASSWORD,
        "confirm": PASSWORD,
    }
    assert client.post("/register", data=data, headers=SPANISH).status_code == 200
    assert _user(db, "luz@puente.example").locale == "es"
    # A later email, sent from an English page, still speaks the account's language.
    admin = make_user(Role.ADMIN)
    staff = client.application.test_client()
    login(staff, admin)
    staff.post("/admin/invite", data={"email": "luz@puente.example", "role": "reviewer"})
    body = _last_mail(db, "luz@puente.example").body
    assert "lo invitó como revisor" in body and "reviewer" not in body


def test_an_invitation_names_the_role_in_the_invitees_language(client, db):
    login(client, make_user(Role.ADMIN))
    spanish = make_user(Role.PEER)
    spanish.locale = "es"
    english = make_user(Role.PEER)
    db.session.commit()
    for email in (spanish.email, english.email):
        client.post("/admin/invite", data={"email": email, "role": "admin"})
    assert "como administrador" in _last_mail(db, spanish.email).body
    assert "invited you as admin" in _last_mail(db, english.email).body
