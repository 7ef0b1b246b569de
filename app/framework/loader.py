"""Read the framework data files in ``competencies/`` into a Catalog (pure: no Flask)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from app.framework.models import (
    FRAMEWORK_IDS,
    Catalog,
    Competency,
    CompetencyTerms,
    Framework,
    LawEthicsTopic,
    Link,
    NoAdditional,
    Phase,
    Source,
    Statement,
)
from app.framework.schema import FrameworkDataError, validate

DEFAULT_DIR = Path(__file__).resolve().parent.parent.parent / "competencies"
FRAMEWORK_FILES = FRAMEWORK_IDS
# Statement lists of a competency and the kind and id letter each gets.
_STATEMENT_LISTS = (
    ("knowledge", "knowledge", "k"),
    ("skills", "skill", "s"),
    ("abilities", "ability", "a"),
    ("themes", "theme", "t"),
    ("examples", "example", "e"),
)


def read_yaml(path: Path) -> Any:
    """Parse one data file; FrameworkDataError names the file on a syntax error."""
    try:
        with path.open(encoding="utf-8") as handle:
            return yaml.safe_load(handle)
    except FileNotFoundError:
        raise FrameworkDataError(path.name, "", "file is missing") from None
    except yaml.YAMLError as error:
        # PyYAML's message embeds the absolute path; report the line and column only.
        mark = getattr(error, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = getattr(error, "problem", None) or "syntax error"
        raise FrameworkDataError(path.name, "", f"not valid YAML{where}: {problem}") from None


def _source(data: dict[str, Any] | None, fallback: Source | None = None) -> Source:
    if not data:
        return fallback or Source(seed="", section="")
    return Source(
        seed=data.get("seed", fallback.seed if fallback else ""),
        section=data.get("section", fallback.section if fallback else ""),
        document=data.get("document", fallback.document if fallback else ""),
        notes=data.get("notes", ""),
    )


def _competency(
    framework_id: str, data: dict[str, Any], framework_source: Source, shorts: dict[str, str]
) -> Competency:
    statements: list[Statement] = []
    for key, kind, letter in _STATEMENT_LISTS:
        for index, text in enumerate(data.get(key) or (), start=1):
            statements.append(Statement(id=f"{data['id']}.{letter}{index}", kind=kind, text=text))
    for ksa in data.get("ksas") or ():
        statements.append(
            Statement(
                id=ksa["id"],
                kind="ksa",
                text=ksa["text"],
                items=ksa.get("items"),
                percent=ksa.get("percent"),
            )
        )
    return Competency(
        id=data["id"],
        framework=framework_id,
        number=data["number"],
        title=data["title"],
        short_title=shorts.get(data["id"], ""),
        source=_source(data.get("source"), framework_source),
        statements=tuple(statements),
        topics=tuple(data.get("topics") or ()),
        summary=data.get("summary") or "",
        phase=data.get("phase"),
        items=data.get("items"),
        weight_percent=data.get("weight_percent"),
    )


def load_framework(path: Path, shorts: dict[str, str] | None = None) -> Framework:
    """One framework file, validated against its schema; ``shorts``: short names by identifier."""
    data = read_yaml(path)
    validate(path.name, data, "framework")
    source = _source(data["source"])
    return Framework(
        id=data["id"],
        title=data["title"],
        kind=data["kind"],
        version=str(data["version"]),
        source=source,
        competencies=tuple(
            _competency(data["id"], c, source, shorts or {}) for c in data["competencies"]
        ),
        phases=tuple(
            Phase(id=p["id"], title=p["title"], competencies=tuple(p["competencies"]))
            for p in data.get("phases") or ()
        ),
        total_items=data.get("total_items"),
    )


def load_catalog(directory: str | Path | None = None) -> Catalog:
    """Every framework, the crosswalks and the law-and-ethics topics under ``directory``."""
    directory = Path(directory) if directory else DEFAULT_DIR
    names = read_yaml(directory / "terms.yaml")
    validate("terms.yaml", names, "terms")
    shorts = {identifier: entry["short"] for identifier, entry in names["competencies"].items()}
    frameworks = {
        name: load_framework(directory / f"{name}.yaml", shorts) for name in FRAMEWORK_FILES
    }

    crosswalks = read_yaml(directory / "crosswalks.yaml")
    validate("crosswalks.yaml", crosswalks, "crosswalks")
    topics = read_yaml(directory / "law_ethics_topics.yaml")
    validate("law_ethics_topics.yaml", topics, "law_ethics")

    catalog = Catalog(
        frameworks=frameworks,
        terms={
            identifier: CompetencyTerms(
                id=identifier,
                short=entry["short"],
                aliases=tuple(entry.get("aliases") or ()),
                es_title=(entry.get("es") or {}).get("title", ""),
                es_short=(entry.get("es") or {}).get("short", ""),
                es_terms=tuple((entry.get("es") or {}).get("terms") or ()),
            )
            for identifier, entry in names["competencies"].items()
        },
        terms_source={str(k): str(v) for k, v in (names.get("source") or {}).items()},
        links=tuple(Link(**link) for link in crosswalks.get("links") or ()),
        no_additional=tuple(NoAdditional(**item) for item in crosswalks.get("no_additional") or ()),
        law_ethics_topics=tuple(
            LawEthicsTopic(id=t["id"], title=t["title"], keywords=tuple(t.get("keywords") or ()))
            for t in topics["topics"]
        ),
        law_ethics_source=_source(topics.get("source")),
        crosswalk_version=str(crosswalks.get("version", "")),
        crosswalk_notes=tuple(
            str(n) if not isinstance(n, dict) else n.get("text", str(n))
            for n in crosswalks.get("notes") or ()
        ),
    )
    _check_references(catalog)
    return catalog


def _check_references(catalog: Catalog) -> None:
    """Every crosswalk end, phase member and named competency must be a known identifier."""
    _check_terms(catalog)
    _check_links_and_phases(catalog)


def _check_terms(catalog: Catalog) -> None:
    for identifier in catalog.terms:
        if not catalog.has(identifier):
            raise FrameworkDataError(
                "terms.yaml", f"competencies.{identifier}", f"unknown identifier {identifier!r}"
            )
    for framework in catalog.frameworks.values():
        if framework.kind == "exam":
            continue
        for competency in framework.competencies:
            if competency.id not in catalog.terms:
                raise FrameworkDataError(
                    "terms.yaml",
                    f"competencies.{competency.id}",
                    "missing: every competency needs a short name",
                )


def _check_links_and_phases(catalog: Catalog) -> None:
    for index, link in enumerate(catalog.links):
        for end in ("source", "target"):
            identifier = getattr(link, end)
            if not catalog.has(identifier):
                raise FrameworkDataError(
                    "crosswalks.yaml", f"links[{index}].{end}", f"unknown identifier {identifier!r}"
                )
    for framework in catalog.frameworks.values():
        for phase in framework.phases:
            for identifier in phase.competencies:
                if identifier not in framework.competency_ids():
                    raise FrameworkDataError(
                        f"{framework.id}.yaml",
                        f"phases.{phase.id}",
                        f"unknown competency {identifier!r}",
                    )


@lru_cache(maxsize=4)
def cached_catalog(directory: str | None = None) -> Catalog:
    """The catalog, loaded once per process per directory."""
    return load_catalog(directory)
