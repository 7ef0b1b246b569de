"""Registration, email confirmation, approval and invitations: the same answer whether or not an
address or organization exists, the owner told by email instead."""

from __future__ import annotations

import re

from app.auth.models import Invitation, Organization, Role, User
from app.notifications.models import OutboxEmail
from tests.factories import login, make_organization, make_user, without_tokens

PASSWORD = "a long enough password"


def _mails(db, to: str) -> list[OutboxEmail]:
    return db.session.scalars(
        db.select(OutboxEmail).where(OutboxEmail.recipient == to).order_by(OutboxEmail.id)
    ).all()


def _link(mail: OutboxEmail, path: str) -> str:
    return re.search(rf"http://localhost({path}/[\w-]+)", mail.body).group(1)


def _register(client, email="bo@bay.example", organization="Bay Peers"):
    return client.post(
        "/register",
        data={
            "organization_name": organization,
            "contact_email": "office@bay.example",
            "name": "Bo",
            "email": email,
            "password": PASSWORD,
            "confirm": PASSWORD,
        },
    )


def test_provider_registers_confirms_the_address_then_signs_in(client, db):
    response = _register(client)
    assert response.status_code == 200 and "Check your email" in response.get_data(as_text=True)
    organization = db.session.scalar(
        db.select(Organization).where(Organization.name == "Bay Peers")
    )
    assert organization is not None and organization.approved is False
    assert client.get("/account").status_code == 302  # not signed in yet
    refused = client.post("/login", data={"email": "bo@bay.example", "password": PASSWORD})
    assert "Confirm your email address first" in refused.get_data(as_text=True)
    link = _link(_mails(db, "bo@bay.example")[-1], "/verify")
    assert client.get(link).status_code == 302
    assert client.get(link).status_code == 404  # used once
    assert (
        client.post("/login", data={"email": "bo@bay.example", "password": PASSWORD}).status_code
        == 302
    )
    assert "awaiting approval" in client.get("/account").get_data(as_text=True)


def test_registration_answers_the_same_for_a_taken_address_and_tells_its_owner(client, db):
    make_user(Role.PEER, email="taken@example.org")
    form = {"name": "X", "password": PASSWORD, "confirm": PASSWORD}
    taken = client.post("/register/peer", data={**form, "email": "taken@example.org"})
    fresh = client.post("/register/peer", data={**form, "email": "fresh@example.org"})
    assert taken.status_code == fresh.status_code == 200
    assert taken.get_data() == fresh.get_data()
    assert "already has one" in _mails(db, "taken@example.org")[-1].body
    assert "/verify/" in _mails(db, "fresh@example.org")[-1].body


def test_a_registered_organization_name_is_not_revealed(client, db):
    make_organization("Bay Peers")
    taken = _register(client, email="one@bay.example")
    fresh = _register(client, email="two@bay.example", organization="Delta Peers")
    assert taken.get_data() == fresh.get_data()
    assert "already registered" in _mails(db, "one@bay.example")[-1].body
    assert db.session.scalar(db.select(User).where(User.email == "one@bay.example")) is None


def test_weak_and_short_passwords_are_refused_next_to_the_field(client, db):
    for weak in ("short", "123456789012", "passwordpassword", "aaaaaaaaaaaa"):
        page = client.post(
            "/register/peer",
            data={"name": "X", "email": "new@example.org", "password": weak, "confirm": weak},
        ).get_data(as_text=True)
        assert "at least 12 characters" in page or "Choose a harder password" in page, weak
    assert db.session.scalar(db.select(User).where(User.email == "new@example.org")) is None


def test_admin_approves_an_organization(client, db):
    admin = make_user(Role.ADMIN)
    provider = make_user(Role.PROVIDER)
    provider.organization.approved = False
    db.session.commit()
    login(client, admin)
    assert (
        client.post(f"/admin/organizations/{provider.organization.id}/approve").status_code == 302
    )
    db.session.refresh(provider.organization)
    assert provider.organization.approved is True


def test_invitation_round_trip(client, db):
    admin = make_user(Role.ADMIN)
    login(client, admin)
    response = client.post(
        "/admin/invite", data={"email": "new.reviewer@example.org", "role": "reviewer"}
    )
    assert response.status_code == 302
    link = _link(_mails(db, "new.reviewer@example.org")[-1], "/invitations")
    invitation = db.session.scalar(db.select(Invitation))
    assert link.split("/")[-1] not in invitation.token_hash  # only the hash is stored
    client.post("/logout")
    response = client.post(link, data={"name": "Nia", "password": PASSWORD, "confirm": PASSWORD})
    assert response.status_code == 302
    user = db.session.scalar(db.select(User).where(User.email == "new.reviewer@example.org"))
    assert user.role == Role.REVIEWER and user.email_verified_at is not None
    assert client.get(link).status_code == 404  # used once


def test_inviting_an_existing_account_answers_the_same(client, db):
    admin = make_user(Role.ADMIN)
    existing = make_user(Role.PEER)
    login(client, admin)
    pages = []
    for email in (existing.email, "nobody@example.org"):
        response = client.post("/admin/invite", data={"email": email, "role": "reviewer"})
        assert response.status_code == 302
        pages.append(client.get(response.headers["Location"]).get_data(as_text=True))
    pages = [without_tokens(page) for page in pages]
    assert pages[0].replace(existing.email, "X") == pages[1].replace("nobody@example.org", "X")
    assert "already has an account" in _mails(db, existing.email)[-1].body
    assert db.session.scalar(db.select(db.func.count()).select_from(Invitation)) == 1


def test_an_invalid_role_in_the_admin_invite_is_a_form_error(client, db):
    login(client, make_user(Role.ADMIN))
    response = client.post("/admin/invite", data={"email": "x@example.org", "role": "superuser"})
    assert response.status_code == 200
    assert "Not a valid choice" in response.get_data(as_text=True)
    assert db.session.scalar(db.select(db.func.count()).select_from(Invitation)) == 0


def test_provider_invites_a_colleague_into_its_own_organization(client, db):
    provider = make_user(Role.PROVIDER)
    login(client, provider)
    client.post("/organization/invite", data={"email": "colleague@example.org"})
    assert "/invitations/" in _mails(db, "colleague@example.org")[-1].body
    invitation = db.session.scalar(db.select(Invitation))
    assert (
        invitation.organization_id == provider.organization_id and invitation.role == Role.PROVIDER
    )
