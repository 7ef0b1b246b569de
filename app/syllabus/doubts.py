"""What the checker read and doubts, and what a provider says instead (pure data).

A ``Correction`` is one decision a provider overrides, keyed by the source line it is about. A
``Doubt`` is a decision the reader is unsure of: the question put to the provider and the
corrections that would settle it each way. The reader attaches doubts to the ``Syllabus`` it
returns; the reading layer applies corrections and decides whether an open doubt could change
the verdict.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

# The decisions a provider can correct, each keyed by a source line:
#   session      value True/False: the line is / is not a session (True needs "title" and "hours")
#   hours        value: the session's hours (a number)
#   counted      value True/False: its hours count as instruction, or are set aside
#   competency   value: a competency id to credit; "remove" True takes the credit away
#   total        value True/False: the statement on this line is / is not the declared total
CORRECTION_FIELDS = ("session", "hours", "counted", "competency", "total")


@dataclass(frozen=True)
class Correction:
    """One decision the provider makes about the line ``line``."""

    line: int
    field: str
    value: Any
    title: str = ""  # for a new session: its title
    hours: float | None = None  # for a new session: its hours
    evidence: str = ""  # for a credited competency: the words that show it
    remove: bool = False  # for a competency: take the credit away


@dataclass(frozen=True)
class Doubt:
    """A reading the reader is unsure of, with its grounds and the ways to settle it."""

    kind: str  # levels | restated_table | total | identifier | exam_word | closing_statement | …
    line: int
    question: str  # put to the provider, in plain words
    grounds: str  # why the reader is unsure
    confidence: float  # how sure the reader is of what it chose, 0..1
    alternatives: tuple[Correction, ...] = ()  # each settles the doubt against the reader's choice
