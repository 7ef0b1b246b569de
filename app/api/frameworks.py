"""Framework resources: JSON, CASE 1.0 package and Moodle CSV."""

from __future__ import annotations

from flask import Response, abort, jsonify, request

from app import context
from app.api.blueprint import bp
from app.framework.exports import case_package, framework_json, moodle_csv
from app.framework.models import FRAMEWORK_IDS


def _framework_or_404(framework_id: str):
    catalog = context.catalog()
    if framework_id not in catalog.frameworks:
        abort(
            404,
            description=f"There is no framework called {framework_id!r}; known: {', '.join(catalog.frameworks)}.",
        )
    return catalog.framework(framework_id)


@bp.get("/frameworks")
def framework_list():
    """Every framework with its id, title, version and number of competencies."""
    catalog = context.catalog()
    return jsonify(
        frameworks=[
            {
                "id": f.id,
                "title": f.title,
                "kind": f.kind,
                "version": f.version,
                "competencies": len(f.competencies),
            }
            for f in catalog.frameworks.values()
        ]
    )


@bp.get("/frameworks/<framework_id>")
def framework_detail(framework_id: str):
    """One framework in the interchange shape."""
    return jsonify(framework_json(context.graph(), _framework_or_404(framework_id)))


@bp.get("/frameworks/<framework_id>/case")
def framework_case(framework_id: str):
    """The framework as a CASE 1.0 CFPackage."""
    framework = _framework_or_404(framework_id)
    return jsonify(case_package(context.catalog(), framework.id, request.host_url.rstrip("/")))


@bp.get("/frameworks/<framework_id>/moodle.csv")
def framework_moodle(framework_id: str):
    """The framework as Moodle's competency-framework CSV, as a download."""
    framework = _framework_or_404(framework_id)
    body = moodle_csv(context.catalog(), context.graph(), framework.id)
    return Response(
        body,
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{framework.id}-competencies.csv"'},
    )


_FRAMEWORK_ID = {
    "name": "framework_id",
    "in": "path",
    "required": True,
    "schema": {"type": "string", "enum": list(FRAMEWORK_IDS)},
}
# Frameworks and competencies alike are named by a string id and have a title.
_ID_AND_TITLE = {"id": {"type": "string"}, "title": {"type": "string"}}
_ERROR = {
    "description": "No such framework",
    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
}


def _json(description: str, schema: dict) -> dict:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


# Other resource modules may add their own entries to OPENAPI["paths"] when imported.
OPENAPI: dict = {
    "openapi": "3.1.0",
    "info": {
        "title": "Curriculum Mapper API",
        "version": "1.0.0",
        "description": "Medi-Cal Peer Support Specialist competency frameworks and their exports.",
    },
    "servers": [{"url": "/api/v1"}],
    "paths": {
        "/frameworks": {
            "get": {
                "summary": "Every framework with its id, title, version and competency count",
                "operationId": "listFrameworks",
                "responses": {
                    "200": _json(
                        "The frameworks",
                        {
                            "type": "object",
                            "required": ["frameworks"],
                            "properties": {
                                "frameworks": {
                                    "type": "array",
                                    "items": {"$ref": "#/components/schemas/FrameworkSummary"},
                                }
                            },
                        },
                    )
                },
            }
        },
        "/frameworks/{framework_id}": {
            "get": {
                "summary": "One framework with its competencies, statements, topics and crosswalks",
                "operationId": "getFramework",
                "parameters": [_FRAMEWORK_ID],
                "responses": {
                    "200": _json("The framework", {"$ref": "#/components/schemas/Framework"}),
                    "404": _ERROR,
                },
            }
        },
        "/frameworks/{framework_id}/case": {
            "get": {
                "summary": "The framework as a 1EdTech CASE 1.0 CFPackage (stable UUIDs)",
                "operationId": "getFrameworkCase",
                "parameters": [_FRAMEWORK_ID],
                "responses": {
                    "200": _json(
                        "CFPackage with CFDocument, CFItems and CFAssociations",
                        {"type": "object", "required": ["CFDocument", "CFItems", "CFAssociations"]},
                    ),
                    "404": _ERROR,
                },
            }
        },
        "/frameworks/{framework_id}/moodle.csv": {
            "get": {
                "summary": "The framework as a Moodle competency-framework CSV (tool_lpimportcsv)",
                "operationId": "getFrameworkMoodleCsv",
                "parameters": [_FRAMEWORK_ID],
                "responses": {
                    "200": {
                        "description": "CSV attachment, one framework row then one row per item",
                        "content": {"text/csv": {"schema": {"type": "string"}}},
                    },
                    "404": _ERROR,
                },
            }
        },
        "/openapi.json": {
            "get": {
                "summary": "This description",
                "operationId": "getOpenApi",
                "responses": {"200": _json("OpenAPI 3.1 document", {"type": "object"})},
            }
        },
    },
    "components": {
        "schemas": {
            "Error": {
                "type": "object",
                "required": ["error"],
                "properties": {
                    "error": {
                        "type": "object",
                        "required": ["status", "message"],
                        "properties": {
                            "status": {"type": "integer"},
                            "message": {"type": "string"},
                        },
                    }
                },
            },
            "FrameworkSummary": {
                "type": "object",
                "required": ["id", "title", "version", "competencies"],
                "properties": {
                    **_ID_AND_TITLE,
                    "kind": {"type": "string"},
                    "version": {"type": "string"},
                    "competencies": {"type": "integer"},
                },
            },
            "Framework": {
                "type": "object",
                "required": ["id", "title", "version", "source", "competencies"],
                "properties": {
                    **_ID_AND_TITLE,
                    "version": {"type": "string"},
                    "source": {"type": "object"},
                    "competencies": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "required": ["id", "title", "statements", "topics", "related"],
                            "properties": {
                                **_ID_AND_TITLE,
                                "statements": {"type": "array", "items": {"type": "string"}},
                                "topics": {"type": "array", "items": {"type": "string"}},
                                "related": {"type": "array", "items": {"type": "string"}},
                                "ksas": {
                                    "type": "array",
                                    "description": "Exam domains only: KSA ids and item counts",
                                    "items": {"type": "object"},
                                },
                            },
                        },
                    },
                },
            },
        }
    },
}


@bp.get("/openapi.json")
def openapi():
    """The OpenAPI 3.1 description of the framework endpoints."""
    return jsonify(OPENAPI)
