"""Framework interchange: JSON shape, CASE 1.0 package, Moodle CSV."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from jsonschema import Draft4Validator, FormatChecker

from app.framework.exports import MOODLE_COLUMNS, MOODLE_HEADERS

CASE_SCHEMA = (
    Path(__file__).resolve().parents[2].parent
    / "shared"
    / "interop"
    / "case-v1p0-cfpackage-schema.json"
)
FRAMEWORKS = ["core", "pcfm", "crisis", "unhoused", "justice", "exam"]


def test_list(client):
    data = client.get("/api/v1/frameworks").get_json()
    assert [f["id"] for f in data["frameworks"]] == FRAMEWORKS


@pytest.mark.parametrize("framework_id", FRAMEWORKS)
def test_framework_shape(client, catalog, framework_id):
    data = client.get(f"/api/v1/frameworks/{framework_id}").get_json()
    assert {"id", "title", "version", "source", "competencies"} <= set(data)
    assert len(data["competencies"]) == len(catalog.framework(framework_id).competencies)
    for competency in data["competencies"]:
        assert {"id", "title", "statements", "topics", "related"} <= set(competency)
        assert all(isinstance(s, str) and s for s in competency["statements"])
        assert all(not r.startswith(framework_id + "-") for r in competency["related"])


def test_exam_domains_carry_ksas_with_items(client):
    data = client.get("/api/v1/frameworks/exam").get_json()
    assert len(data["competencies"]) == 8
    assert sum(k["items"] for d in data["competencies"] for k in d["ksas"]) == 100


def test_related_ids_cross_frameworks(client):
    core = {c["id"]: c for c in client.get("/api/v1/frameworks/core").get_json()["competencies"]}
    assert "justice-1" in core["core-1"]["related"]


def test_unknown_framework_is_json_404(client):
    response = client.get("/api/v1/frameworks/nope")
    assert response.status_code == 404
    assert response.get_json()["error"]["status"] == 404


@pytest.mark.parametrize("framework_id", FRAMEWORKS)
def test_case_package_validates_and_is_stable(client, framework_id):
    schema = json.loads(CASE_SCHEMA.read_text())
    first = client.get(f"/api/v1/frameworks/{framework_id}/case").get_json()
    errors = sorted(
        Draft4Validator(schema, format_checker=FormatChecker()).iter_errors(first), key=str
    )
    assert errors == []
    second = client.get(f"/api/v1/frameworks/{framework_id}/case").get_json()
    assert first == second
    identifiers = [i["identifier"] for i in first["CFItems"]] + [
        a["identifier"] for a in first["CFAssociations"]
    ]
    assert len(identifiers) == len(set(identifiers))
    types = {a["associationType"] for a in first["CFAssociations"]}
    assert "isChildOf" in types
    if framework_id in ("crisis", "unhoused", "justice", "core"):
        assert types & {"exactMatchOf", "isRelatedTo"}


def test_moodle_csv(client, catalog):
    response = client.get("/api/v1/frameworks/crisis/moodle.csv")
    assert response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    header, *lines = csv.reader(io.StringIO(response.get_data(as_text=True)))
    rows = [dict(zip(MOODLE_COLUMNS, line, strict=True)) for line in lines]
    assert tuple(header) == MOODLE_HEADERS
    assert rows[0]["isframework"] == "1" and rows[0]["idnumber"] == "crisis"
    competencies = [r for r in rows[1:] if r["parentidnumber"] == ""]
    assert [r["idnumber"] for r in competencies] == list(
        catalog.framework("crisis").competency_ids()
    )
    crisis6 = next(r for r in competencies if r["idnumber"] == "crisis-6")
    # Moodle relates competencies of one framework only: other frameworks' links are in the text.
    assert crisis6["relatedidnumbers"] == ""
    assert "crisis-6 has the same name as core-10 Conflict resolution" in crisis6["description"]
    children = [r for r in rows if r["parentidnumber"] == "crisis-1"]
    assert len(children) == len(catalog.competency("crisis-1").statements)


def test_openapi_documents_paths_that_answer(client):
    document = client.get("/api/v1/openapi.json").get_json()
    assert document["openapi"].startswith("3.")
    paths = document["paths"]
    assert {"/frameworks", "/frameworks/{framework_id}", "/frameworks/{framework_id}/case"} <= set(
        paths
    )
    # The public ones (no "security"); tests/api/test_openapi.py calls the signed-in ones.
    public = {
        t: item for t, item in paths.items() if "get" in item and "security" not in item["get"]
    }
    assert len(public) == 5
    for template, item in public.items():
        for parameter in item["get"].get("parameters", []):
            # Every documented value of the path parameter must answer.
            for value in parameter["schema"]["enum"]:
                url = "/api/v1" + template.replace("{" + parameter["name"] + "}", value)
                assert client.get(url).status_code == 200, url
        if "{" not in template:
            assert client.get("/api/v1" + template).status_code == 200, template


def test_broken_data_gives_a_clear_error_not_a_traceback(tmp_path):
    import shutil

    from app import create_app
    from app.framework.loader import DEFAULT_DIR

    shutil.copytree(DEFAULT_DIR, tmp_path / "data")
    (tmp_path / "data" / "crisis.yaml").write_text("id: [unclosed", encoding="utf-8")
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "test-secret",
            "SQLALCHEMY_DATABASE_URI": "sqlite://",
            "FRAMEWORK_DIR": str(tmp_path / "data"),
        }
    )
    client = app.test_client()
    page = client.get("/frameworks")
    assert page.status_code == 500
    assert "crisis.yaml" in page.get_data(as_text=True)
    assert str(tmp_path) not in page.get_data(as_text=True)
    response = client.get("/api/v1/frameworks/core")
    assert response.status_code == 500
    assert "crisis.yaml" in response.get_json()["error"]["message"]
