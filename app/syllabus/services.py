"""The one entry point of the checker: a syllabus (text, path or upload) and a program in, a Report out."""

from __future__ import annotations

import gc
from collections.abc import Sequence
from contextlib import contextmanager
from pathlib import Path

from app.framework.loader import cached_catalog
from app.framework.models import Catalog
from app.policy import DEFAULT_POLICY, Policy
from app.syllabus.doubts import Correction
from app.syllabus.errors import SyllabusReadError
from app.syllabus.limits import Budget
from app.syllabus.parser import Syllabus, parse
from app.syllabus.readers import MAX_BYTES, read_document
from app.syllabus.reading import (
    build_reading,
    correction_to_dict,
    corrections_from_file,
    decide,
)
from app.syllabus.reading_form import Form, edited_reading
from app.syllabus.report import Report
from app.syllabus.rules import evaluate
from app.syllabus.suggest import suggester_for

PROGRAM_ALIASES = {
    "core": "core",
    "core competency": "core",
    "medi-cal peer support specialist training": "core",
    "refresher": "refresher",
    "pcfm": "pcfm",
    "parent, caregiver, family member": "pcfm",
    "parent caregiver family member": "pcfm",
    "crisis": "crisis",
    "crisis care": "crisis",
    "unhoused": "unhoused",
    "justice": "justice",
    "justice-involved": "justice",
    "justice involved": "justice",
    "ce": "ce",
    "continuing education": "ce",
}


def resolve_program(requested: str | None, meta: dict, policy: Policy) -> str:
    """The program to check against: the argument, else the front matter; SyllabusReadError if neither."""
    value = requested or meta.get("program")
    if not value:
        known = ", ".join(policy.programs)
        raise SyllabusReadError(
            f"Say which program this syllabus is for (one of: {known}), e.g. 'program: core' in the front matter."
        )
    key = str(value).strip().lower()
    program = PROGRAM_ALIASES.get(key) or _program_from_words(key) or key
    if program not in policy.programs:
        known = ", ".join(policy.programs)
        raise SyllabusReadError(f"Unknown program {value!r}; expected one of: {known}.")
    return program


def check_syllabus(
    source: str | Path,
    program: str | None = None,
    *,
    filename: str | None = None,
    catalog: Catalog | None = None,
    policy: Policy | None = None,
    corrections: Sequence[Correction] = (),
) -> Report:
    """Check a syllabus given as text or as a path; SyllabusReadError when it cannot be read.

    ``corrections`` (a provider's, keyed by line) are applied before the rules; CorrectionError
    (a SyllabusReadError) names one that cannot be applied.
    """
    if isinstance(source, Path):
        try:
            data = source.read_bytes() if source.stat().st_size <= MAX_BYTES else None
        except OSError as error:
            raise SyllabusReadError(f"Cannot open {source}: {error.strerror}.") from None
        if data is None:
            raise SyllabusReadError(f"The file is larger than {MAX_BYTES // (1024 * 1024)} MB.")
        return check_bytes(
            data,
            filename or source.name,
            program,
            catalog=catalog,
            policy=policy,
            corrections=corrections,
        )
    return _check_text(source, program, catalog, policy, corrections)


def check_bytes(
    data: bytes,
    filename: str,
    program: str | None = None,
    *,
    catalog: Catalog | None = None,
    policy: Policy | None = None,
    max_bytes: int = MAX_BYTES,
    corrections: Sequence[Correction] = (),
) -> Report:
    """Check an uploaded file (.md, .txt, .docx, .pdf)."""
    text = read_document(data, filename, max_bytes=max_bytes)
    return _check_text(text, program, catalog, policy, corrections)


def _check_text(
    text: str,
    program: str | None,
    catalog: Catalog | None,
    policy: Policy | None,
    corrections: Sequence[Correction] = (),
) -> Report:
    catalog = catalog or cached_catalog()
    policy = policy or DEFAULT_POLICY
    with _collector_paused():
        try:
            syllabus = parse(text, budget=Budget())  # limits counted in work done, not wall-clock
            program_id = resolve_program(program, syllabus.meta, policy)
            return judge(syllabus, program_id, catalog, policy, corrections)
        except RecursionError:
            # The outline keeps nesting bounded; this is the net under any other deep structure.
            raise SyllabusReadError(
                "The syllabus is nested too deeply to read; flatten its lists."
            ) from None


def judge(
    syllabus: Syllabus,
    program_id: str,
    catalog: Catalog,
    policy: Policy,
    corrections: Sequence[Correction] = (),
) -> Report:
    """Evaluate a parsed syllabus with the provider's corrections; weigh the open doubts; attach
    the reading."""
    suggester = suggester_for(catalog)
    program = policy.program(program_id)
    known = catalog.framework(program.framework).competency_ids() if program.framework else ()

    def run(corrected: Syllabus) -> Report:
        return evaluate(corrected, program_id, catalog, policy, suggester)

    report, corrected, results = decide(
        syllabus,
        corrections,
        run,
        known=known,
        ask_min_score=float(policy.value("suggest.doubt_min_score")),
    )
    report.reading = build_reading(report, corrected, results)
    return report


@contextmanager
def _collector_paused():
    """Pause the cyclic garbage collector during one check: a syllabus of thousands of sessions
    builds a large outline whose repeated collection costs a third of the check; its cycles are
    collected afterwards as usual."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


_PROGRAM_WORDS = (
    ("refresher", "refresher"),
    ("crisis", "crisis"),
    ("unhoused", "unhoused"),
    ("homeless", "unhoused"),
    ("justice", "justice"),
    ("parent", "pcfm"),
    ("caregiver", "pcfm"),
    ("continuing education", "ce"),
    ("core", "core"),
)


def _program_from_words(text: str) -> str | None:
    """A program named in words ("Core competency training (80 hours)")."""
    for word, program in _PROGRAM_WORDS:
        if word in text:
            return program
    return None


def corrections_from_form(
    text: str,
    program: str | None,
    carried: Sequence[Correction],
    form: Form,
    *,
    catalog: Catalog | None = None,
    policy: Policy | None = None,
) -> list[Correction]:
    """The carried corrections and those the posted reading table asks for (FormProblems when a
    value cannot be used, CorrectionError when a correction cannot apply)."""
    carried = list(carried)
    cache: dict[str, dict] = {}

    def reading_of(corrections: list[Correction]) -> dict:
        key = repr(corrections)
        if key not in cache:
            report = check_syllabus(
                text, program, catalog=catalog, policy=policy, corrections=corrections
            )
            cache[key] = report.reading
        return cache[key]

    edited = edited_reading(reading_of(carried), form)
    edited["corrections"] = [correction_to_dict(c) for c in carried]
    return corrections_from_file(edited, reading_of)
