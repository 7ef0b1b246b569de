"""Errors of syllabus reading."""

from __future__ import annotations


class SyllabusReadError(ValueError):
    """The syllabus cannot be read; the message says where (line or part) and why."""

    def __init__(self, message: str, line: int | None = None, part: str | None = None):
        self.message = message
        self.line = line
        self.part = part
        where = f"line {line}: " if line else (f"{part}: " if part else "")
        super().__init__(f"{where}{message}")


class CorrectionError(SyllabusReadError):
    """A provider's correction cannot be applied; the message names the correction and why."""
