"""The one entry point of the checker: a syllabus (text, path or upload) and a program in, a Report out."""

from __future__ import annotations

import gc
import time
from contextlib import contextmanager
from pathlib import Path

from app.framework.loader import cached_catalog
from app.framework.models import Catalog
from app.policy import DEFAULT_POLICY, Policy
from app.syllabus.errors import SyllabusReadError
from app.syllabus.parser import MAX_SECONDS, parse
from app.syllabus.readers import MAX_BYTES, read_document
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
) -> Report:
    """Check a syllabus given as text or as a path; SyllabusReadError when it cannot be read."""
    if isinstance(source, Path):
        try:
            data = source.read_bytes() if source.stat().st_size <= MAX_BYTES else None
        except OSError as error:
            raise SyllabusReadError(f"Cannot open {source}: {error.strerror}.") from None
        if data is None:
            raise SyllabusReadError(f"The file is larger than {MAX_BYTES // (1024 * 1024)} MB.")
        return check_bytes(data, filename or source.name, program, catalog=catalog, policy=policy)
    return _check_text(source, program, catalog, policy)


def check_bytes(
    data: bytes,
    filename: str,
    program: str | None = None,
    *,
    catalog: Catalog | None = None,
    policy: Policy | None = None,
    max_bytes: int = MAX_BYTES,
) -> Report:
    """Check an uploaded file (.md, .txt, .docx, .pdf)."""
    text = read_document(data, filename, max_bytes=max_bytes)
    return _check_text(text, program, catalog, policy)


def _check_text(
    text: str, program: str | None, catalog: Catalog | None, policy: Policy | None
) -> Report:
    catalog = catalog or cached_catalog()
    policy = policy or DEFAULT_POLICY
    with _collector_paused():
        try:
            syllabus = parse(text, deadline=time.monotonic() + MAX_SECONDS)
            program_id = resolve_program(program, syllabus.meta, policy)
            return evaluate(syllabus, program_id, catalog, policy, suggester_for(catalog))
        except RecursionError:
            # The outline keeps nesting bounded; this is the net under any other deep structure.
            raise SyllabusReadError(
                "The syllabus is nested too deeply to read; flatten its lists."
            ) from None


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
