"""What the checker read, the provider's corrections, and the verdict while a doubt is open (pure).

The reader turns a syllabus into sessions and declared totals; every one of those decisions can be
wrong on a shape it has not met. These modules make them visible and correctable:

- ``correcting.apply_corrections`` returns a copy of a ``Syllabus`` with a provider's corrections
  (keyed by source line) applied, so the rules judge what the provider says rather than what was
  guessed;
- ``found_doubts.find_doubts`` adds to the reader's own doubts those the parsed syllabus shows (a
  number that may be an identifier, an exam word used in another sense, a table restating other
  sessions, a declared total that disagrees with the sessions);
- ``verdict.decide`` evaluates the corrected syllabus, then each open doubt's alternatives, and
  when one of them would change the verdict the verdict is "needs confirmation": a syllabus never
  passes while an unconfirmed doubt could make it fail;
- ``reading_table.build_reading`` is the table of what was read, with grounds and confidence for
  each decision, as JSON (``reading.schema.json``); ``reading_file`` reads it back as edited.

This module keeps their public names importable."""

from __future__ import annotations

from app.syllabus.correcting import (
    CONFIRM,
    EXCLUDED,
    FIELDS,
    READING_VERSION,
    TOLERANCE,
    CorrectedSyllabus,
    apply_corrections,
    correction_from_dict,
    correction_to_dict,
)
from app.syllabus.found_doubts import find_doubts, total_doubt
from app.syllabus.reading_file import SCHEMA_PATH, corrections_from_file, reading_schema
from app.syllabus.reading_table import build_reading
from app.syllabus.verdict import (
    HOURS_ERRORS,
    MAX_EVALUATED_SESSIONS,
    MAX_EVALUATIONS,
    VERDICTS,
    DoubtResult,
    closes,
    decide,
    doubt_to_dict,
    open_doubts,
    report_citation,
)

__all__ = [
    "CONFIRM",
    "EXCLUDED",
    "FIELDS",
    "HOURS_ERRORS",
    "MAX_EVALUATED_SESSIONS",
    "MAX_EVALUATIONS",
    "READING_VERSION",
    "SCHEMA_PATH",
    "TOLERANCE",
    "VERDICTS",
    "CorrectedSyllabus",
    "DoubtResult",
    "apply_corrections",
    "build_reading",
    "closes",
    "correction_from_dict",
    "correction_to_dict",
    "corrections_from_file",
    "decide",
    "doubt_to_dict",
    "find_doubts",
    "open_doubts",
    "reading_schema",
    "report_citation",
    "total_doubt",
]
