"""Interchange formats: the API's JSON shape, CASE 1.0 CFPackage and Moodle's framework CSV (pure).

Their field and column names stay English whatever the page's language: CASE's are the schema's
(shared/interop/case-v1p0-cfpackage-schema.json) and Moodle's importer matches its column names
exactly; a translated name would not be read. (Downloads for people: app/i18n/exports.py.)
"""

from __future__ import annotations

import csv
import io
import uuid
from html import escape
from typing import Any

import networkx as nx

from app.framework import services
from app.framework.citations import cite, plain
from app.framework.models import Catalog, Competency, Framework

# Every identifier is uuid5 of this namespace and our own identifier, so exports are stable.
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://curriculum-mapper.local/competencies")
# CASE has no date of its own for our data: the version date of the transcription.
LAST_CHANGE = "2024-01-01T00:00:00+00:00"
CASE_ASSOCIATION = {
    "same-as": "exactMatchOf",
    "builds-on": "isRelatedTo",
    "related": "isRelatedTo",
    "feeds": "isRelatedTo",
}


def stable_uuid(identifier: str) -> str:
    """The UUID for one of our identifiers; the same on every export."""
    return str(uuid.uuid5(NAMESPACE, identifier))


def competency_json(graph: nx.MultiDiGraph, competency: Competency) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": competency.id,
        "number": competency.number,
        "title": competency.title,
        "statements": [s.text for s in competency.statements],
        "topics": list(competency.topics),
        "related": services.related_competency_ids(graph, competency.id),
        "statement_kinds": [s.kind for s in competency.statements],
        "source": {"seed": competency.source.seed, "section": competency.source.section},
    }
    if competency.phase:
        data["phase"] = competency.phase
    if competency.summary:
        data["summary"] = competency.summary
    if competency.weight_percent is not None:
        data["weight_percent"] = competency.weight_percent
        data["items"] = competency.items
        data["ksas"] = [
            {"id": s.id, "text": s.text, "percent": s.percent, "items": s.items}
            for s in competency.statements
        ]
    if competency.framework != "exam":
        data["exam_items"] = [ksa for ksa, _, _ in services.exam_items(graph, competency.id)]
    return data


def framework_json(graph: nx.MultiDiGraph, framework: Framework) -> dict[str, Any]:
    """The API shape: id, title, version, source, competencies (with statements, topics, related)."""
    data: dict[str, Any] = {
        "id": framework.id,
        "title": framework.title,
        "kind": framework.kind,
        "version": framework.version,
        "source": {
            "document": framework.source.document,
            "seed": framework.source.seed,
            "section": framework.source.section,
            "notes": framework.source.notes,
        },
        "competencies": [competency_json(graph, c) for c in framework.competencies],
    }
    if framework.phases:
        data["phases"] = [
            {"id": p.id, "title": p.title, "competencies": list(p.competencies)}
            for p in framework.phases
        ]
    if framework.total_items is not None:
        data["total_items"] = framework.total_items
    return data


def case_package(catalog: Catalog, framework_id: str, base_uri: str) -> dict[str, Any]:
    """A CASE 1.0 CFPackage: the framework, its items (competencies and statements), associations."""
    framework = catalog.framework(framework_id)
    base_uri = base_uri.rstrip("/")
    document_id = stable_uuid(f"framework:{framework.id}")
    document_uri = f"{base_uri}/frameworks/{framework.id}"
    document = {
        "identifier": document_id,
        "uri": document_uri,
        "creator": "California Mental Health Services Authority (CalMHSA)",
        "title": framework.title,
        "lastChangeDateTime": LAST_CHANGE,
        "publisher": "Curriculum Mapper",
        "description": f"{framework.source.document} — {framework.source.section}".strip(" —"),
        "language": "en",
        "version": framework.version,
        "adoptionStatus": "Adopted",
        "notes": f"Source: {framework.source.seed}, {framework.source.section}. {framework.source.notes}".strip(),
    }
    items: list[dict[str, Any]] = []
    associations: list[dict[str, Any]] = []
    uri_of: dict[str, str] = {}
    title_of: dict[str, str] = {}

    def item(
        identifier: str, statement: str, item_type: str, coding: str, notes: str = "", **extra: Any
    ) -> dict:
        uid = stable_uuid(identifier)
        uri = f"{base_uri}/competencies/{identifier}"
        uri_of[identifier] = uri
        title_of[identifier] = statement[:200]
        entry = {
            "identifier": uid,
            "fullStatement": statement,
            "CFItemType": item_type,
            "uri": uri,
            "humanCodingScheme": coding,
            "language": "en",
            "lastChangeDateTime": LAST_CHANGE,
        }
        if notes:
            entry["notes"] = notes
        entry.update(extra)
        items.append(entry)
        return entry

    def associate(
        origin: str,
        destination: str,
        kind: str,
        origin_uri: str,
        dest_uri: str,
        dest_title: str,
        sequence: int | None = None,
    ):
        assoc = {
            "identifier": stable_uuid(f"assoc:{origin}:{kind}:{destination}"),
            "associationType": kind,
            "uri": f"{base_uri}/associations/{origin}/{kind}/{destination}",
            "originNodeURI": {
                "title": title_of.get(origin, origin),
                "identifier": stable_uuid(origin),
                "uri": origin_uri,
            },
            "destinationNodeURI": {
                "title": dest_title,
                "identifier": stable_uuid(destination),
                "uri": dest_uri,
            },
            "lastChangeDateTime": LAST_CHANGE,
        }
        if sequence is not None:
            assoc["sequenceNumber"] = sequence
        associations.append(assoc)

    for competency in framework.competencies:
        item_type = "Domain" if framework.kind == "exam" else "Competency"
        item(
            competency.id,
            competency.title,
            item_type,
            competency.id,
            notes=f"{competency.source.section}",
        )
        associate(
            competency.id,
            f"framework:{framework.id}",
            "isChildOf",
            uri_of[competency.id],
            document_uri,
            framework.title,
            competency.number,
        )
        for sequence, statement in enumerate(competency.statements, start=1):
            kind = {"ksa": "Exam KSA"}.get(statement.kind, statement.kind.title())
            extra = (
                {"abbreviatedStatement": f"{statement.items} exam items"}
                if statement.items is not None
                else {}
            )
            item(statement.id, statement.text, kind, statement.id, **extra)
            associate(
                statement.id,
                competency.id,
                "isChildOf",
                uri_of[statement.id],
                uri_of[competency.id],
                competency.title,
                sequence,
            )
        for index, topic in enumerate(competency.topics, start=1):
            topic_id = f"{competency.id}.topic{index}"
            item(topic_id, topic, "Training topic", topic_id)
            associate(
                topic_id,
                competency.id,
                "isChildOf",
                uri_of[topic_id],
                uri_of[competency.id],
                competency.title,
                index,
            )

    own = set(framework.competency_ids()) | {
        s.id for c in framework.competencies for s in c.statements
    }
    for link in catalog.links:
        if link.source not in own and link.target not in own:
            continue
        kind = CASE_ASSOCIATION[link.type]
        for end in (link.source, link.target):
            if end not in uri_of:
                uri_of[end] = f"{base_uri}/competencies/{end}"
                title_of[end] = _title(catalog, end)
        associate(
            link.source,
            link.target,
            kind,
            uri_of[link.source],
            uri_of[link.target],
            title_of[link.target],
        )
    return {
        "CFDocument": document,
        "CFItems": items,
        "CFAssociations": associations,
        "CFDefinitions": [],
        "CFRubrics": [],
    }


def _title(catalog: Catalog, identifier: str) -> str:
    try:
        return catalog.competency(identifier).title
    except KeyError:
        return catalog.statement(identifier).text[:200]


MOODLE_COLUMNS = (
    "parentidnumber",
    "idnumber",
    "shortname",
    "description",
    "descriptionformat",
    "scalevalues",
    "scaleconfiguration",
    "ruletype",
    "ruleoutcome",
    "ruleconfig",
    "relatedidnumbers",
    "exportid",
    "isframework",
    "taxonomy",
)
# The header Moodle's own export writes (tool_lpimportcsv list_required_headers, English strings);
# its importer reads the columns by position, in this order.
MOODLE_HEADERS = (
    "Parent ID number",
    "ID number",
    "Short name",
    "Description",
    "Description format",
    "Scale values",
    "Scale configuration",
    "Rule type (optional)",
    "Rule outcome (optional)",
    "Rule config (optional)",
    "Cross-referenced competency ID numbers",
    "Exported ID (optional)",
    "Is framework",
    "Taxonomy",
)
# Moodle stores short names and ID numbers in 100-character columns and cuts longer ones.
MOODLE_TEXT_MAX = 100
MOODLE_FORMAT_HTML = "1"
SCALE_VALUES = "Not yet competent,Competent"
SCALE_CONFIGURATION = '[{"scaleid":"2"},{"id":1,"scaledefault":1,"proficient":0},{"id":2,"scaledefault":0,"proficient":1}]'
LINK_WORDS = {
    "builds-on": "builds on",
    "same-as": "has the same name as",
    "related": "is related to",
    "feeds": "feeds the exam item",
}


def moodle_short_name(text: str) -> str:
    """``text`` when it fits Moodle's 100 characters, else cut at a word and ended with "…"."""
    text = " ".join(text.split())
    if len(text) <= MOODLE_TEXT_MAX:
        return text
    cut = text[: MOODLE_TEXT_MAX - 1]
    if " " in cut:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:") + "…"


def _paragraphs(*texts: str) -> str:
    """Moodle descriptions are HTML: each text escaped, one paragraph each."""
    return "".join(f"<p>{escape(text)}</p>" for text in texts if text)


def moodle_csv(catalog: Catalog, graph: nx.MultiDiGraph, framework_id: str) -> str:
    """Moodle's competency-framework CSV (admin tool_lpimportcsv): the framework row, then competencies.

    Short names fit Moodle's 100 characters (a longer competency title uses its short title, a
    longer statement is cut at a word) and every description holds the full text. Moodle relates
    competencies only within one framework, so links to other frameworks are written into the
    description rather than the cross-reference column.
    """
    framework = catalog.framework(framework_id)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(MOODLE_HEADERS)
    taxonomy = "domain,competency" if framework.kind == "exam" else "competency,behaviour"
    writer.writerow(
        [
            "",
            framework.id,
            moodle_short_name(framework.title),
            _paragraphs(
                framework.title,
                f"Source: {framework.source.document}, {cite(framework.source.section, framework.source.seed)}.",
                plain(framework.source.notes),
            ),
            MOODLE_FORMAT_HTML,
            SCALE_VALUES,
            SCALE_CONFIGURATION,
            "",
            "",
            "",
            "",
            stable_uuid(f"framework:{framework.id}"),
            "1",
            taxonomy,
        ]
    )
    own = set(framework.competency_ids())
    for competency in framework.competencies:
        short = (
            competency.title if len(competency.title) <= MOODLE_TEXT_MAX else competency.short_name
        )
        links = [
            f"{competency.id} {LINK_WORDS[r.link_type]} {r.other} {r.other_title}"
            if r.direction == "outgoing"
            else f"{r.other} {r.other_title} {LINK_WORDS[r.link_type]} {competency.id}"
            for r in services.related(graph, competency.id)
            if r.other_framework != framework.id and r.link_type != "feeds"
        ]
        related = [r for r in services.related_competency_ids(graph, competency.id) if r in own]
        writer.writerow(
            [
                "",
                competency.id,
                _moodle_text(moodle_short_name(short)),
                _paragraphs(
                    competency.title,
                    competency.summary,
                    f"Source: {cite(competency.source.section, competency.source.seed)}.",
                    ("Links to other frameworks: " + "; ".join(links) + ".") if links else "",
                ),
                MOODLE_FORMAT_HTML,
                *[""] * 5,
                ",".join(related),
                stable_uuid(competency.id),
                "0",
                "",
            ]
        )
        for statement in competency.statements:
            writer.writerow(
                [
                    competency.id,
                    statement.id,
                    _moodle_text(moodle_short_name(statement.text)),
                    _paragraphs(statement.text),
                    MOODLE_FORMAT_HTML,
                    *[""] * 6,
                    stable_uuid(statement.id),
                    "0",
                    "",
                ]
            )
    return buffer.getvalue()


def _moodle_text(text: str) -> str:
    """Spreadsheet programs run cells that start with = + - @: keep them as text."""
    text = (text or "").strip()
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text
