"""HTTP caching: conditional GET on versioned pages, shared caching only for public pages seen
signed out, never for a signed-in user's page."""

from __future__ import annotations

import os
import shutil

import pytest

from app.audit.services import record
from app.auth.models import Role
from app.http_cache import files_last_modified
from tests.factories import login, make_user
from tests.submissions.factories import make_curriculum

PUBLIC = [
    "/frameworks",
    "/frameworks/core",
    "/competencies/core-1",
    "/graph",
    "/registry",
    "/help/syllabus-format",
    "/providers",
]


@pytest.mark.parametrize("path", PUBLIC)
def test_public_pages_signed_out_may_be_kept_by_any_cache(client, db, path):
    response = client.get(path)
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "public, max-age=300"
    assert "Cookie" in response.headers["Vary"]
    assert "Set-Cookie" not in response.headers


@pytest.mark.parametrize("path", PUBLIC)
def test_public_pages_signed_in_are_never_kept(client, db, path):
    login(client, make_user(Role.PEER))
    response = client.get(path)
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"


@pytest.mark.parametrize("path", ["/login", "/complaints/new", "/"])
def test_pages_with_a_form_token_or_outside_the_list_are_never_kept(client, db, path):
    response = client.get(path)
    assert "public" not in response.headers["Cache-Control"]


@pytest.mark.parametrize("page", ["/curricula/{}", "/review/{}"])
def test_a_versioned_page_answers_304_while_nothing_changed(client, db, page):
    reviewer = make_user(Role.REVIEWER)
    curriculum = make_curriculum(state="submitted")
    login(client, reviewer)
    url = page.format(curriculum.id)
    first = client.get(url)
    assert first.status_code == 200
    etag = first.headers["ETag"]
    assert first.headers["Cache-Control"] == "no-store"  # private: no cache keeps a copy
    again = client.get(url, headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.data == b""
    assert again.headers["ETag"] == etag
    assert again.headers["Cache-Control"] == "no-store"

    record(  # any audited change the page might show
        db.session,
        actor_id=reviewer.id,
        subject_type="curriculum",
        subject_id=curriculum.id,
        action="comment",
    )
    db.session.commit()
    changed = client.get(url, headers={"If-None-Match": etag})
    assert changed.status_code == 200 and changed.headers["ETag"] != etag


def test_the_etag_is_the_users_own(app, db):
    curriculum = make_curriculum(state="submitted")
    url = f"/review/{curriculum.id}"
    tags = []
    for _ in range(2):
        client = app.test_client()
        login(client, make_user(Role.REVIEWER))
        tags.append(client.get(url).headers["ETag"])
    assert tags[0] != tags[1]
    client = app.test_client()
    login(client, make_user(Role.REVIEWER))
    assert client.get(url, headers={"If-None-Match": tags[0]}).status_code == 200


def test_a_page_the_user_may_not_see_is_refused_before_any_304(app, db):
    curriculum = make_curriculum(state="submitted")
    owner = app.test_client()
    stranger = make_user(Role.PROVIDER)  # of another organization
    login(owner, make_user(Role.REVIEWER))
    etag = owner.get(f"/curricula/{curriculum.id}").headers["ETag"]
    client = app.test_client()
    login(client, stranger)
    answer = client.get(f"/curricula/{curriculum.id}", headers={"If-None-Match": etag})
    assert answer.status_code == 404


FILE_PAGES = ["/frameworks", "/frameworks/core", "/competencies/core-1", "/graph"]


@pytest.mark.parametrize("path", FILE_PAGES)
def test_a_file_backed_public_page_answers_304_when_the_copy_is_current(client, db, path):
    first = client.get(path)
    assert first.status_code == 200
    last_modified = first.headers["Last-Modified"]
    again = client.get(path, headers={"If-Modified-Since": last_modified})
    assert again.status_code == 304 and again.data == b""
    # Werkzeug drops Last-Modified from a 304 (RFC 9110 lets the client keep its own).
    assert again.headers["Cache-Control"] == "public, max-age=300"


def test_an_older_copy_of_a_file_backed_page_is_sent_again(client, db):
    response = client.get(
        "/frameworks", headers={"If-Modified-Since": "Mon, 01 Jan 2001 00:00:00 GMT"}
    )
    assert response.status_code == 200 and b"<html" in response.data


def test_a_newer_framework_file_moves_last_modified(app, tmp_path):
    copy = tmp_path / "competencies"
    shutil.copytree(app.config["FRAMEWORK_DIR"], copy)
    before = files_last_modified(str(copy))
    later = before.timestamp() + 3600
    os.utime(next(copy.glob("*.yaml")), (later, later))
    files_last_modified.cache_clear()
    assert files_last_modified(str(copy)).timestamp() == later


@pytest.mark.parametrize("path", ["/frameworks", "/registry"])
def test_signed_in_or_not_file_backed_pages_carry_no_last_modified(client, db, path):
    if path == "/frameworks":
        login(client, make_user(Role.PEER))
    response = client.get(path, headers={"If-Modified-Since": "Fri, 01 Jan 2100 00:00:00 GMT"})
    assert response.status_code == 200
    assert "Last-Modified" not in response.headers
