"""Pages are served from the cache only while nothing they show has changed, and only to the
session that saw them rendered."""

from __future__ import annotations

import re

import pytest

from app import create_app
from app.auth.models import Organization, Role
from app.extensions import db as _db
from app.pagecache.web import HEADER, page_store
from app.submissions.models import Curriculum
from tests.conftest import server_config
from tests.factories import login, make_user
from tests.submissions.factories import make_curriculum


@pytest.fixture
def provider(db):
    return make_user(Role.PROVIDER)


@pytest.fixture
def reviewer(db):
    return make_user(Role.REVIEWER)


def _signed_in(app, user):
    client = app.test_client()
    assert login(client, user).status_code == 302
    return client


def _get(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    return response.headers.get(HEADER), response.get_data(as_text=True)


def test_a_page_seen_again_unchanged_is_served_from_the_cache(app, provider):
    make_curriculum(provider, state="submitted", title="Cached course")
    client = _signed_in(app, provider)
    first, body = _get(client, "/provider")
    again, same = _get(client, "/provider")
    assert (first, again) == ("miss", "hit")
    assert same == body and "Cached course" in body


def test_any_change_to_shown_data_renders_the_page_again(app, provider, reviewer):
    curriculum = make_curriculum(provider, state="submitted", title="Before the change")
    client = _signed_in(app, reviewer)
    _get(client, "/review")
    assert _get(client, "/review")[0] == "hit"
    curriculum.title = "After the change"
    _db.session.commit()
    header, body = _get(client, "/review")
    assert header == "miss"
    assert "After the change" in body and "Before the change" not in body


def test_a_new_sign_in_gets_its_own_page_and_its_forms_work(app, provider):
    curriculum = make_curriculum(provider, state="submitted", title="Withdraw me")
    url = f"/curricula/{curriculum.id}"
    app.config["WTF_CSRF_ENABLED"] = False
    first = _signed_in(app, provider)
    app.config["WTF_CSRF_ENABLED"] = True  # as in production: the cached token must be valid
    _get(first, url)
    assert _get(first, url)[0] == "hit"
    app.config["WTF_CSRF_ENABLED"] = False
    second = _signed_in(app, provider)
    app.config["WTF_CSRF_ENABLED"] = True
    # Signing in again ended the first session: its cached page is not served to it.
    assert first.get(url).status_code == 302
    assert _get(second, url)[0] == "miss"
    header, page = _get(second, url)
    assert header == "hit"
    form = re.search(
        r'action="(/curricula/\d+/withdraw)".*?name="csrf_token" type="hidden" value="([^"]+)"',
        page,
        re.S,
    )
    assert second.post(form.group(1)).status_code == 400
    response = second.post(form.group(1), data={"csrf_token": form.group(2)})
    assert response.status_code == 302
    _db.session.expire_all()
    assert _db.session.get(Curriculum, curriculum.id).state == "withdrawn"


def test_a_flashed_message_is_shown_once_and_never_kept_in_a_cached_page(app, provider):
    curriculum = make_curriculum(provider, state="submitted", title="Flashing")
    client = _signed_in(app, provider)
    url = f"/curricula/{curriculum.id}"
    _get(client, url)
    assert _get(client, url)[0] == "hit"
    client.post(f"{url}/withdraw")
    header, page = _get(client, url)
    assert header != "hit" and "withdrawn" in page.lower()
    assert 'class="flashes"' in page
    assert 'class="flashes"' not in _get(client, url)[1]


def test_a_provider_of_another_organization_is_refused_what_the_owner_has_cached(app, provider):
    curriculum = make_curriculum(provider, state="submitted", title="Private")
    owner = _signed_in(app, provider)
    _get(owner, f"/curricula/{curriculum.id}")
    assert _get(owner, f"/curricula/{curriculum.id}")[0] == "hit"
    outsider = _signed_in(app, make_user(Role.PROVIDER))
    response = outsider.get(f"/curricula/{curriculum.id}")
    assert response.status_code in (403, 404)
    assert "Private" not in response.get_data(as_text=True)
    # A signed-out visitor is sent to sign in, cache or not.
    assert app.test_client().get(f"/curricula/{curriculum.id}").status_code == 302


def test_a_new_day_or_time_slice_renders_the_page_again(app, provider, monkeypatch):
    from datetime import date

    import app.pagecache.web as web

    make_curriculum(provider, state="submitted")
    client = _signed_in(app, provider)
    app.config["TODAY"] = date(2026, 3, 1)
    _get(client, "/provider")
    assert _get(client, "/provider")[0] == "hit"
    app.config["TODAY"] = date(2026, 3, 2)
    assert _get(client, "/provider")[0] == "miss"
    later = web.time.time() + app.config["PAGE_CACHE_SECONDS"]
    monkeypatch.setattr(web.time, "time", lambda: later)
    assert _get(client, "/provider")[0] == "miss"


def test_with_no_budget_there_is_no_cache(app, provider):
    app.extensions.pop("page_cache")
    make_curriculum(provider, state="submitted")
    client = _signed_in(app, provider)
    assert _get(client, "/provider")[0] is None
    assert page_store() is None


def test_a_write_through_one_server_ends_the_page_another_server_cached(tmp_path):
    """Two apps (two processes' worth of engines and stores) on one database."""
    url = f"sqlite:///{tmp_path / 'shared.sqlite3'}"
    settings = server_config(url, UPLOAD_DIR=str(tmp_path / "uploads"))
    one, two = create_app(settings), create_app(settings)
    with one.app_context():
        _db.create_all()
        provider = make_user(Role.PROVIDER)
        org_id = provider.organization_id
        curriculum = make_curriculum(provider, state="submitted", title="Shared")
        url_of = f"/curricula/{curriculum.id}"
        withdraw_url = f"{url_of}/withdraw"
        client_one = _signed_in(one, provider)
        _get(client_one, url_of)
        assert _get(client_one, url_of)[0] == "hit"
        _db.session.remove()
    with two.app_context():
        colleague = make_user(Role.PROVIDER, organization=_db.session.get(Organization, org_id))
        client_two = _signed_in(two, colleague)
        edited = client_two.post(withdraw_url)
        assert edited.status_code == 302
        _db.session.remove()
    with one.app_context():
        header, page = _get(client_one, url_of)
        assert header == "miss" and "withdrawn" in page.lower()
        _db.session.remove()
        _db.engine.dispose()
    with two.app_context():
        _db.engine.dispose()


def test_a_page_served_from_the_cache_costs_one_query(app, provider):
    from sqlalchemy import event

    make_curriculum(provider, state="submitted")
    client = _signed_in(app, provider)
    _get(client, "/provider")
    statements: list[str] = []

    def count(conn, cursor, statement, *args):
        statements.append(statement)

    event.listen(_db.engine, "before_cursor_execute", count)
    try:
        header, _ = _get(client, "/provider")
    finally:
        event.remove(_db.engine, "before_cursor_execute", count)
    assert header == "hit"
    assert len(statements) == 1 and "page_generation" in statements[0], statements
