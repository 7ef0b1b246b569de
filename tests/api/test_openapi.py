"""The OpenAPI description covers every /api/v1 endpoint, and what each endpoint serves matches
the schema described for it (validated with jsonschema, OpenAPI 3.1 being JSON Schema 2020-12)."""

from __future__ import annotations

import re
from datetime import date

import pytest
from jsonschema import Draft202012Validator

from app.api.frameworks import OPENAPI
from app.auth.models import Role
from app.framework.loader import cached_catalog
from app.policy import DEFAULT_POLICY
from app.submissions.corrections import correct_reading_json
from tests.ce.factories import make_entry, make_profile
from tests.factories import DEFAULT_PASSWORD, login, make_user
from tests.submissions.factories import make_curriculum, settle, submit_complete


def _described_path(rule: str) -> str:
    return re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", rule.removeprefix("/api/v1"))


def test_every_api_route_is_described(app):
    served = {
        (method.lower(), _described_path(rule.rule))
        for rule in app.url_map.iter_rules()
        if rule.rule.startswith("/api/v1")
        for method in rule.methods - {"HEAD", "OPTIONS"}
    }
    described = {(m, p) for p, ops in OPENAPI["paths"].items() for m in ops}
    assert served - described == set(), "describe these in the OpenAPI document"
    assert described - served == set(), "the OpenAPI document names endpoints that do not exist"


def _validate(body, schema: dict) -> None:
    document = {**schema, "components": OPENAPI["components"]}
    errors = sorted(Draft202012Validator(document).iter_errors(body), key=str)
    assert not errors, [e.message for e in errors[:5]]


def _schema(path: str, method: str, status: int) -> dict:
    response = OPENAPI["paths"][path][method]["responses"][str(status)]
    return response["content"]["application/json"]["schema"]


@pytest.fixture
def calls(app, db):
    """A request for every described operation, as someone allowed to make it, and one refused."""
    provider, reviewer = make_user(Role.PROVIDER), make_user(Role.REVIEWER)
    curriculum = make_curriculum(provider, state="submitted")
    settle(curriculum, reviewer)  # approvable: the report's errors overridden
    profile = make_profile(issued_on=date(2025, 3, 1))
    make_entry(profile)
    peer_client, reviewer_client = app.test_client(), app.test_client()
    login(peer_client, profile.user)
    login(reviewer_client, reviewer)
    anonymous = app.test_client()
    cid = curriculum.id
    draft = make_curriculum(provider)
    corrected = make_curriculum(provider)
    correct_reading_json(
        db.session,
        corrected,
        provider,
        [{"line": 4, "field": "hours", "value": 3}],
        catalog=cached_catalog(),
        policy=DEFAULT_POLICY,
    )
    submit_complete(corrected, provider)
    db.session.commit()
    correction = corrected.latest.reading_corrections[0].id
    provider_client = app.test_client()
    login(provider_client, provider)
    return {
        ("get", "/frameworks"): [(anonymous, "/frameworks", None, 200)],
        ("get", "/frameworks/{framework_id}"): [
            (anonymous, "/frameworks/core", None, 200),
            (anonymous, "/frameworks/nope", None, 404),
        ],
        ("get", "/frameworks/{framework_id}/case"): [(anonymous, "/frameworks/crisis/case", None, 200)],
        ("get", "/frameworks/{framework_id}/moodle.csv"): [(anonymous, "/frameworks/core/moodle.csv", None, 200)],
        ("get", "/openapi.json"): [(anonymous, "/openapi.json", None, 200)],
        ("get", "/submissions/{curriculum_id}"): [
            (reviewer_client, f"/submissions/{cid}", None, 200),
            (reviewer_client, "/submissions/999999", None, 404),
        ],
        ("post", "/submissions/{curriculum_id}/decision"): [
            (reviewer_client, f"/submissions/{cid}/decision", {"decision": "maybe"}, 400),
            (reviewer_client, f"/submissions/{cid}/decision", {"decision": "approve", "version": 99}, 409),
            (reviewer_client, f"/submissions/{cid}/decision", {"decision": "approve", "version": curriculum.lock_version}, 200),
        ],
        ("post", "/submissions/{curriculum_id}/reading"): [
            (provider_client, f"/submissions/{draft.id}/reading", [{"line": 4, "field": "hours", "value": 2}], 200),
            (provider_client, f"/submissions/{draft.id}/reading", [{"line": 1, "field": "hours", "value": 2}], 400),
            (provider_client, f"/submissions/{cid}/reading", [], 409),
            (reviewer_client, f"/submissions/{draft.id}/reading", [], 403),
        ],
        ("post", "/submissions/{curriculum_id}/reading/{correction_id}"): [
            (reviewer_client, f"/submissions/{corrected.id}/reading/{correction}", {"decision": "maybe"}, 400),
            (reviewer_client, f"/submissions/{corrected.id}/reading/{correction}", {"decision": "accept"}, 200),
            (reviewer_client, f"/submissions/{corrected.id}/reading/{correction}", {"decision": "reject", "note": "x"}, 409),
            (reviewer_client, f"/submissions/{corrected.id}/reading/999999", {"decision": "accept"}, 404),
        ],
        ("get", "/ce/entries"): [(peer_client, "/ce/entries", None, 200)],
        ("get", "/ce/summary"): [
            (peer_client, "/ce/summary", None, 200),
            (reviewer_client, "/ce/summary", None, 403),
        ],
    }  # fmt: skip


def test_every_endpoint_serves_what_the_description_says(app, calls):
    app.config["TODAY"] = date(2026, 3, 1)
    described = {(m, p) for p, ops in OPENAPI["paths"].items() for m in ops}
    assert set(calls) == described, "add an example call for each described operation"
    for (method, path), examples in calls.items():
        for client, url, body, status in examples:
            response = client.open("/api/v1" + url, method=method.upper(), json=body)
            assert response.status_code == status, (method, url, response.get_data(as_text=True))
            assert str(status) in OPENAPI["paths"][path][method]["responses"], (path, status)
            content = OPENAPI["paths"][path][method]["responses"][str(status)].get("content", {})
            if "application/json" in content:
                _validate(response.get_json(), _schema(path, method, status))
            else:
                assert response.mimetype in content, (path, response.mimetype)


def test_the_decision_names_the_csrf_header_it_requires(csrf_app, db):
    """The description lists X-CSRFToken as a required header, and the endpoint does refuse a
    decision sent without it, with CSRF on as in production."""
    operation = OPENAPI["paths"]["/submissions/{curriculum_id}/decision"]["post"]
    headers = {p["name"]: p for p in operation["parameters"] if p["in"] == "header"}
    assert headers["X-CSRFToken"]["required"] is True
    provider, reviewer = make_user(Role.PROVIDER), make_user(Role.REVIEWER)
    curriculum = make_curriculum(provider, state="submitted")
    client = csrf_app.test_client()
    page = client.get("/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)
    signed_in = client.post(
        "/login",
        data={
            "email": reviewer.email,
            "password": DEFAULT_PASSWORD,
            "csrf_token": token,
        },
    )
    assert signed_in.status_code == 302
    body = {"decision": "deny", "reason": "no", "version": curriculum.lock_version}
    url = f"/api/v1/submissions/{curriculum.id}/decision"
    assert client.post(url, json=body).status_code == 400
    token = re.search(
        r'name="csrf_token"[^>]*value="([^"]+)"',
        client.get("/account/password").get_data(as_text=True),
    ).group(1)
    assert client.post(url, json=body, headers={"X-CSRFToken": token}).status_code == 200
