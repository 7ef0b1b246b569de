"""The OpenAPI description of the submission and CE endpoints, added to the framework
description so /api/v1/openapi.json covers every endpoint under /api/v1."""

from __future__ import annotations

from app.api.frameworks import OPENAPI

_SESSION = [{"session": []}]
_ERROR_REF = {"$ref": "#/components/schemas/Error"}


def _json(description: str, schema: dict) -> dict:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _error(description: str) -> dict:
    return _json(description, _ERROR_REF)


def _refused(forbidden: str, not_found: str) -> dict:
    """The answers of a signed-in endpoint that refuses: signed out, not allowed, not found."""
    return {"401": _error("Not signed in"), "403": _error(forbidden), "404": _error(not_found)}


def _json_body(schema: dict) -> dict:
    """A required JSON request body of ``schema``."""
    return {"required": True, "content": {"application/json": {"schema": schema}}}


def _path_id(name: str) -> dict:
    """A whole-number id, 1 or more, in the path."""
    return {
        "name": name,
        "in": "path",
        "required": True,
        "schema": {"type": "integer", "minimum": 1},
    }


_CURRICULUM_ID = _path_id("curriculum_id")
_CSRF_HEADER = {
    "name": "X-CSRFToken",
    "in": "header",
    "required": True,
    "description": "The CSRF token of the signed-in session (the csrf_token field of any of its forms)",
    "schema": {"type": "string"},
}
_DATE_OR_NULL = {"type": ["string", "null"], "format": "date"}

PATHS = {
    "/submissions/{curriculum_id}": {
        "get": {
            "summary": "A curriculum the caller may see: state, lock version and latest report",
            "operationId": "getSubmission",
            "security": _SESSION,
            "parameters": [_CURRICULUM_ID],
            "responses": {
                "200": _json("The curriculum", {"$ref": "#/components/schemas/Submission"}),
                **_refused(
                    "Not a provider, reviewer or administrator",
                    "No such curriculum, or another organization's",
                ),
            },
        }
    },
    "/submissions/{curriculum_id}/decision": {
        "post": {
            "summary": "A reviewer's decision, naming the lock version seen (optimistic locking)",
            "operationId": "decideSubmission",
            "security": _SESSION,
            "description": "CSRF stays on: send the token in the X-CSRFToken header (a request "
            "without it is refused with 400). A decision that names a stale version, or that "
            "lost a race with another reviewer's, answers 409 with the curriculum as it is now "
            "and the decision sent.",
            "parameters": [_CURRICULUM_ID, _CSRF_HEADER],
            "requestBody": _json_body(
                {
                    "type": "object",
                    "required": ["decision", "version"],
                    "properties": {
                        "decision": {
                            "type": "string",
                            "enum": ["request_revisions", "approve", "deny"],
                        },
                        "reason": {"type": "string"},
                        "version": {"type": "integer"},
                    },
                }
            ),
            "responses": {
                "200": _json("The decided curriculum", {"$ref": "#/components/schemas/Submission"}),
                "400": _error("The body is not a decision, or the CSRF token is missing"),
                **_refused("Not a reviewer", "No such curriculum"),
                "409": _json(
                    "The curriculum changed since the version named (another reviewer decided "
                    "first), or the move is not allowed; nothing was changed",
                    {"$ref": "#/components/schemas/DecisionConflict"},
                ),
            },
        }
    },
    "/submissions/{curriculum_id}/reading": {
        "post": {
            "summary": "The provider corrects what the checker read on a draft; the report is recomputed",
            "operationId": "correctReading",
            "security": _SESSION,
            "description": "CSRF stays on. The body is a list of corrections "
            "(app/syllabus/reading.schema.json, $defs/correction) or the report's 'reading' "
            "edited: each difference from the machine's reading becomes a correction.",
            "parameters": [_CURRICULUM_ID],
            "requestBody": _json_body({"type": ["array", "object"]}),
            "responses": {
                "200": _json("The corrected draft", {"$ref": "#/components/schemas/Submission"}),
                "400": _error("A correction cannot be applied (the message names it)"),
                **_refused(
                    "Not a provider of the owning organization",
                    "No such curriculum, or another organization's",
                ),
                "409": _error("The curriculum is no longer a draft"),
            },
        }
    },
    "/submissions/{curriculum_id}/reading/{correction_id}": {
        "post": {
            "summary": "A reviewer accepts or rejects one of the provider's corrections",
            "operationId": "decideReadingCorrection",
            "security": _SESSION,
            "description": "CSRF stays on. A rejected correction no longer counts: the report "
            "is recomputed without it.",
            "parameters": [_CURRICULUM_ID, _path_id("correction_id")],
            "requestBody": _json_body(
                {
                    "type": "object",
                    "required": ["decision"],
                    "properties": {
                        "decision": {"type": "string", "enum": ["accept", "reject"]},
                        "note": {"type": "string"},
                    },
                }
            ),
            "responses": {
                "200": _json("The curriculum", {"$ref": "#/components/schemas/Submission"}),
                "400": _error("Not a decision, or a rejection without its reason"),
                **_refused("Not a reviewer", "No such curriculum or correction"),
                "409": _error("Already decided, or the curriculum is still a draft"),
            },
        }
    },
    "/ce/entries": {
        "get": {
            "summary": "The signed-in peer's continuing-education entries",
            "operationId": "listCeEntries",
            "security": _SESSION,
            "responses": {
                "200": _json(
                    "The entries",
                    {
                        "type": "object",
                        "required": ["entries"],
                        "properties": {
                            "entries": {
                                "type": "array",
                                "items": {"$ref": "#/components/schemas/CeEntry"},
                            }
                        },
                    },
                ),
                **_refused("Not a peer", "No certification details yet"),
            },
        }
    },
    "/ce/summary": {
        "get": {
            "summary": "The signed-in peer's CE summary for the current certification period (§207.3)",
            "operationId": "getCeSummary",
            "security": _SESSION,
            "responses": {
                "200": _json("The summary", {"$ref": "#/components/schemas/CeSummary"}),
                **_refused("Not a peer", "No certification details yet"),
            },
        }
    },
}

SCHEMAS = {
    "DecisionConflict": {
        "type": "object",
        "required": ["error"],
        "properties": {
            "error": {"$ref": "#/components/schemas/Error/properties/error"},
            "current": {"$ref": "#/components/schemas/Submission"},
            "submitted": {
                "type": "object",
                "required": ["decision", "reason", "version"],
                "properties": {
                    "decision": {"type": "string"},
                    "reason": {"type": "string"},
                    "version": {"type": "integer"},
                },
            },
        },
    },
    "Submission": {
        "type": "object",
        "required": ["id", "title", "program", "organization", "state", "version", "versions"],
        "properties": {
            "id": {"type": "integer"},
            "title": {"type": "string"},
            "program": {"type": "string"},
            "organization": {"type": "string"},
            "state": {
                "type": "string",
                "enum": [
                    "draft",
                    "submitted",
                    "revisions_requested",
                    "approved",
                    "denied",
                    "appealed",
                    "appeal_approved",
                    "appeal_denied",
                ],
            },
            "version": {"type": "integer", "description": "Lock version to name in a decision"},
            "versions": {"type": "integer"},
            "approved_on": _DATE_OR_NULL,
            "expires_on": _DATE_OR_NULL,
            "report": {"type": ["object", "null"], "description": "The checker's report"},
            "reading_corrections": {
                "type": "array",
                "items": {"$ref": "#/components/schemas/ReadingCorrection"},
            },
        },
    },
    "ReadingCorrection": {
        "type": "object",
        "required": [
            "id",
            "line",
            "field",
            "correction",
            "machine_read",
            "provider_says",
            "status",
        ],
        "properties": {
            "id": {"type": "integer"},
            "version": {"type": "integer"},
            "line": {"type": "integer"},
            "field": {"type": "string"},
            "correction": {"type": "object"},
            "source_line": {"type": "string"},
            "machine_read": {"type": "string"},
            "provider_says": {"type": "string"},
            "by": {"type": "string"},
            "at": {"type": "string", "format": "date-time"},
            "status": {"type": "string", "enum": ["proposed", "accepted", "rejected"]},
            "decided_by": {"type": ["string", "null"]},
            "decided_at": {"type": ["string", "null"], "format": "date-time"},
            "decision_note": {"type": "string"},
        },
    },
    "CeEntry": {
        "type": "object",
        "required": ["id", "title", "provider", "start_date"],
        "properties": {
            "id": {"type": "integer"},
            "title": {"type": "string"},
            "provider": {"type": "string"},
            "start_date": {"type": "string", "format": "date"},
            "end_date": _DATE_OR_NULL,
            "format": {"type": "string"},
            "hours": {"type": ["number", "null"]},
            "units": {"type": ["number", "null"]},
            "source": {"type": "string"},
            "law_ethics": {"type": "boolean"},
            "law_ethics_topics": {"type": "array", "items": {"type": "string"}},
            "evidence": {"type": "array", "items": {"type": "string"}},
            "withdrawn_on": {
                **_DATE_OR_NULL,
                "description": "The day the entry was withdrawn after the peer's dispute (its "
                "provider's report fell; kept on the record, not counted); null: it stands",
            },
            "withdrawn_reason": {
                "type": ["string", "null"],
                "description": "Why it was withdrawn; null when it stands",
            },
        },
    },
    "CeSummary": {
        "type": "object",
        "required": ["period", "total_hours", "law_ethics_hours", "required_hours", "entries"],
        "properties": {
            "period": {
                "type": "object",
                "required": ["start", "end"],
                "properties": {
                    "start": {"type": "string", "format": "date"},
                    "end": {"type": "string", "format": "date"},
                },
            },
            "total_hours": {"type": "number"},
            "law_ethics_hours": {"type": "number"},
            "required_hours": {"type": "number"},
            "required_law_ethics_hours": {"type": "number"},
            "compliant": {"type": "boolean"},
            "expires_on": {"type": "string", "format": "date"},
            "entries": {"type": "array", "items": {"type": "object"}},
            "findings": {"type": "array", "items": {"type": "object"}},
        },
    },
}

OPENAPI["paths"].update(PATHS)
OPENAPI["components"]["schemas"].update(SCHEMAS)
OPENAPI["components"].setdefault("securitySchemes", {})["session"] = {
    "type": "apiKey",
    "in": "cookie",
    "name": "session",
    "description": "The signed-in session cookie (__Host-session over HTTPS).",
}
OPENAPI["info"]["description"] = (
    "Medi-Cal Peer Support Specialist competency frameworks and their exports; curricula "
    "submitted for approval; a certified peer's continuing education."
)
