"""The crosswalks' "why" texts in Spanish: read ``competencies/es/crosswalks.yaml`` and give the
links, notes and "no additional" rows of a Catalog their Spanish text (pure: no Flask).

The file names each link by its source, target and type, each "no additional" row by its
competency and framework, and follows the English notes entry by entry, in the same order. It
may leave things out (they stay in English, and ``untranslated_links`` lists them), but every
link or row it names must exist in crosswalks.yaml, once: a broken file stops the app with an
error naming the file and the field, as the other Spanish files do.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from app.framework.loader import read_yaml
from app.framework.models import Catalog
from app.framework.schema import FrameworkDataError, validate_translation

FILENAME = "es/crosswalks.yaml"

_TEXT = {
    "type": "string",
    "minLength": 1,
    "pattern": r"^(?!\s)(?!.*\s$)(?!.*  )(?!.*[<>•·])(?!.*&[a-z]+;)[\s\S]+$",
}
_ID = {"type": "string", "minLength": 1}
CROSSWALKS_ES_SCHEMA = {
    "type": "object",
    "required": ["reviewed", "translation_of", "links"],
    "additionalProperties": False,
    "properties": {
        "reviewed": {"type": "boolean"},
        "translation_of": {"type": "string", "minLength": 1},
        "notes": {"type": "array", "items": _TEXT},
        "links": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["source", "target", "type", "evidence"],
                "additionalProperties": False,
                "properties": {"source": _ID, "target": _ID, "type": _ID, "evidence": _TEXT},
            },
        },
        "no_additional": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["competency", "framework", "evidence"],
                "additionalProperties": False,
                "properties": {"competency": _ID, "framework": _ID, "evidence": _TEXT},
            },
        },
    },
}


@dataclass(frozen=True)
class SpanishCrosswalks:
    """The Spanish of crosswalks.yaml; ``present`` is False when there is no Spanish file."""

    present: bool = False
    reviewed: bool = False
    translation_of: str = ""
    notes: tuple[str, ...] = ()
    evidence: dict[tuple[str, ...], str] = field(default_factory=dict)  # (source, target, type)
    no_additional: dict[tuple[str, ...], str] = field(default_factory=dict)  # (competency, fw)


def _keyed(
    entries: list[dict[str, str]], names: tuple[str, ...], known: set[Any], what: str
) -> dict[tuple[str, ...], str]:
    """The evidence of each entry by its key, refusing a key the English lacks or a repeated one."""
    found: dict[tuple[str, ...], str] = {}
    for index, entry in enumerate(entries):
        key = tuple(entry[name] for name in names)
        where = f"{what}.{index}"
        if key not in known:
            raise FrameworkDataError(
                FILENAME, where, f"crosswalks.yaml has no {what} entry {' '.join(key)!r}"
            )
        if key in found:
            raise FrameworkDataError(FILENAME, where, f"{' '.join(key)!r} is translated twice")
        found[key] = entry["evidence"]
    return found


def load_spanish_crosswalks(catalog: Catalog, folder: Path) -> SpanishCrosswalks:
    """``folder``/crosswalks.yaml checked against ``catalog`` (the English); empty when absent."""
    path = folder / "crosswalks.yaml"
    if not path.is_file():
        return SpanishCrosswalks()
    data = read_yaml(path)
    validate_translation(FILENAME, data, CROSSWALKS_ES_SCHEMA)
    notes = tuple(data.get("notes") or ())
    if notes and len(notes) != len(catalog.crosswalk_notes):
        raise FrameworkDataError(
            FILENAME,
            "notes",
            f"{len(notes)} entries, but the English has {len(catalog.crosswalk_notes)}: "
            "translate every one, in the same order",
        )
    links = {(x.source, x.target, x.type) for x in catalog.links}
    rows = {(x.competency, x.framework) for x in catalog.no_additional}
    return SpanishCrosswalks(
        present=True,
        reviewed=data["reviewed"],
        translation_of=str(data["translation_of"]),
        notes=notes,
        evidence=_keyed(data["links"], ("source", "target", "type"), links, "links"),
        no_additional=_keyed(
            data.get("no_additional") or [], ("competency", "framework"), rows, "no_additional"
        ),
    )


def crosswalks_in_spanish(catalog: Catalog, spanish: SpanishCrosswalks) -> Catalog:
    """A copy of ``catalog`` whose links, notes and "no additional" rows say why in Spanish
    where the Spanish file has it (the rest in English); identifiers and types do not change."""
    links = tuple(
        replace(x, evidence=spanish.evidence.get((x.source, x.target, x.type), x.evidence))
        for x in catalog.links
    )
    rows = tuple(
        replace(x, evidence=spanish.no_additional.get((x.competency, x.framework), x.evidence))
        for x in catalog.no_additional
    )
    return replace(
        catalog,
        links=links,
        no_additional=rows,
        crosswalk_notes=spanish.notes or catalog.crosswalk_notes,
        _competencies={},  # built again by the copy, rather than shared with ``catalog``
        _statements={},
    )


def untranslated_links(catalog: Catalog, spanish: SpanishCrosswalks) -> list[str]:
    """What of crosswalks.yaml has no Spanish yet: ``notes``, each link as ``source target type``
    and each "no additional" row as ``competency framework``."""
    missing = ["notes"] if catalog.crosswalk_notes and not spanish.notes else []
    missing += [
        f"{x.source} {x.target} {x.type}"
        for x in catalog.links
        if (x.source, x.target, x.type) not in spanish.evidence
    ]
    missing += [
        f"{x.competency} {x.framework}"
        for x in catalog.no_additional
        if (x.competency, x.framework) not in spanish.no_additional
    ]
    return missing
