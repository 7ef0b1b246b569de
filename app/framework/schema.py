"""JSON Schemas for the framework data files, and validation with errors naming file and field."""

from __future__ import annotations

from typing import Any


class FrameworkDataError(ValueError):
    """A data file is missing, unreadable or does not match its schema."""

    def __init__(self, filename: str, field: str, problem: str):
        self.filename = filename
        self.field = field
        self.problem = problem
        where = f"{filename}: {field}" if field else filename
        super().__init__(f"{where}: {problem}")


def validate(filename: str, data: Any, kind: str) -> None:
    """Raise FrameworkDataError unless ``data`` matches the schema for ``kind`` (placeholder)."""
    if not isinstance(data, dict):
        raise FrameworkDataError(filename, "", "expected a mapping at the top level")
