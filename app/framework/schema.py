"""JSON Schemas for the framework data files, and validation with errors naming file and field."""

from __future__ import annotations

from typing import Any

from jsonschema import Draft202012Validator

from app.framework.models import FRAMEWORK_IDS


class FrameworkDataError(ValueError):
    """A data file is missing, unreadable or does not match its schema."""

    def __init__(self, filename: str, field: str, problem: str):
        self.filename = filename
        self.field = field
        self.problem = problem
        where = f"{filename}: {field}" if field else filename
        super().__init__(f"{where}: {problem}")


# A statement as users read it: no leading/trailing space, no doubled spaces, no HTML or bullets.
_TEXT = {
    "type": "string",
    "minLength": 1,
    "pattern": r"^(?!\s)(?!.*\s$)(?!.*  )(?!.*[<>•·])(?!.*&[a-z]+;)[\s\S]+$",
}
_TEXT_LIST = {"type": "array", "items": _TEXT}
_SOURCE = {
    "type": "object",
    "required": ["seed", "section"],
    "properties": {
        "seed": {"type": "string", "pattern": r"^\d{3}_[0-9a-f]{16}\.txt$"},
        "section": {"type": "string", "minLength": 1},
        "document": {"type": "string"},
        "notes": {"type": "string"},
    },
    "additionalProperties": False,
}
_COMPETENCY_ID = r"^(core-([1-9]|1[0-7])|pcfm-[1-5]|crisis-([1-9]|1[01])|unhoused-([1-9]|10)|justice-([1-9]|1[0-2]))$"
_KSA_ID = r"^exam-[1-8]\.[1-9][0-9]?$"

_COMPETENCY = {
    "type": "object",
    "required": ["id", "number", "title"],
    "properties": {
        "id": {"type": "string", "pattern": _COMPETENCY_ID},
        "number": {"type": "integer", "minimum": 1},
        "title": _TEXT,
        "phase": {"type": "string"},
        "summary": _TEXT,
        "source": _SOURCE,
        "knowledge": _TEXT_LIST,
        "skills": _TEXT_LIST,
        "abilities": _TEXT_LIST,
        "themes": _TEXT_LIST,
        "examples": _TEXT_LIST,
        "topics": _TEXT_LIST,
    },
    "additionalProperties": False,
}
_EXAM_DOMAIN = {
    "type": "object",
    "required": ["id", "number", "title", "weight_percent", "items", "ksas"],
    "properties": {
        "id": {"type": "string", "pattern": r"^exam-[1-8]$"},
        "number": {"type": "integer", "minimum": 1},
        "title": _TEXT,
        "weight_percent": {"type": "number", "minimum": 0, "maximum": 100},
        "items": {"type": "integer", "minimum": 1},
        "source": _SOURCE,
        "ksas": {
            "type": "array",
            "minItems": 1,
            "items": {
                "type": "object",
                "required": ["id", "text", "percent", "items"],
                "properties": {
                    "id": {"type": "string", "pattern": _KSA_ID},
                    "text": _TEXT,
                    "percent": {"type": "number", "minimum": 0},
                    "items": {"type": "integer", "minimum": 0},
                },
                "additionalProperties": False,
            },
        },
    },
    "additionalProperties": False,
}
FRAMEWORK_SCHEMA = {
    "type": "object",
    "required": ["id", "title", "kind", "version", "source", "competencies"],
    "properties": {
        "id": {"enum": list(FRAMEWORK_IDS)},
        "title": _TEXT,
        "kind": {"enum": ["core", "specialization", "exam"]},
        "version": {"type": "string", "minLength": 1},
        "source": _SOURCE,
        "total_items": {"type": "integer"},
        "phases": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["id", "title", "competencies"],
                "properties": {
                    "id": {"type": "string", "pattern": r"^[a-z-]+$"},
                    "title": _TEXT,
                    "competencies": {"type": "array", "items": {"type": "string"}, "minItems": 1},
                },
                "additionalProperties": False,
            },
        },
        "competencies": {"type": "array", "minItems": 1},
    },
    "additionalProperties": False,
    "if": {"properties": {"kind": {"const": "exam"}}},
    "then": {"properties": {"competencies": {"items": _EXAM_DOMAIN}}},
    "else": {"properties": {"competencies": {"items": _COMPETENCY}}},
}
CROSSWALKS_SCHEMA = {
    "type": "object",
    "required": ["version", "links"],
    "properties": {
        "version": {"type": "string"},
        "notes": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["seed", "section", "text"],
                "properties": {
                    "seed": {"type": "string"},
                    "section": {"type": "string"},
                    "text": _TEXT,
                },
                "additionalProperties": False,
            },
        },
        "links": {
            "type": "array",
            "items": {
                "type": "object",
                "required": [
                    "source",
                    "target",
                    "type",
                    "provenance",
                    "seed",
                    "section",
                    "evidence",
                ],
                "properties": {
                    "source": {"type": "string"},
                    "target": {"type": "string"},
                    "type": {"enum": ["builds-on", "same-as", "related", "feeds"]},
                    "provenance": {"enum": ["stated", "derived"]},
                    "seed": {"type": "string", "pattern": r"^\d{3}_[0-9a-f]{16}\.txt$"},
                    "section": {"type": "string", "minLength": 1},
                    "evidence": _TEXT,
                },
                "additionalProperties": False,
            },
        },
        "no_additional": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["competency", "framework", "seed", "section", "evidence"],
                "properties": {
                    "competency": {"type": "string", "pattern": r"^core-([1-9]|1[0-7])$"},
                    "framework": {"type": "string"},
                    "seed": {"type": "string"},
                    "section": {"type": "string"},
                    "evidence": _TEXT,
                },
                "additionalProperties": False,
            },
        },
    },
    "additionalProperties": False,
}
LAW_ETHICS_SCHEMA = {
    "type": "object",
    "required": ["id", "title", "version", "source", "topics"],
    "properties": {
        "id": {"const": "law-ethics"},
        "title": _TEXT,
        "version": {"type": "string"},
        "source": _SOURCE,
        "topics": {
            "type": "array",
            "minItems": 1,
            "items": {
                "type": "object",
                "required": ["id", "title", "keywords"],
                "properties": {
                    "id": {"type": "string", "pattern": r"^le-([1-9]|1[0-7])$"},
                    "title": _TEXT,
                    "keywords": {"type": "array", "items": _TEXT, "minItems": 1},
                },
                "additionalProperties": False,
            },
        },
    },
    "additionalProperties": False,
}
_PHRASE = {"type": "string", "minLength": 1, "maxLength": 400, "pattern": r"^\S(.*\S)?$"}
TERMS_SCHEMA = {
    "type": "object",
    "required": ["version", "source", "competencies"],
    "properties": {
        "version": {"type": "string"},
        "source": {"type": "object", "additionalProperties": {"type": "string"}},
        "competencies": {
            "type": "object",
            "propertyNames": {"pattern": r"^(core|pcfm|crisis|unhoused|justice)-[1-9][0-9]?$"},
            "additionalProperties": {
                "type": "object",
                "required": ["short"],
                "properties": {
                    "short": {"type": "string", "minLength": 1, "maxLength": 40},
                    "aliases": {"type": "array", "items": _PHRASE, "uniqueItems": True},
                    "es": {
                        "type": "object",
                        "required": ["title", "translation_of"],
                        "properties": {
                            "title": _PHRASE,
                            "translation_of": _PHRASE,
                            "short": {"type": "string", "minLength": 1, "maxLength": 40},
                            "terms": {"type": "array", "items": _PHRASE, "uniqueItems": True},
                        },
                        "additionalProperties": False,
                    },
                },
                "additionalProperties": False,
            },
        },
    },
    "additionalProperties": False,
}
SCHEMAS = {
    "terms": TERMS_SCHEMA,
    "framework": FRAMEWORK_SCHEMA,
    "crosswalks": CROSSWALKS_SCHEMA,
    "law_ethics": LAW_ETHICS_SCHEMA,
}


def _path(error) -> str:
    path = ""
    for part in error.absolute_path:
        path += f"[{part}]" if isinstance(part, int) else (f".{part}" if path else str(part))
    return path


def _problem(error) -> str:
    if error.validator == "pattern" and isinstance(error.instance, str):
        return (
            f"{error.instance!r} is malformed (stray whitespace, HTML, bullets or a bad identifier)"
        )
    if error.validator == "additionalProperties":
        return error.message.replace("Additional properties are not allowed", "unknown key")
    return error.message


def validate(filename: str, data: Any, kind: str) -> None:
    """Raise FrameworkDataError naming the file and field unless ``data`` matches ``kind``'s schema."""
    if not isinstance(data, dict):
        raise FrameworkDataError(filename, "", "expected a mapping at the top level")
    validator = Draft202012Validator(SCHEMAS[kind])
    errors = sorted(
        validator.iter_errors(data),
        key=lambda e: (len(e.absolute_path), list(map(str, e.absolute_path))),
    )
    if errors:
        deepest = max(errors, key=lambda e: len(e.absolute_path))
        raise FrameworkDataError(filename, _path(deepest) or "(top level)", _problem(deepest))


def validate_translation(filename: str, data: Any, schema: dict[str, Any]) -> None:
    """As ``validate``, for the Spanish files (competencies/es) and their own schemas: the field
    is named as a dotted path ("competencies.crisis-1.skills.0")."""
    if not isinstance(data, dict):
        raise FrameworkDataError(filename, "", "expected a mapping at the top level")
    errors = list(Draft202012Validator(schema).iter_errors(data))
    if errors:
        deepest = max(errors, key=lambda e: len(e.absolute_path))
        where = ".".join(str(part) for part in deepest.absolute_path) or "(top level)"
        problem = deepest.message.replace("Additional properties are not allowed", "unknown key")
        raise FrameworkDataError(filename, where, problem)
