"""Errors of syllabus reading."""

from __future__ import annotations

from app.messages import Message


class SyllabusReadError(ValueError):
    """The syllabus cannot be read; the message says where (line or part) and why.

    ``args[0]`` is a ``Message`` (its English text as before), so a page shows it in its language.
    """

    def __init__(self, message: str, line: int | None = None, part: str | None = None):
        self.message = message
        self.line = line
        self.part = part
        if line:
            text = Message("line %(line)s: %(message)s", line=line, message=message)
        elif part:
            text = Message("%(part)s: %(message)s", part=part, message=message)
        else:
            text = message
        super().__init__(text)


class CorrectionError(SyllabusReadError):
    """A provider's correction cannot be applied; the message names the correction and why."""
