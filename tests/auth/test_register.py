"""Registration, approval and invitations."""

from __future__ import annotations

import re

from app.auth.models import Invitation, Organization, Role, User
from app.notifications.models import OutboxEmail
from tests.factories import login, make_user

PASSWORD = "a long enough password"


def test_provider_registers_an_unapproved_organization(client, db):
    response = client.post(
        "/register",
        data={
            "organization_name": "Bay Peers",
            "contact_email": "office@bay.example",
            "name": "Bo",
            "email": "bo@bay.example",
            "password": PASSWORD,
            "confirm": PASSWORD,
        },
    )
    assert response.status_code == 302
    organization = db.session.scalar(
        db.select(Organization).where(Organization.name == "Bay Peers")
    )
    assert organization is not None and organization.approved is False
    page = client.get("/account").get_data(as_text=True)
    assert "awaiting approval" in page


def test_registration_errors_are_shown_next_to_fields(client, db):
    make_user(Role.PEER, email="taken@example.org")
    page = client.post(
        "/register/peer",
        data={"name": "X", "email": "taken@example.org", "password": PASSWORD, "confirm": PASSWORD},
    ).get_data(as_text=True)
    assert "already exists" in page
    page = client.post(
        "/register/peer",
        data={"name": "X", "email": "new@example.org", "password": "short", "confirm": "short"},
    ).get_data(as_text=True)
    assert "at least 12 characters" in page
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
    page = client.post(
        "/admin/invite", data={"email": "new.reviewer@example.org", "role": "reviewer"}
    ).get_data(as_text=True)
    link = re.search(r"http://localhost(/invitations/[\w-]+)", page).group(1)
    assert (
        db.session.scalar(
            db.select(OutboxEmail).where(OutboxEmail.recipient == "new.reviewer@example.org")
        )
        is not None
    )
    invitation = db.session.scalar(db.select(Invitation))
    assert link.split("/")[-1] not in invitation.token_hash  # only the hash is stored
    client.post("/logout")
    response = client.post(link, data={"name": "Nia", "password": PASSWORD, "confirm": PASSWORD})
    assert response.status_code == 302
    user = db.session.scalar(db.select(User).where(User.email == "new.reviewer@example.org"))
    assert user.role == Role.REVIEWER
    assert client.get(link).status_code == 404  # used once


def test_provider_invites_a_colleague_into_its_own_organization(client, db):
    provider = make_user(Role.PROVIDER)
    login(client, provider)
    page = client.post("/organization/invite", data={"email": "colleague@example.org"}).get_data(
        as_text=True
    )
    assert "/invitations/" in page
    invitation = db.session.scalar(db.select(Invitation))
    assert (
        invitation.organization_id == provider.organization_id and invitation.role == Role.PROVIDER
    )
