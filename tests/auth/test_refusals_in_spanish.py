"""The account services' refusals in the page's language: a wrong current password, a password
built on a published phrase, and an administrator disabling an account that is already disabled."""

from __future__ import annotations

from app.auth.models import Role
from tests.factories import DEFAULT_PASSWORD, client_in, make_user, page_text


def test_a_wrong_current_password_is_refused_in_each_language(app, db):
    user = make_user(Role.PROVIDER)
    new = "Tangerine-Quartz-Velvet-8841"
    data = {"current": "not the password", "password": new, "confirm": new}
    spanish = page_text(client_in(app, user, "es").post("/account/password", data=data))
    assert "La contraseña actual no es correcta." in spanish
    english = page_text(client_in(app, user, "en").post("/account/password", data=data))
    assert "The current password is not right." in english


def test_a_password_built_on_a_published_phrase_is_refused_in_spanish(app, db):
    user = make_user(Role.PROVIDER)
    new = "Correct-Horse-Battery-Staple-2026!"
    data = {"current": DEFAULT_PASSWORD, "password": new, "confirm": new}
    page = page_text(client_in(app, user, "es").post("/account/password", data=data))
    assert "Elija una contraseña más difícil: esta se basa en una frase publicada" in page
    assert "Choose a harder password" not in page


def test_disabling_a_disabled_account_is_refused_in_spanish(app, db):
    admin = make_user(Role.ADMIN)
    user = make_user(Role.PROVIDER)
    client = client_in(app, admin, "es")
    assert client.post(f"/admin/users/{user.id}/disable").status_code == 302
    again = page_text(client.post(f"/admin/users/{user.id}/disable", follow_redirects=True))
    assert f"La cuenta {user.email} ya está desactivada." in again
